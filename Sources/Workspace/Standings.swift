import Foundation
import GRDB
import TaskSchema

/// Every task's standing against 序时进度 (its light), kept per round in the `standing` table so
/// that `status` counts lights without reading 100,000 tasks' values: a collect refreshes the
/// tasks of the units that sent something, a correction its task, a report the whole round.
/// The rule is the report's (``PaceReport/standing(deadline:span:on:percent:status:reported:template:)``);
/// the values are those stored, with the clerk's corrections over them, combined as the merge
/// combines them (the lowest percent, the worst status).
extension Workspace {
    /// Lights counted for the round; the table is made again first when it is not for the
    /// round's judging day (a round without a due date is judged today) or lacks tasks.
    func lights(round label: String?, template: ReportTemplate, span: PlanSpan) throws -> [Light: Int] {
        let round = try self.round(label)
        let day = Self.judgingDay(round)
        let fresh = try database.read { db -> Bool in
            let tasks = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task") ?? 0
            let kept = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM standing WHERE round = ? AND day = ?", arguments: [round.label, day.iso]) ?? 0
            return kept == tasks
        }
        if !fresh { try database.write { try refreshStandings($0, round: round, template: template, span: span, tasks: nil) } }
        return try database.read { db in
            var counts: [Light: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT light, COUNT(*) AS n FROM standing WHERE round = ? GROUP BY light", arguments: [round.label]) {
                if let light = Light(rawValue: row["light"]) { counts[light] = row["n"] }
            }
            return counts
        }
    }

    /// Recomputes the standings of `tasks` (nil: every task) in the round.
    func refreshStandings(_ db: Database, round: Round, template: ReportTemplate, span: PlanSpan, tasks only: Set<String>?) throws {
        let day = Self.judgingDay(round)
        let percentColumn = template.columns.first { $0.type == .percent }
        let statusColumn = template.columns.first { $0.type == .choice }
        var percents: [String: [String: Double]] = [:], statuses: [String: [String: String]] = [:]
        var reported: Set<String> = []
        func take(_ row: Row) {
            let task: String = row[0], unit: String = row[1], column: String = row[2]
            reported.insert(task)
            if column == percentColumn?.name, let number = row[4] as Double? { percents[task, default: [:]][unit] = number }
            if column == statusColumn?.name { statuses[task, default: [:]][unit] = row[3] }
        }
        let accepted = """
            SELECT value.task, value.unit, value.column, value.typed, value.number FROM value
            JOIN analysed ON analysed.id = value.analysed JOIN received ON received.id = analysed.received
            WHERE received.round = ? AND analysed.status = 'accepted'
            """
        if let only {
            // A few tasks: through the index on value(task).
            let statement = try db.cachedStatement(sql: accepted + " AND value.task = ?")
            for task in only {
                let rows = try Row.fetchCursor(statement, arguments: [round.label, task])
                while let row = try rows.next() { take(row) }
            }
        } else {
            // The whole round: the two columns that decide, and which tasks have any value at all.
            let rows = try Row.fetchCursor(db, sql: accepted + " AND value.column IN (?, ?)",
                                           arguments: [round.label, percentColumn?.name ?? "", statusColumn?.name ?? ""])
            while let row = try rows.next() { take(row) }
            reported.formUnion(try String.fetchAll(db, sql: """
                SELECT DISTINCT value.task FROM value JOIN analysed ON analysed.id = value.analysed
                JOIN received ON received.id = analysed.received WHERE received.round = ? AND analysed.status = 'accepted'
                """, arguments: [round.label]))
        }
        for correction in try corrections(round: round.label, in: db) where only?.contains(correction.task) ?? true {
            reported.insert(correction.task)
            if correction.column == percentColumn?.name, case .number(let number) = correction.value {
                percents[correction.task, default: [:]][correction.unit] = number
            }
            if correction.column == statusColumn?.name { statuses[correction.task, default: [:]][correction.unit] = correction.value.displayText }
        }
        let tasks = try only.map(Array.init) ?? String.fetchAll(db, sql: "SELECT id FROM task")
        let deadline = try db.cachedStatement(sql: "SELECT deadline FROM task WHERE id = ?")
        let deadlines: [String: String] = only == nil
            ? Dictionary(try Row.fetchAll(db, sql: "SELECT id, deadline FROM task WHERE deadline IS NOT NULL").map { ($0[0], $0[1]) },
                         uniquingKeysWith: { first, _ in first })
            : Dictionary(try tasks.compactMap { task in try String.fetchOne(deadline, arguments: [task]).map { (task, $0) } },
                         uniquingKeysWith: { first, _ in first })
        var standings: [String: TaskStanding] = [:]
        for task in tasks {
            let given = statuses[task].map { Array($0.values) } ?? []
            let worst = statusColumn.flatMap { column in column.severity.first(where: given.contains) } ?? given.first
            standings[task] = PaceReport.standing(deadline: deadlines[task], span: span, on: day, percent: percents[task]?.values.min(),
                                                  status: worst, reported: reported.contains(task), template: template)
        }
        try store(db, round: round.label, day: day, standings: standings, reported: reported, whole: only == nil)
    }

    /// The standings of a round's whole merge, as the report judges them (no value is read again).
    func storeStandings(_ db: Database, _ pace: PaceReport, of result: MergeResult, round: Round) throws {
        let reported = Set(result.reports.filter { !$0.value.filter(\.hasValues).isEmpty }.keys)
        try store(db, round: round.label, day: pace.day, standings: pace.standings, reported: reported, whole: true)
    }

    /// `whole`: these are every task's, replacing what the round had.
    private func store(_ db: Database, round: String, day: CalendarDay, standings: [String: TaskStanding], reported: Set<String>,
                       whole: Bool) throws {
        if whole { try db.execute(sql: "DELETE FROM standing WHERE round = ?", arguments: [round]) }
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO standing VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (task, standing) in standings {
            try insert.execute(arguments: [round, task, day.iso, standing.expected, standing.pace?.rawValue, standing.light.rawValue,
                                           reported.contains(task)])
        }
    }
}
