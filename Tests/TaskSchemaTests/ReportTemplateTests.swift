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
        XCTAssertEqual(template.title(unit: "发改委", table: "表一", period: "2020年5月", document: ""), "发改委：表一推进情况（2020年5月）")
        XCTAssertEqual(template.title(unit: "发改委", table: "表一", period: "", document: ""), "发改委：表一推进情况")
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
                       "colums: unknown field (expected: columns, id, instructions, name, reporter, title)")
        XCTAssertEqual(error(for: #"{"id": "a", "title": "x", "columns": [{"name": "状态", "type": "choice", "values": ["好,坏"]}]}"#),
                       "columns[0].values[0]: must not contain a comma")
    }
}
