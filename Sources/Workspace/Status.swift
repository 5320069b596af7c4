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
        /// Tasks by light on the round's due date (today without one), when the plan's span is known.
        public var lights: Lights?
        /// The plan's 序时进度 on that day, in percent.
        public var expected: Double?
    }

    public struct Lights: Sendable, Encodable, Equatable {
        public var red = 0, yellow = 0, blue = 0, green = 0
        init(_ counts: [Light: Int]) {
            red = counts[.red] ?? 0
            yellow = counts[.yellow] ?? 0
            blue = counts[.blue] ?? 0
            green = counts[.green] ?? 0
        }
    }

    /// `today` decides lateness (default: the machine's date).
    /// `template`: for the lights (which columns are the percent and the status); nil for none.
    public func status(round label: String? = nil, today: CalendarDay? = nil, template: ReportTemplate? = nil) throws -> Status {
        let span = template == nil ? nil : try planSpan()
        let lights = try template.flatMap { template in try span.map { try self.lights(round: label, template: template, span: $0) } }
        return try database.read { db in
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
            // A task is reported with a value in an accepted file, or a correction of the clerk's
            // (counted from the standings when the lights are known: no pass over the values).
            let reported = span != nil && lights != nil ? 0 : try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (
                    SELECT value.task FROM value JOIN analysed ON analysed.id = value.analysed
                    JOIN received ON received.id = analysed.received WHERE received.round = ? AND analysed.status = 'accepted'
                    UNION SELECT task FROM correction WHERE round = ?)
                """, arguments: [round.label, round.label]) ?? 0
            var status = Status(round: round.label, due: round.due, units: units, tasks: tasks, reported: reported,
                                missing: units.filter { !$0.returned }.map(\.name), late: units.filter(\.late).map(\.name))
            if let span, let lights {
                status.reported = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM standing WHERE round = ? AND reported",
                                                   arguments: [round.label]) ?? 0
                status.lights = Lights(lights)
                status.expected = span.expectedPercent(on: Self.judgingDay(round))
            }
            return status
        }
    }

    /// The machine's date: what lateness is judged on.
    public static func today() -> CalendarDay {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
