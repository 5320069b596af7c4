import Foundation
import GRDB
import TaskSchema
import WorkbookIO

/// The checks only a workspace can make, comparing a round with the one before: warnings (the
/// values are kept) on each accepted file, listed in 问题清单 and in collect's and report's JSON.
extension Workspace {
    /// `result`: the round's combination; `units`: the units it covers (nil: all).
    func addRoundWarnings(to result: inout MergeResult, round label: String, units: Set<String>?, template: ReportTemplate,
                          index: MasterIndex) throws {
        let (previous, previousDue) = try database.read { db -> (String?, String?) in
            let row = try Row.fetchOne(db, sql: """
                SELECT label, due FROM round WHERE rowid < (SELECT rowid FROM round WHERE label = ?) ORDER BY rowid DESC LIMIT 1
                """, arguments: [label])
            return (row?["label"], row?["due"])
        }
        let last = try previous.map { try recombine(round: $0, template: template, index: index, units: units, recording: false).reports }
        let percent = template.columns.firstIndex { $0.type == .percent }
        let progress = template.columns.firstIndex { $0.type == .text }
        let earliest = previousDue.flatMap(CalendarDay.init(iso:))
        let today = Self.today()
        var byFile: [String: [UnitReport]] = [:]
        for reports in result.reports.values { for report in reports { byFile[report.file, default: []].append(report) } }
        for position in result.files.indices where result.files[position].status == .accepted {
            let file = result.files[position]
            var warnings: [MergeProblem] = []
            func warn(_ kind: MergeProblem.Kind, _ report: UnitReport?, column: String?, value: String?, _ message: String, _ zh: String) {
                warnings.append(MergeProblem(file: file.path, unit: file.unit, sheet: report?.sheet, row: report?.row, task: report?.task,
                                             column: column, value: value, kind: kind, message: message, chineseMessage: zh))
            }
            if let serial = file.reportDate {
                let shown = ExcelDate.text(serial, date1904: false)
                if let earliest, serial <= ExcelDate.serial(year: earliest.year, month: earliest.month, day: earliest.day, date1904: false) {
                    warn(.dateOutsideRound, nil, column: "填报日期", value: shown,
                         "填报日期 \(shown) is on or before the last round's due date \(earliest.iso): an old form, or the date not updated",
                         "填报日期 \(shown) 不晚于上期报送截止时间 \(earliest.chinese)，可能是旧表或未更新日期，请核实")
                } else if serial > ExcelDate.serial(year: today.year, month: today.month, day: today.day, date1904: false) {
                    warn(.dateOutsideRound, nil, column: "填报日期", value: shown, "填报日期 \(shown) is in the future",
                         "填报日期 \(shown) 晚于今天，请核实")
                }
            }
            for report in (byFile[file.path] ?? []).sorted(by: { ($0.sheet, $0.row) < ($1.sheet, $1.row) }) {
                guard let before = last?[report.task]?.first(where: { $0.unit == report.unit }) else { continue }
                if let percent, case .number(let now)? = report.values[percent], case .number(let then)? = before.values[percent], now < then {
                    let name = template.columns[percent].name
                    warn(.lowerThanLast, report, column: name, value: NumberText.format(now),
                         "\(name) \(NumberText.format(now)) is below last round's \(NumberText.format(then)) (\(previous!))",
                         "完成进度 \(NumberText.format(now))% 低于上期（\(previous!)）的 \(NumberText.format(then))%，请核实")
                }
                if let progress, let now = report.values[progress], now == before.values[progress] {
                    let name = template.columns[progress].name
                    warn(.sameAsLast, report, column: name, value: now.displayText,
                         "\(name) is word for word last round's (\(previous!))", "“\(name)”与上期（\(previous!)）完全相同，请更新本期进展")
                }
            }
            result.files[position].problems += warnings
        }
    }
}
