import Foundation
import GRDB
import TaskSchema

extension Workspace {
    /// Who has answered the round, who is late: read from the ledger alone (no file is opened).
    public struct Status: Sendable, Encodable {
        public struct Unit: Sendable, Encodable {
            public var name: String
            public var tasks: Int
            public var sent: Bool
            public var returned: Bool
            /// No accepted file and the due date has passed.
            public var late: Bool
            /// The accepted file, as collected, and when.
            public var file: String?
            public var received: String?
            public var problems: Int
        }
        public var round: String
        public var due: String?
        public var units: [Unit]
        public var tasks: Int
        /// Tasks with at least one accepted report.
        public var reported: Int
        public var missing: [String]
        public var late: [String]
    }

    /// `today` decides lateness (default: the machine's date).
    public func status(round label: String? = nil, today: CalendarDay? = nil) throws -> Status {
        try database.read { db in
            let round = try self.round(label, in: db)
            let sent = Set(try String.fetchAll(db, sql: "SELECT unit FROM dispatched WHERE round = ?", arguments: [round.label]))
            let accepted = try Row.fetchAll(db, sql: """
                SELECT analysed.id, analysed.unit, analysed.path, received.received FROM analysed
                JOIN received ON received.id = analysed.received
                WHERE received.round = ? AND analysed.status = 'accepted'
                """, arguments: [round.label])
            var files: [String: Row] = [:]
            for row in accepted { if let unit: String = row["unit"], files[unit] == nil { files[unit] = row } }
            let problems = Dictionary(try Row.fetchAll(db, sql: """
                SELECT analysed, COUNT(*) AS n FROM problem WHERE analysed IN (
                    SELECT analysed.id FROM analysed JOIN received ON received.id = analysed.received
                    WHERE received.round = ? AND analysed.status = 'accepted')
                GROUP BY analysed
                """, arguments: [round.label]).map { ($0["analysed"] as Int64, $0["n"] as Int) }, uniquingKeysWith: +)
            let today = today ?? Self.today()
            let overdue = round.due.flatMap(CalendarDay.init(iso:)).map { today > $0 } ?? false
            let units = try Row.fetchAll(db, sql: "SELECT name, tasks FROM unit ORDER BY position").map { row -> Status.Unit in
                let name: String = row["name"]
                let file = files[name]
                return Status.Unit(name: name, tasks: row["tasks"], sent: sent.contains(name), returned: file != nil,
                                   late: file == nil && overdue, file: file?["path"], received: file?["received"],
                                   problems: file.map { problems[$0["id"] as Int64] ?? 0 } ?? 0)
            }
            let tasks = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task") ?? 0
            let reported = try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT value.task) FROM value JOIN analysed ON analysed.id = value.analysed
                JOIN received ON received.id = analysed.received WHERE received.round = ? AND analysed.status = 'accepted'
                """, arguments: [round.label]) ?? 0
            return Status(round: round.label, due: round.due, units: units, tasks: tasks, reported: reported,
                          missing: units.filter { !$0.returned }.map(\.name), late: units.filter(\.late).map(\.name))
        }
    }

    static func today() -> CalendarDay {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
