import Foundation
import GRDB
import TaskSchema
import WorkbookIO

extension Workspace {
    /// `report -o merged.xlsx`: the merged workbook of the round, the same one `merge` writes,
    /// built from the stored analyses without reading any returned file again.
    /// `bulletin`, `bulletinText`: the 督查通报 workbook and its 总体情况 paragraph, from the same merge.
    public func report(round label: String? = nil, template: ReportTemplate, to destination: URL?, bulletin: URL? = nil,
                       bulletinText: URL? = nil) throws -> MergeResult {
        let round = try self.round(label)
        let index = try masterIndex()
        var result = try recombine(round: round.label, template: template, index: index)
        result.history = try roundHistory(through: round.label, template: template, index: index, current: result)
        if let destination { try MergedWorkbook.write(result, to: destination) }
        if bulletin != nil || bulletinText != nil {
            let facts = BulletinFacts(result: result, day: result.pace?.day ?? Self.judgingDay(round), due: round.due.flatMap(CalendarDay.init(iso:)),
                                      returned: try returnedDays(round: round.label))
            if let bulletin { try BulletinWorkbook.write(facts, result: result, to: bulletin) }
            if let bulletinText { try AtomicFile.write(Data((BulletinText.overview(facts) + "\n").utf8), to: bulletinText) }
        }
        let written = [destination, bulletin, bulletinText].compactMap { $0?.path }.joined(separator: ", ")
        try database.write { try record($0, "report", "\(round.label) → \(written)") }
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

    /// The day each unit returned its accepted file, as status judges it (its mail's Date, else
    /// its 填报日期, else when collected): what 按时报送 and 逾期报送 follow.
    func returnedDays(round label: String) throws -> [String: CalendarDay] {
        try database.read { db in
            try unitJudgments(round: label, in: db).compactMapValues { judgment in
                judgment.state == "returned" ? judgment.returnedAt.flatMap { LocalTime.day(iso: $0) } : nil
            }
        }
    }

    /// The day a round is judged on: its due date, else today.
    static func judgingDay(_ round: Round, today: CalendarDay? = nil) -> CalendarDay {
        round.due.flatMap(CalendarDay.init(iso:)) ?? today ?? Self.today()
    }
}
