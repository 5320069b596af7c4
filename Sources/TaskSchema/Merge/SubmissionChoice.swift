import Foundation

/// Which of a unit's submissions counts when it sent more than one: the file pinned with
/// --prefer, else the newest by its 填报日期, then by the file's modification time, then the
/// later in file order. The older ones are kept, superseded, with every value that differs.
enum SubmissionChoice {
    static func supersede(_ outcomes: inout [MergeResult.FileOutcome], analyses: [FileAnalysis], pinned: Set<Int>,
                          template: ReportTemplate) {
    // A unit that sent more than once: the pinned file wins, else the newest (填报日期, then
    // the file's modification time); the older ones are listed with every value that differs.
    var byUnit: [String: [Int]] = [:]
    for (position, outcome) in outcomes.enumerated() where outcome.status == .accepted {
        byUnit[outcome.unit!, default: []].append(position)
    }
    for (_, positions) in byUnit where positions.count > 1 {
        func key(_ position: Int) -> (Int, Double, Date, String) {
            (pinned.contains(position) ? 1 : 0, analyses[position].reportDate ?? -.infinity,
             analyses[position].modified ?? .distantPast, analyses[position].path)
        }
        let ordered = positions.sorted { key($0) < key($1) }
        let winner = ordered.last!, runnerUp = ordered[ordered.count - 2]
        let decision: MergeResult.Decision
        if pinned.contains(winner) && !pinned.contains(runnerUp) { decision = .preferred }
        else if key(winner).1 != key(runnerUp).1 { decision = .reportDate }
        else if key(winner).2 != key(runnerUp).2 { decision = .modified }
        else { decision = .fileOrder }
        outcomes[winner].decidedBy = decision
        for older in ordered.dropLast() {
            outcomes[older].status = .superseded
            outcomes[older].supersededBy = analyses[winner].path
            outcomes[older].decidedBy = decision
            outcomes[older].problems = supersededProblems(analyses[older], winner: analyses[winner], template: template)
        }
    }
    }

    /// The problems of a superseded file: its own (relabelled), the file itself, and every
    /// value it holds that the newer file does not hold in the same place.
    static func supersededProblems(_ older: FileAnalysis, winner: FileAnalysis, template: ReportTemplate) -> [MergeProblem] {
        let newer = Dictionary(winner.reports.map { ($0.task, $0.values) }, uniquingKeysWith: { first, _ in first })
        let winnerName = winner.path
        var problems = [MergeProblem(
            file: older.path, unit: older.unit, sheet: nil, row: nil, task: nil, column: nil, value: nil, kind: .superseded,
            message: "an older submission of \(older.unit ?? ""); \(winner.path) is used instead",
            chineseMessage: "\(older.unit ?? "")的较早报送文件，已采用较新的 \(winnerName)")]
        for report in older.reports {
            for (column, value) in report.values.sorted(by: { $0.key < $1.key }) where newer[report.task]?[column] != value {
                problems.append(MergeProblem(
                    file: older.path, unit: older.unit, sheet: report.sheet, row: report.row, task: report.task,
                    column: template.columns[column].name, value: value.displayText, kind: .superseded,
                    message: "differs from the newer submission", chineseMessage: "与较新报送文件中的填报内容不同"))
            }
        }
        for problem in older.problems where problem.value != nil {
            var relabelled = problem
            relabelled.kind = .superseded
            relabelled.message = "in the older submission: " + problem.message
            relabelled.chineseMessage = "（较早报送文件）" + problem.chineseMessage
            problems.append(relabelled)
        }
        return problems
    }
}
