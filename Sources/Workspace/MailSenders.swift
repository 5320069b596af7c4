import GRDB
import TaskSchema

extension Workspace {
    /// What tells a collected mail's unit: every contact address (To and 抄送; one several
    /// units share tells nothing) and the Message-ID of every notice and reminder written.
    func senderDirectory(round: String) throws -> SenderDirectory {
        var owners: [String: Set<String>] = [:]
        for contact in try contacts() {
            for address in contact.email + contact.cc { owners[address.lowercased(), default: []].insert(contact.unit) }
        }
        let notices = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT message_id, unit, round FROM message").map { row in
                (row["message_id"] as String, (unit: row["unit"] as String, round: row["round"] as String))
            }
        }
        return SenderDirectory(addresses: owners.compactMapValues { $0.count == 1 ? $0.first : nil },
                               notices: Dictionary(notices, uniquingKeysWith: { first, _ in first }), round: round)
    }
}
