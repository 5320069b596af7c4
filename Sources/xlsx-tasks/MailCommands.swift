import ArgumentParser
import Foundation
import Mail
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
        discussion: "Drafts go to rounds/LABEL/mail/ (or -o DIR): open one in Outlook, Foxmail or Thunderbird and send it. Nothing is sent without --send, which sends the drafts written and not sent yet through the office's SMTP server; the password comes from XLSX_TASKS_SMTP_PASSWORD or is asked for, never from a flag or a file.")

    @OptionGroup var choice: RoundChoice

    @Flag(help: "Reminders for the units with no accepted file (firmer after the due date).")
    var late = false

    @Option(name: .shortAndLong, help: "The folder for the .eml files (default: rounds/LABEL/mail/).")
    var output: String?

    @Option(help: ArgumentHelp("The office's sender, stored for every later message: \"市政府督查室 <ducha@example.cn>\" or an address.", valueName: "MAILBOX"))
    var from: String?

    @Option(help: "The office's 联系人, 电话, as the messages should say it (kept for every later message and round).")
    var contact: String = ""

    @OptionGroup var today: TodayOption

    @Flag(help: "Send the round's invitations written and not sent yet (with --late: its reminders; nothing twice, no reminder to a unit that has returned).")
    var send = false

    @Option(help: ArgumentHelp("The office's mail server: smtps://host:465 (TLS) or smtp://host:587 (STARTTLS, required).", valueName: "URL"))
    var smtp: String?

    @Option(help: "The login at the mail server (often the address itself).")
    var user: String?

    @Option(help: ArgumentHelp("A CA certificate bundle for a server the system does not trust.", valueName: "FILE"))
    var caFile: String?

    @Option(help: "Seconds between two messages.")
    var interval: Double = 1

    @Flag(help: "With --send: show what would be sent, send nothing.")
    var dryRun = false

    @OptionGroup var options: WorkspaceOptions

    func validate() throws {
        if send && smtp == nil && !dryRun { throw ValidationError("--send needs --smtp smtps://host:465 or smtp://host:587") }
        if !send && (smtp != nil || dryRun) { throw ValidationError("--smtp and --dry-run go with --send") }
        if interval < 0 { throw ValidationError("--interval must not be negative") }
    }

    func run() throws {
        if send { return try sendDrafts() }
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

    func sendDrafts() throws {
        // Never a flag (shell history, ps) nor a file: the environment or a prompt.
        var password = ProcessInfo.processInfo.environment["XLSX_TASKS_SMTP_PASSWORD"]
        if password == nil, user != nil, !dryRun, isatty(0) == 1, let typed = getpass("password for \(user!) at \(smtp!): ") {
            password = String(cString: typed)
        }
        if user != nil && password == nil && !dryRun {
            throw fail(ValidationError("no password: set XLSX_TASKS_SMTP_PASSWORD or run in a terminal to be asked"))
        }
        let server = smtp.map { SmtpSender.Server(url: $0, user: user, password: password, caFile: caFile) }
        let sent: Workspace.MailSent
        do {
            sent = try options.open().sendMail(round: choice.round, reminders: late, server: server, interval: interval, dryRun: dryRun) { message in
                guard !options.json else { return }
                print("\(message.kind)\t\(message.unit) → \(message.to.isEmpty ? "(no address)" : message.to.joined(separator: ", ")): \(message.status)"
                      + (message.reason.map { " (\($0))" } ?? ""))
            }
        } catch { throw fail(error) }
        if options.json { return try printJSON(sent) }
        let count = { (status: String) in sent.messages.filter { $0.status == status }.count }
        print("round \(sent.round): \(count(dryRun ? "would-send" : "sent")) \(dryRun ? "would be sent" : "sent"), \(count("skipped")) skipped, "
              + "\(count("dropped")) dropped (returned since), \(count("failed")) failed")
        if count("failed") > 0 { throw ExitCode(1) }
    }
}
