import Foundation
import GRDB
import Mail
import TaskSchema
import WorkbookIO

/// `mail`: one ready-to-send message per unit, its workbook attached — a draft (.eml, `X-Unsent: 1`)
/// the clerk opens in Outlook, Foxmail or Thunderbird and sends, or that `mail --send` sends.
extension Workspace {
    public struct MailWritten: Sendable, Encodable {
        public struct Message: Sendable, Encodable {
            public var unit: String
            public var path: String
            public var to: [String]
            public var cc: [String]
            public var messageID: String
            public var kind: String
        }
        public var round: String
        public var from: String?
        public var messages: [Message]
        /// Units written to without an address: the draft has no To.
        public var withoutAddress: [String]
    }

    /// `late`: 催办 reminders, only to units with no accepted file (firmer once `today` is past the
    /// due date). `from` ("市政府督查室 <ducha@…>" or an address) and `contact` (the office's
    /// 联系人、电话): stored for every later message; empty, the stored ones are used.
    public func writeMail(round label: String? = nil, late: Bool = false, into folder: URL? = nil, from: String? = nil,
                          contact given: String = "", today: CalendarDay? = nil) throws -> MailWritten {
        let round = try self.round(label)
        if let from {
            let mailbox: (name: String, address: MailAddress)
            switch MailAddress.mailbox(from) {
            case .success(let parsed): mailbox = parsed
            case .failure(let error): throw WorkspaceError("--from \(from): not a mail address (\(error)); e.g. \"市政府督查室 <ducha@example.cn>\"")
            }
            try database.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO setting VALUES ('from', ?)", arguments: [mailbox.address.address])
                try db.execute(sql: "INSERT OR REPLACE INTO setting VALUES ('from_name', ?)", arguments: [mailbox.name])
                try record(db, "mail from", from)
            }
        }
        let contact = try officeContact(given)
        let (senderAddress, senderName) = try database.read { db in
            (try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'from'"),
             try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'from_name'") ?? "")
        }
        let sender = senderAddress.flatMap { try? MailAddress.check($0).get() }
        let overdue = round.due.flatMap(CalendarDay.init(iso:)).map { (today ?? Self.today()) > $0 } ?? false
        let kind: MailTemplate.Kind = late ? (overdue ? .reminderOverdue : .reminder) : .invitation
        let template = try MailTemplate.bundled(kind)
        let contacts = Dictionary(uniqueKeysWithValues: try contacts().map { ($0.unit, $0) })
        let missing = Set(try missingUnits(round: round.label))
        let (document, dispatched) = try database.read { db in
            (try String.fetchOne(db, sql: "SELECT document FROM workspace WHERE id = 1") ?? "",
             try Row.fetchAll(db, sql: "SELECT dispatched.* FROM dispatched JOIN unit ON unit.name = dispatched.unit WHERE round = ? ORDER BY unit.position",
                              arguments: [round.label]))
        }
        let outbox = folder ?? roundFolder(round.label).appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        var messages: [MailWritten.Message] = [], withoutAddress: [String] = []
        var taken: Set<String> = []
        for row in dispatched {
            let unit: String = row["unit"]
            if late && !missing.contains(unit) { continue }
            let person = contacts[unit]
            let to = (person?.email ?? []).compactMap { try? MailAddress.check($0).get() }
            let cc = (person?.cc ?? []).compactMap { try? MailAddress.check($0).get() }
            if to.isEmpty { withoutAddress.append(unit) }
            let tasks = (try? JSONDecoder().decode([String].self, from: Data((row["tasks"] as String).utf8)).count) ?? 0
            // Short: Outlook and QQ Mail mangle long attachment names.
            let fileName = FileName.safeStem("\(unit)-\(round.label)", avoidingLowercased: []) + ".xlsx"
            let values = ["unit": unit, "period": round.label, "deadline": round.due.flatMap(CalendarDay.init(iso:))?.chinese ?? "",
                          "tasks": String(tasks), "document": document, "file": fileName, "contact": contact,
                          "contactName": person?.person ?? ""]
            let text = template.filled(values)
            var message = MimeMessage(from: sender.map { MimeMessage.Mailbox(name: senderName, address: $0) },
                                      to: to.map { MimeMessage.Mailbox(name: person?.person ?? "", address: $0) },
                                      subject: text.subject, body: text.body)
            message.cc = cc.map { MimeMessage.Mailbox(address: $0) }
            let workbook = workspaceFile(row["file"])
            message.attachments = [.init(fileName: fileName, contentType: MimeMessage.spreadsheetType, data: try Data(contentsOf: workbook))]
            let name = FileName.safeStem(unit, avoidingLowercased: taken) + (late ? "-催报" : "") + ".eml"
            taken.insert(name.lowercased())
            let path = outbox.appendingPathComponent(name)
            try AtomicFile.write(try message.render(), to: path)
            try database.write { db in
                // A draft written again replaces the one not sent yet (the file is the same).
                try db.execute(sql: "DELETE FROM message WHERE round = ? AND unit = ? AND kind = ? AND sent IS NULL",
                               arguments: [round.label, unit, kind.rawValue])
                try db.execute(sql: """
                    INSERT INTO message (message_id, round, unit, kind, file, written, sender, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [message.messageID, round.label, unit, kind.rawValue, relative(path), Self.now(), sender?.address,
                                     (to + cc).map(\.address).joined(separator: ", ")])
            }
            messages.append(.init(unit: unit, path: relative(path), to: to.map(\.address), cc: cc.map(\.address), messageID: message.messageID,
                                  kind: kind.rawValue))
        }
        try database.write { try record($0, "mail", "\(round.label): \(messages.count) \(kind.rawValue) message(s) in \(relative(outbox))") }
        return MailWritten(round: round.label, from: sender?.address, messages: messages, withoutAddress: withoutAddress)
    }

    /// The office's 联系人、电话 for forms and mails: `given` is kept for every later round and
    /// message (the latest wins); empty, the one kept is used.
    func officeContact(_ given: String) throws -> String {
        let given = given.trimmingCharacters(in: .whitespaces)
        if !given.isEmpty {
            try database.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO setting VALUES ('contact', ?)", arguments: [given])
            }
            return given
        }
        return try database.read { try String.fetchOne($0, sql: "SELECT value FROM setting WHERE key = 'contact'") } ?? ""
    }

    func workspaceFile(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
    }
}
