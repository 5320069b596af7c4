/// Last round's accepted values in the next round's workbooks: two locked, shaded reference
/// columns (上期进展, 上期进度（%）) showing what the merged master said of each task, and the
/// unit's own last 完成进度 and 推进状态 pre-filled in its input cells (still editable), so a unit
/// updates its report instead of typing it again. The merge reads neither reference column: no
/// template column has their names, and ``TableLayout`` sets them aside.
public struct CarryOver: Sendable {
    public static let progressHeader = "上期进展"
    public static let percentHeader = "上期进度（%）"
    static let headers = [progressHeader, percentHeader]
    /// What a task nobody reported on last round shows in 上期进展.
    static let notReported = "（上期未报送）"

    /// The round the values come from, named in 填报说明 (a task's older report names its own).
    public var round: String
    /// Task id → the earlier round its carried values come from, when not ``round``.
    public private(set) var from: [String: String] = [:]
    /// Task id → 上期进展 and 上期进度（%） as shown.
    var reference: [String: [String]] = [:]
    /// Unit → task id → template column → its own last value (percent and choice columns).
    var prefill: [String: [String: [Int: ReportedValue]]] = [:]
    /// Which reference columns there are: 上期进度 only when the form has a percent column.
    let headers: [String]
    let widths: [Double]

    /// The carry-over of a round's merge (corrections applied, one submission per unit chosen).
    public init(_ result: MergeResult) { self.init(rounds: [result], template: result.template) }

    /// Each task's latest report in any of `rounds` (newest first): a task nobody reported on in
    /// the last round shows what an earlier round said, 上期进展 naming that round — a round
    /// closed with no returns does not wipe out what came before it.
    public init(rounds: [MergeResult], template: ReportTemplate) {
        var latest: [String: [UnitReport]] = [:], from: [String: String] = [:]
        for result in rounds {
            for (task, reports) in result.reports where latest[task] == nil {
                let given = reports.filter(\.hasValues)
                if !given.isEmpty {
                    latest[task] = given
                    if result.period != rounds.first?.period { from[task] = result.period }
                }
            }
        }
        round = rounds.first?.period ?? ""
        self.from = from
        let progress = template.columns.firstIndex { $0.type == .text }
        let percent = template.columns.firstIndex { $0.type == .percent }
        headers = percent == nil ? [Self.progressHeader] : Self.headers
        widths = percent == nil ? [30] : [30, 10]
        for (task, reports) in latest {
            let labelled = reports.count > 1
            var shown: [String] = []
            let text = progress.flatMap { column in
                ValueCombination.combine(reports, column: column, spec: template.columns[column], labelled: labelled)?.displayText
            } ?? ""
            shown.append(from[task].map { "（\($0)）" + text } ?? text)
            if let percent {
                shown.append(ValueCombination.combine(reports, column: percent, spec: template.columns[percent])?.displayText ?? "")
            }
            reference[task] = shown
            for report in reports {
                let kept = report.values.filter { template.columns[$0.key].type == .percent || template.columns[$0.key].type == .choice }
                if !kept.isEmpty { prefill[report.unit, default: [:]][task] = kept }
            }
        }
    }

    /// The reference cells of a task, blank-padded when nobody reported on it.
    func referenceCells(of task: String) -> [String] {
        reference[task] ?? [Self.notReported] + Array(repeating: "", count: headers.count - 1)
    }

    func prefilled(unit: String, task: String) -> [Int: ReportedValue] { prefill[unit]?[task] ?? [:] }

    /// Task id → column → what the unit's form is pre-filled with (to tell a form sent back as it was).
    public func prefilled(unit: String) -> [String: [Int: ReportedValue]] { prefill[unit] ?? [:] }

    /// Whether a returned sheet's header cell is one of the reference columns.
    static func isReference(_ key: String) -> Bool { headers.contains { TextKey.of($0) == key } }
}
