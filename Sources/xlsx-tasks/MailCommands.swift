import ArgumentParser
import Foundation
import TaskSchema
import Workspace

struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts", abstract: "The units' 联系人, 邮箱, 抄送 and 电话, for the mail.",
        subcommands: [Template.self, Import.self])

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a workbook listing every unit with blank contact columns (stored ones filled in).")

        @Option(name: .shortAndLong, help: "The workbook to write, e.g. 联系人.xlsx.")
        var output: String

        @OptionGroup var options: WorkspaceOptions

        func run() throws {
            do { try options.open().writeContactsTemplate(to: URL(fileURLWithPath: output)) } catch { throw fail(error) }
            if options.json { return try printJSON(["output": output]) }
            print("wrote \(output); fill in 联系人, 邮箱 (several allowed, separated by ；), 抄送, 电话, then: xlsx-tasks contacts import \(output)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store the contacts of a filled workbook (xlsx, xls or CSV); every address is checked.")

        @Argument(help: "The contacts workbook or CSV.")
        var file: String

        @OptionGroup var options: WorkspaceOptions

        func run() throws {
            let imported: Workspace.ContactsImported
            do { imported = try options.open().importContacts(file) } catch { throw fail(error) }
            if options.json { return try printJSON(imported) }
            print("\(file): \(imported.contacts) unit(s) stored")
            if !imported.withoutAddress.isEmpty { print("no address yet: \(imported.withoutAddress.joined(separator: "、"))") }
            if !imported.unknownUnits.isEmpty { print("not units of the master (ignored): \(imported.unknownUnits.joined(separator: "、"))") }
        }
    }
}

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Write one ready-to-send message (.eml) per unit with its workbook attached, or 催办 reminders with --late.",
        discussion: "Drafts go to rounds/LABEL/mail/ (or -o DIR): open one in Outlook, Foxmail or Thunderbird and send it. Nothing is sent by this command.")

    @OptionGroup var choice: RoundChoice

    @Flag(help: "Reminders for the units with no accepted file (firmer after the due date).")
    var late = false

    @Option(name: .shortAndLong, help: "The folder for the .eml files (default: rounds/LABEL/mail/).")
    var output: String?

    @Option(help: "The office's address, stored for every later message.")
    var from: String?

    @Option(help: "The office's 联系人, 电话, as the messages should say it.")
    var contact: String = ""

    @OptionGroup var today: TodayOption

    @OptionGroup var options: WorkspaceOptions

    func run() throws {
        let written: Workspace.MailWritten
        do {
            written = try options.open().writeMail(round: choice.round, late: late, into: output.map { URL(fileURLWithPath: $0) }, from: from,
                                                   contact: contact, today: today.day)
        } catch { throw fail(error) }
        if options.json { return try printJSON(written) }
        for message in written.messages {
            print("\(message.path): \(message.unit) → \(message.to.isEmpty ? "(no address)" : message.to.joined(separator: ", "))")
        }
        print("round \(written.round): \(written.messages.count) message(s) written" + (late ? " (reminders)" : ""))
        if written.from == nil { print("notice: no sender address set (mail --from ADDRESS): the mail client fills in From") }
        if !written.withoutAddress.isEmpty {
            print("notice: no address for \(written.withoutAddress.joined(separator: "、")); fill in 联系人.xlsx and run contacts import")
        }
    }
}
