import WorkbookIO

/// The numbers of a 督查通报, worked out once from a round's merge (with its 序时进度 and the
/// rounds before it) so that the workbook, its charts and the text say the same.
public struct BulletinFacts: Sendable {
    /// A task as the bulletin lists it.
    public struct TaskLine: Sendable {
        public var id: String
        /// 内容和要求 (the task's text).
        public var text: String
        /// 项目, the task's heading in the document ("" when it has none).
        public var project: String
        /// What the paragraph calls it: the project's name, else the start of its text.
        public var name: String
        public var units: String
        public var leaders: [String]
        public var percent: Double?
        /// The combined status, or nil when no unit reported.
        public var status: String?
        public var standing: TaskStanding?
        /// 存在问题 (the column the template's statuses point to), as combined.
        public var problems: String
    }

    public struct UnitLine: Sendable {
        public var name: String
        public var tasks: Int
        /// 按时报送 / 逾期报送 / 未报送.
        public var returned: String
        /// Share (0…1) of the unit's tasks 序时 or ahead, and of those 已完成.
        public var onPace: Double
        public var completed: Double
        public var warnings: Int
        /// 1, 2, … among the units that returned; nil for one that did not (listed after them).
        public var rank: Int?
        public var figures: UnitFigures
        /// Its place in the master, the last tie-break.
        var position: Int
    }

    public var document: String
    public var round: String
    /// The day the figures are as of.
    public var day: CalendarDay
    public var tasks: [TaskLine]
    /// The status values in the form's order, then 未报送, with their counts.
    public var byStatus: [(name: String, count: Int)]
    public var pace: PaceReport?
    public var units: [UnitLine]
    public var missingUnits: [String]
    /// Round label → the average percent the units that reported in every round gave, oldest first.
    public var trend: [(round: String, average: Double)]
    /// How many units the trend compares.
    public var trendUnits = 0

    public static let notReported = "未报送"

    /// `returned`: the day each unit's accepted file arrived (for 按时 against `due`).
    public init(result: MergeResult, day: CalendarDay, due: CalendarDay?, returned: [String: CalendarDay]) {
        let template = result.template
        let percentColumn = template.columns.firstIndex { $0.type == .percent }
        let statusColumn = template.columns.firstIndex { $0.type == .choice }
        let problemsName = statusColumn.flatMap { template.columns[$0].explain.values.first }
        let problemsColumn = template.columns.firstIndex { $0.name == problemsName }
        document = result.master.displayName
        round = result.period
        self.day = day
        pace = result.pace
        var lines: [TaskLine] = []
        for table in result.master.tables {
            for task in table.tasks {
                let reports = (result.reports[task.id] ?? []).filter(\.hasValues)
                func combined(_ column: Int?) -> ReportedValue? {
                    column.flatMap { reports.isEmpty ? nil : ValueCombination.combine(reports, column: $0, spec: template.columns[$0],
                                                                                       labelled: reports.count > 1) }
                }
                var percent: Double? = nil
                if case .number(let number)? = combined(percentColumn) { percent = number }
                let project = table.value(.project, of: task).flatMap { $0.isEmpty ? nil : $0 }
                lines.append(TaskLine(id: task.id, text: table.taskText(task), project: project ?? "",
                                      name: ShortName.of(project ?? table.taskText(task)),
                                      units: task.primaryUnits.joined(separator: "、"),
                                      leaders: task.leaders, percent: percent, status: reports.isEmpty ? nil : combined(statusColumn)?.displayText,
                                      standing: result.pace?.standings[task.id], problems: combined(problemsColumn)?.displayText ?? ""))
            }
        }
        tasks = lines
        let values = statusColumn.map { template.columns[$0].values } ?? []
        byStatus = values.map { value in (value, lines.filter { $0.status == value }.count) }
            + [(Self.notReported, lines.filter { $0.status == nil }.count)]
        missingUnits = result.missingUnits
        // Each unit by its own reports on its own tasks (UnitFigures, as 汇总 shows them); a unit
        // with no accepted return ranks after every unit that returned, unranked.
        let ranked = UnitFigures.of(result).enumerated().map { position, figures in
            let returnedOn = returned[figures.name]
            let state = !figures.returned ? Self.notReported
                : due.flatMap { due in returnedOn.map { $0 > due ? "逾期报送" : "按时报送" } } ?? "已报送"
            return UnitLine(name: figures.name, tasks: figures.tasks, returned: state, onPace: figures.onPaceShare ?? 0,
                            completed: figures.completion, warnings: figures.warnings, rank: nil, figures: figures, position: position)
        }.sorted { first, second in
            if first.figures.returned != second.figures.returned { return first.figures.returned }
            return (first.onPace, first.completed, -first.warnings, -first.position) > (second.onPace, second.completed, -second.warnings, -second.position)
        }
        units = ranked.enumerated().map { offset, line in
            var line = line
            if line.figures.returned { line.rank = offset + 1 }
            return line
        }
        // Compared over the same units: those that reported in every round shown, each unit's
        // own percents (a round with fewer units returning is not an average over other units).
        let rounds = result.history?.rounds ?? []
        let reportingUnits = rounds.map { past in Set(past.reports.values.joined().filter(\.hasValues).map(\.unit)) }
        let common = reportingUnits.dropFirst().reduce(reportingUnits.first ?? []) { $0.intersection($1) }
        trendUnits = common.count
        trend = rounds.map { past in
            let percents = past.reports.values.joined().filter { common.contains($0.unit) }.compactMap { report -> Double? in
                guard let percentColumn, case .number(let n)? = report.values[percentColumn] else { return nil }
                return n
            }
            return (past.label, percents.isEmpty ? 0 : percents.reduce(0, +) / Double(percents.count))
        }
    }

    /// Tasks behind: reported 滞后, behind 序时, or past their deadline (红).
    public var lagging: [TaskLine] {
        tasks.filter { line in
            line.status != nil && (line.status == "滞后" || line.standing?.pace == .behind || line.standing?.light == .red)
        }
    }

    public var leaders: [String] {
        var seen: [String] = []
        for task in tasks { for leader in task.leaders where !seen.contains(leader) { seen.append(leader) } }
        return seen
    }

    static func share(_ count: Int, of total: Int) -> String {
        total == 0 ? "0%" : NumberText.format((Double(count) / Double(total) * 1000).rounded() / 10) + "%"
    }
}
