import Foundation
import TaskSchema
import TestSupport
import XCTest

final class ReportTemplateTests: XCTestCase {
    func testStandardTemplateHasTheDefaultColumnsInOrder() throws {
        let template = try ReportTemplate.standard()
        XCTAssertEqual(template.columns.map(\.name), ["进展情况", "完成进度（%）", "推进状态", "存在问题", "下一步计划"])
        XCTAssertEqual(template.columns.map(\.type), [.text, .percent, .choice, .text, .text])
        XCTAssertEqual(template.columns.map(\.required), [true, false, false, false, false])
        XCTAssertEqual(template.column(ofType: .choice)?.values, ["已完成", "序时推进", "滞后", "未启动"])
        XCTAssertEqual(template.column(ofType: .percent).map { [$0.minimum, $0.maximum] }, [0, 100])
        XCTAssertEqual(template.reporter.map(\.label), ["填报人", "联系电话", "填报日期"])
    }

    func testTitlePatternDropsOptionalPartsWithEmptyValues() throws {
        let template = try ReportTemplate.standard()
        XCTAssertEqual(template.title(unit: "发改委", table: "表一", period: "2020年5月", document: ""), "发改委 表一推进情况表（2020年5月）")
        XCTAssertEqual(template.title(unit: "发改委", table: "表一", period: "", document: ""), "发改委 表一推进情况表")
        // A table named "…情况表" or "…表" does not double up with the pattern's 推进情况表.
        XCTAssertEqual(template.title(unit: "关工委", table: "2020年政府实事工程情况表", period: "2020年第二季度", document: ""),
                       "关工委 2020年政府实事工程推进情况表（2020年第二季度）")
        XCTAssertEqual(template.title(unit: "发改委", table: "2020年政府各项主要工作分解落实表", period: "", document: ""),
                       "发改委 2020年政府各项主要工作分解落实推进情况表")
    }

    func testStyleSectionWithDefaultsForWhatIsLeftOut() throws {
        let standard = try ReportTemplate.standard().style
        XCTAssertEqual(standard.bodyFont.first, "仿宋")
        XCTAssertEqual(standard.titleFont.first, "黑体")
        XCTAssertEqual(standard.bodySize, 11)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(##"{"id": "a", "title": "x", "columns": [{"name": "进展", "type": "text"}], "style": {"bodyFont": ["宋体", "Noto Serif CJK SC"], "bodySize": 12, "headerFill": "#FFEEDD"}}"##.utf8).write(to: url)
        let style = try ReportTemplate.load(from: url).style
        XCTAssertEqual(style.bodyFont, ["宋体", "Noto Serif CJK SC"])
        XCTAssertEqual(style.bodySize, 12)
        XCTAssertEqual(style.headerFill, 0xFFEEDD)
        XCTAssertEqual(style.titleFont, standard.titleFont, "left out: the standard")
    }

    /// Every font a template names first is mapped, for Linux, to the Noto CJK family listed
    /// after it (Templates/fonts, installed by scripts/install-deps.sh).
    func testTheFontMappingCoversTheTemplateFonts() throws {
        let conf = try String(contentsOf: Repository.path("Templates/fonts/65-xlsx-tasks-cjk.conf"), encoding: .utf8)
        let style = try ReportTemplate.standard().style
        for fonts in [style.bodyFont, style.titleFont] {
            let mapped = "<family>\(fonts[0])</family><prefer><family>\(fonts.last!)</family></prefer>"
            XCTAssertTrue(conf.contains(mapped), mapped)
        }
    }

    func testCalendarDays() {
        XCTAssertEqual(CalendarDay(iso: "2020-07-10")?.chinese, "2020年7月10日")
        XCTAssertEqual(CalendarDay(iso: "2020/2/29")?.iso, "2020-02-29")
        XCTAssertNil(CalendarDay(iso: "2021-02-29"))
        XCTAssertNil(CalendarDay(iso: "2020-13-01"))
        XCTAssertNil(CalendarDay(iso: "七月十日"))
        XCTAssertEqual(CalendarDay(iso: "2021-01-01")!.ordinal - CalendarDay(iso: "2020-01-01")!.ordinal, 366)
    }

    private func error(for json: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try? Data(json.utf8).write(to: url)
        do {
            _ = try ReportTemplate.load(from: url)
            return "accepted"
        } catch {
            return String(describing: error).replacingOccurrences(of: url.path + ": ", with: "")
        }
    }

    func testErrorsNameTheField() {
        let column = #"{"name": "进展", "type": "text"}"#
        XCTAssertTrue(error(for: "{").hasPrefix("not valid JSON"), error(for: "{"))
        XCTAssertEqual(error(for: #"{"title": "x", "columns": [\#(column)]}"#), "id: missing")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": []}"#), "columns: must list at least one progress column")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [\#(column), {"name": "状态", "type": "choice"}]}"#),
                       "columns[1].values: missing")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [{"name": "进度", "type": "percent", "minimum": 100, "maximum": 0}]}"#),
                       "columns[0].maximum: must be greater than minimum")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [{"name": "进度", "type": "text", "width": "wide"}]}"#),
                       "columns[0].width: expected a number")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [{"name": "进度", "type": "text", "required": 1}]}"#),
                       "columns[0].required: expected true or false")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [\#(column), \#(column)]}"#),
                       "columns[1].name: \"进展\" is listed twice")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [{"name": "主要责任单位", "type": "text"}]}"#),
                       "columns[0].name: \"主要责任单位\" is the name of a task column")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "colums": []}"#),
                       "colums: unknown field (expected: columns, id, instructions, name, pace, reporter, style, title)")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [{"name": "上期进展", "type": "text"}]}"#),
                       "columns[0].name: \"上期进展\" is the name of a column the next round's workbooks carry over")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [\#(column)], "pace": {"tolerance": 60}}"#),
                       "pace.tolerance: must be between 0 and 50 points")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [\#(column)], "pace": {"warningDays": 1.5}}"#),
                       "pace.warningDays: must be a whole number of days, 0 to 366")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [\#(column)], "pace": {"tolerence": 5}}"#),
                       "pace.tolerence: unknown field (expected: tolerance, warningDays)")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [\#(column)], "style": {"headerFill": "blue"}}"#),
                       "style.headerFill: expected a colour like \"#DDEBF7\"")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [\#(column)], "style": {"bodySize": 3}}"#),
                       "style.bodySize: must be between 6 and 72 points")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [\#(column)], "style": {"bodyFont": []}}"#),
                       "style.bodyFont: list at least one font name")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [{"name": "状态", "type": "choice", "values": ["好,坏"]}]}"#),
                       "columns[0].values[0]: must not contain a comma")
    }
}
