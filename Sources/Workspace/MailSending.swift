import Foundation
import GRDB
import Mail

/// `mail --send`: the round's drafts not sent yet, one at a time at a bounded rate, each marked
/// sent as soon as the server has accepted it — a rerun after a failure or a kill sends only the
/// rest. (A kill between the server's acceptance and the mark can send that one message twice;
/// nothing can be lost.)
extension Workspace {
    public struct MailSent: Sendable, Encodable {
        public struct Message: Sendable, Encodable {
            public var unit: String
            public var to: [String]
            public var messageID: String
            /// invitation (邀请), reminder (催报) or reminder-overdue (逾期催报).
            public var kind: String
            /// sent, would-send (dry run), skipped (no address or no sender), dropped (a reminder to a
            /// unit that has returned since it was written: never sent), failed.
            public var status: String
            public var reason: String?
        }
        public var round: String
        public var messages: [Message]
    }

    /// `reminders`: the 催报 drafts (`mail --late --send`), else the invitations (`mail --send`).
    /// `progress` is told of each message as it is done (the command prints as it goes).
    public func sendMail(round label: String? = nil, reminders: Bool = false, server: SmtpSender.Server?, interval: Double = 1,
                         dryRun: Bool = false, progress: (MailSent.Message) -> Void = { _ in }) throws -> MailSent {
        let round = try self.round(label)
        let kinds = reminders ? "('reminder', 'reminder-overdue')" : "('invitation')"
        let drafts = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM message WHERE round = ? AND sent IS NULL AND dropped IS NULL AND kind IN \(kinds) ORDER BY written, rowid",
                             arguments: [round.label])
        }
        guard !drafts.isEmpty else {
            throw WorkspaceError("round \(round.label): no message waiting to be sent (\(reminders ? "reminders" : "invitations")); write them first: xlsx-tasks mail\(reminders ? " --late" : "")")
        }
        let returned = Set(try database.read { db in
            try String.fetchAll(db, sql: "SELECT unit FROM unit_round WHERE round = ? AND state = 'returned'", arguments: [round.label])
        })
        let sender = try dryRun ? nil : server.map { try SmtpSender($0) }
        var done: [MailSent.Message] = []
        var first = true
        for row in drafts {
            let unit: String = row["unit"], id: String = row["message_id"]
            let recipients = ((row["recipients"] as String?) ?? "").split(separator: ",").compactMap {
                try? MailAddress.check(String($0)).get()
            }
            let kind: String = row["kind"]
            var outcome = MailSent.Message(unit: unit, to: recipients.map(\.address), messageID: id, kind: kind, status: "sent", reason: nil)
            let from = (row["sender"] as String?).flatMap { try? MailAddress.check($0).get() }
            let draft = workspaceFile(row["file"])
            if kind != "invitation" && returned.contains(unit) {
                // A reminder never goes to a unit that has returned since it was written.
                outcome.status = "dropped"
                outcome.reason = "the unit has returned since the reminder was written"
                if !dryRun {
                    try database.write { db in
                        try db.execute(sql: "UPDATE message SET dropped = ? WHERE message_id = ?", arguments: [Self.now(), id])
                        try record(db, "mail dropped", "\(round.label) \(unit) \(id): returned since written")
                    }
                }
            } else if !FileManager.default.fileExists(atPath: draft.path) {
                outcome.status = "skipped"
                outcome.reason = "the draft \(relative(draft)) is gone; write it again: xlsx-tasks mail\(kind == "invitation" ? "" : " --late")"
            } else if recipients.isEmpty || from == nil {
                outcome.status = "skipped"
                outcome.reason = recipients.isEmpty ? "no address: fill in the contacts and write it again" : "written without a sender: write it again with mail --from"
            } else if dryRun {
                outcome.status = "would-send"
            } else if let sender {
                if !first && interval > 0 { Thread.sleep(forTimeInterval: interval) }
                first = false
                do {
                    try sender.send(try Data(contentsOf: draft), from: from!, to: recipients)
                    try database.write { db in
                        try db.execute(sql: "UPDATE message SET sent = ? WHERE message_id = ?", arguments: [Self.now(), id])
                        try record(db, "mail sent", "\(round.label) \(unit) \(id) → \(outcome.to.joined(separator: ", "))")
                    }
                } catch {
                    outcome.status = "failed"
                    outcome.reason = "\(error)"
                }
            }
            progress(outcome)
            done.append(outcome)
        }
        return MailSent(round: round.label, messages: done)
    }
}
