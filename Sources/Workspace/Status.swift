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
            /// `returned`, `blank` (the form came back as sent: 原样退回，未填写), `late` or `pending`.
            public var state: String
            /// The accepted file, as collected, and when.
            public var file: String?
            public var received: String?
            /// When the unit returned it (local time): its mail's Date, else its 填报日期, else when collected.
            public var returnedAt: String?
            /// `mail`, `filled` or `collected`: how returnedAt was known.
            public var returnedBy: ReturnedBy?
            /// Returned after the due date (by returnedAt).
            public var returnedLate: Bool
            public var problems: Int
            /// Its own tasks it reported on, reported done, and at or ahead of 序时 — from its own values
            /// (the figures of 汇总 and 单位排名).
            public var reported: Int
            public var completed: Int
            public var completion: Double
            public var onPace: Int?
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

    /// Tasks by light; `unreported`: no accepted report (no light). They add up to the tasks.
    public struct Lights: Sendable, Encodable, Equatable {
        public var red = 0, yellow = 0, blue = 0, green = 0, unreported = 0
        init(_ counts: [Light: Int]) {
            red = counts[.red] ?? 0
            yellow = counts[.yellow] ?? 0
            blue = counts[.blue] ?? 0
            green = counts[.green] ?? 0
            unreported = counts[.unreported] ?? 0
        }
    }

    /// `today` decides lateness (default: the machine's date).
    /// `template`: for the lights (which columns are the percent and the status); nil for none.
    public func status(round label: String? = nil, today: CalendarDay? = nil, template: ReportTemplate? = nil) throws -> Status {
        let span = template == nil ? nil : try planSpan()
        let lights = try template.flatMap { template in try span.map { try self.lights(round: label, template: template, span: $0) } }
        try judgeIfNeeded(round: label, template: template)
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
            let due = round.due.flatMap(CalendarDay.init(iso:))
            let overdue = due.map { today > $0 } ?? false
            let judged = try unitJudgments(round: round.label, in: db)
            let units = try Row.fetchAll(db, sql: "SELECT name, tasks FROM unit ORDER BY position").map { row -> Status.Unit in
                let name: String = row["name"]
                let file = files[name]
                let judgment = judged[name]
                let state = file != nil ? "returned" : judgment?.state == "blank" ? "blank" : overdue ? "late" : "pending"
                let returnedDay = judgment?.returnedAt.flatMap { LocalTime.day(iso: $0) }
                return Status.Unit(name: name, tasks: row["tasks"], sent: sent.contains(name), returned: file != nil,
                                   late: file == nil && overdue, state: state, file: file?["path"], received: file?["received"],
                                   returnedAt: file == nil ? nil : judgment?.returnedAt, returnedBy: file == nil ? nil : judgment?.returnedBy,
                                   returnedLate: file != nil && due.flatMap { due in returnedDay.map { $0 > due } } == true,
                                   problems: file.map { problems[$0["id"] as Int64] ?? 0 } ?? 0,
                                   reported: judgment?.figures.reported ?? 0, completed: judgment?.figures.completed ?? 0,
                                   completion: judgment?.figures.completion ?? 0, onPace: judgment?.figures.onPace)
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

    /// A round with files but no stored judgments (collected by a version before them) is
    /// combined once, whole, to make them.
    func judgeIfNeeded(round label: String?, template: ReportTemplate?) throws {
        guard let template else { return }
        let round = try self.round(label)
        let missing = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit_round WHERE round = ?", arguments: [round.label]) == 0
                && Int.fetchOne(db, sql: "SELECT COUNT(*) FROM received WHERE round = ?", arguments: [round.label]) ?? 0 > 0
        }
        if missing {
            try recombine(round: round.label, template: template, index: try masterIndex())
        }
    }

    /// The machine's date: what lateness is judged on.
    public static func today() -> CalendarDay {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
