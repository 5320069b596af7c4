import WorkbookIO

/// Every round's accepted reports, oldest first: what a workspace knows across periods, for
/// the report's 历次进展 sheet and `xlsx-tasks history`.
public struct RoundHistory: Sendable {
    public struct Round: Sendable {
        public var label: String
        /// Task id → the accepted reports on it (as the round's report combined them).
        public var reports: [String: [UnitReport]]
        public init(label: String, reports: [String: [UnitReport]]) {
            self.label = label
            self.reports = reports
        }
    }

    /// One unit's report on a task in one round, by what the form's columns mean.
    public struct Entry: Sendable, Encodable, Equatable {
        public var round: String
        public var unit: String
        public var percent: Double?
        public var status: String?
        public var progress: String?
    }

    public var rounds: [Round]
    public init(rounds: [Round]) { self.rounds = rounds }

    /// A task's entries, round by round, each round's units in the order the report lists them.
    public func entries(of task: String, template: ReportTemplate) -> [Entry] {
        let progress = template.columns.firstIndex { $0.type == .text }
        let percent = template.columns.firstIndex { $0.type == .percent }
        let status = template.columns.firstIndex { $0.type == .choice }
        return rounds.flatMap { round in
            (round.reports[task] ?? []).map { report in
                var number: Double? = nil
                if let percent, case .number(let value)? = report.values[percent] { number = value }
                return Entry(round: round.label, unit: report.unit, percent: number,
                             status: status.flatMap { report.values[$0]?.displayText },
                             progress: progress.flatMap { report.values[$0]?.displayText })
            }
        }
    }
}

extension MergedWorkbook {
    public static let historySheet = "历次进展"

    /// One row per task and round (per unit when several reported): the percent, the status and
    /// the text of every round, so the pace of a task reads down the sheet.
    static func writeHistory(_ history: RoundHistory, _ context: Context, to sheet: XlsxWorksheet) throws {
        let result = context.result
        let template = result.template
        let columns = ["编号", "任务", "期次", "单位", "完成进度（%）", "推进状态", "进展情况"]
        var rows: [[ListCell]] = []
        for table in result.master.tables {
            for task in table.tasks {
                // A short name (the project, else the text's first phrase): the table sheets hold the whole text.
                let text = ShortName.of(table.value(.project, of: task).flatMap { $0.isEmpty ? nil : $0 } ?? table.taskText(task))
                let entries = history.entries(of: task.id, template: template)
                for round in history.rounds.map(\.label) {
                    let ofRound = entries.filter { $0.round == round }
                    guard !ofRound.isEmpty else {
                        rows.append([.text(task.id), .text(text), .text(round), .text(task.primaryUnits.joined(separator: "、")),
                                     .blank, .blank, .text(unreportedText)])
                        continue
                    }
                    for entry in ofRound {
                        rows.append([.text(task.id), .text(text), .text(round), .text(entry.unit),
                                     entry.percent.map(ListCell.number) ?? .blank, .text(entry.status ?? ""),
                                     .text(entry.progress ?? "")])
                    }
                }
            }
        }
        try writeList(context, title: "历次进展（\(history.rounds.map(\.label).joined(separator: "、"))）", columns: columns,
                      widths: [9, 24, 16, 14, 10, 10, 40], rows: rows, freezeColumns: 2, filter: true, to: sheet)
    }
}
