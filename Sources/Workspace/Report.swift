import Foundation
import GRDB
import TaskSchema

extension Workspace {
    /// `report -o merged.xlsx`: the merged workbook of the round, the same one `merge` writes,
    /// built from the stored analyses without reading any returned file again.
    public func report(round label: String? = nil, template: ReportTemplate, to destination: URL) throws -> MergeResult {
        let round = try self.round(label)
        let index = try masterIndex()
        var result = try recombine(round: round.label, template: template, index: index)
        result.history = try roundHistory(through: round.label, template: template, index: index, current: result)
        result.pace = try pace(of: result, round: round, template: template)
        try MergedWorkbook.write(result, to: destination)
        try database.write { try record($0, "report", "\(round.label) → \(destination.path)") }
        return result
    }

    /// The span 序时进度 is counted over: as set at init (empty: none). A workspace made before
    /// the span was stored gets the year its master's title names, decided once and kept.
    public func planSpan() throws -> PlanSpan? {
        let row = try database.read { try Row.fetchOne($0, sql: "SELECT plan_start, plan_end FROM workspace WHERE id = 1") }
        if let start = row?["plan_start"] as String?, let end = row?["plan_end"] as String? {
            return CalendarDay(iso: start).flatMap { start in CalendarDay(iso: end).flatMap { PlanSpan(start: start, end: $0) } }
        }
        let span = PlanSpan.year(in: try master().title ?? "")
        try database.write { db in
            try db.execute(sql: "UPDATE workspace SET plan_start = ?, plan_end = ? WHERE id = 1",
                           arguments: [span?.start.iso ?? "", span?.end.iso ?? ""])
        }
        return span
    }

    /// The day a round is judged on: its due date, else today.
    static func judgingDay(_ round: Round, today: CalendarDay? = nil) -> CalendarDay {
        round.due.flatMap(CalendarDay.init(iso:)) ?? today ?? Self.today()
    }

    func pace(of result: MergeResult, round: Round, template: ReportTemplate) throws -> PaceReport? {
        try planSpan().map { PaceReport.make(master: result.master, reports: result.reports, template: template, span: $0, on: Self.judgingDay(round)) }
    }
}
