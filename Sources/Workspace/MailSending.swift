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
            /// sent, would-send (dry run), skipped (no address or no sender), failed.
            public var status: String
            public var reason: String?
        }
        public var round: String
        public var messages: [Message]
    }

    /// `progress` is told of each message as it is done (the command prints as it goes).
    public func sendMail(round label: String? = nil, server: SmtpSender.Server?, interval: Double = 1, dryRun: Bool = false,
                         progress: (MailSent.Message) -> Void = { _ in }) throws -> MailSent {
        let round = try self.round(label)
        let drafts = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM message WHERE round = ? AND sent IS NULL ORDER BY written, rowid", arguments: [round.label])
        }
        guard !drafts.isEmpty else {
            throw WorkspaceError("round \(round.label): no message waiting to be sent; write them first: xlsx-tasks mail [--late]")
        }
        let sender = try dryRun ? nil : server.map { try SmtpSender($0) }
        var done: [MailSent.Message] = []
        var first = true
        for row in drafts {
            let unit: String = row["unit"], id: String = row["message_id"]
            let recipients = ((row["recipients"] as String?) ?? "").split(separator: ",").compactMap {
                try? MailAddress.check(String($0)).get()
            }
            var outcome = MailSent.Message(unit: unit, to: recipients.map(\.address), messageID: id, status: "sent", reason: nil)
            let from = (row["sender"] as String?).flatMap { try? MailAddress.check($0).get() }
            if recipients.isEmpty || from == nil {
                outcome.status = "skipped"
                outcome.reason = recipients.isEmpty ? "no address: fill in the contacts and write it again" : "written without a sender: write it again with mail --from"
            } else if dryRun {
                outcome.status = "would-send"
            } else if let sender {
                if !first && interval > 0 { Thread.sleep(forTimeInterval: interval) }
                first = false
                do {
                    try sender.send(try Data(contentsOf: workspaceFile(row["file"])), from: from!, to: recipients)
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
