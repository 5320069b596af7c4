/// Every task of a round against 序时进度 on the round's day: the report's columns and fills,
/// the status board's lights, the bulletin's counts. One rule (``TaskStanding/of``) for all.
public struct PaceReport: Sendable {
    public var span: PlanSpan
    /// The day progress is judged on: the round's due date.
    public var day: CalendarDay
    /// Task id → its standing; every task of the master.
    public var standings: [String: TaskStanding]

    public var lights: [Light: Int] {
        var counts = Dictionary(uniqueKeysWithValues: Light.allCases.map { ($0, 0) })
        for standing in standings.values { counts[standing.light, default: 0] += 1 }
        return counts
    }

    /// The plan's own 序时进度 on the day (a task with a deadline of its own has its own).
    public var expected: Double { span.expectedPercent(on: day) }

    public init(span: PlanSpan, day: CalendarDay, standings: [String: TaskStanding]) {
        self.span = span
        self.day = day
        self.standings = standings
    }

    /// `reports`: the round's accepted reports per task, as the merge combined them.
    public static func make(master: Master, reports: [String: [UnitReport]], template: ReportTemplate, span: PlanSpan,
                            on day: CalendarDay) -> PaceReport {
        let percent = template.columns.firstIndex { $0.type == .percent }
        let status = template.columns.firstIndex { $0.type == .choice }
        var standings: [String: TaskStanding] = [:]
        for table in master.tables {
            for task in table.tasks {
                let given = (reports[task.id] ?? []).filter(\.hasValues)
                var number: Double? = nil
                if let percent, case .number(let value)? = ValueCombination.combine(given, column: percent, spec: template.columns[percent]) {
                    number = value
                }
                let state = status.flatMap { ValueCombination.combine(given, column: $0, spec: template.columns[$0])?.displayText }
                standings[task.id] = standing(deadline: deadlineText(of: task, in: table), span: span, on: day, percent: number,
                                              status: state, reported: !given.isEmpty, template: template)
            }
        }
        return PaceReport(span: span, day: day, standings: standings)
    }

    /// The task's 完成时限 as written, when its table has such a column.
    public static func deadlineText(of task: Task, in table: TaskTable) -> String? {
        table.value(.deadline, of: task).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// ``TaskStanding/of`` with the template's statuses: 已完成 is the one that means 100 %, 滞后 the one named so.
    public static func standing(deadline text: String?, span: PlanSpan, on day: CalendarDay, percent: Double?, status: String?,
                                reported: Bool, template: ReportTemplate) -> TaskStanding {
        let choice = template.columns.first { $0.type == .choice }
        let late = choice?.values.first { $0 == "滞后" }
        return TaskStanding.of(deadline: text.flatMap { DeadlineText.parse($0, planYear: span.end.year) }, span: span, on: day,
                               percent: percent, status: status, reported: reported, done: template.doneStatus, late: late, rules: template.pace)
    }
}
