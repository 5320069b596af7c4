@testable import TaskSchema
import WorkbookIO
import XCTest

final class MergeRulesTests: XCTestCase {
    let template = try! ReportTemplate.standard()
    var percent: ReportTemplate.Column { template.columns[1] }
    var status: ReportTemplate.Column { template.columns[2] }

    func testPercentForms() {
        XCTAssertEqual(ProgressValue.check(.number(80), column: percent, date1904: false), .valid(.number(80)))
        XCTAssertEqual(ProgressValue.check(.text("80%"), column: percent, date1904: false), .valid(.number(80)))
        XCTAssertEqual(ProgressValue.check(.text("８０％"), column: percent, date1904: false), .valid(.number(80)))
        XCTAssertEqual(ProgressValue.check(.text(" ８０ "), column: percent, date1904: false), .valid(.number(80)))
        XCTAssertEqual(ProgressValue.check(.percent(0.8), column: percent, date1904: false), .valid(.number(80)))
        XCTAssertEqual(ProgressValue.check(.text(""), column: percent, date1904: false), .empty)
        XCTAssertEqual(ProgressValue.check(nil, column: percent, date1904: false), .empty)
        guard case .invalid(let reason, let chinese) = ProgressValue.check(.number(101), column: percent, date1904: false) else {
            return XCTFail("101 is out of range")
        }
        XCTAssertTrue(reason.hasPrefix("out of range"))
        XCTAssertTrue(chinese.hasPrefix("超出范围"))
        guard case .invalid = ProgressValue.check(.text("过半"), column: percent, date1904: false) else { return XCTFail() }
        guard case .invalid = ProgressValue.check(.error("#DIV/0!"), column: percent, date1904: false) else { return XCTFail() }
    }

    func testChoicesAreComparedWithoutSpacesOrWidth() {
        XCTAssertEqual(ProgressValue.check(.text(" 滞 后 "), column: status, date1904: false), .valid(.text("滞后")))
        guard case .invalid = ProgressValue.check(.text("进行中"), column: status, date1904: false) else { return XCTFail() }
    }

    func testDatesTypedAsText() {
        XCTAssertEqual(DateText.serial("2020-06-30"), 44012)
        XCTAssertEqual(DateText.serial("2020/6/30"), 44012)
        XCTAssertEqual(DateText.serial("2020年6月30日"), 44012)
        XCTAssertNil(DateText.serial("6月底"))
        XCTAssertEqual(ExcelDate.text(44012, date1904: false), "2020-06-30")
    }

    func testHeaderKeysFoldWidthAndSpaces() {
        XCTAssertEqual(TextKey.of("完成进度（%）"), TextKey.of("完成进度 (%)"))
        XCTAssertEqual(TextKey.loose("完成进度（%）"), TextKey.loose("完成进度"))
        XCTAssertNotEqual(TextKey.of("进展情况"), TextKey.of("进展"))
        XCTAssertEqual(TextKey.of(" Ａｂ\u{3000}Ｃ（１）～\u{00A0}X\u{FEFF}\t\n\u{2002}完成，"), "abc(1)~x完成,")
        XCTAssertEqual(TextKey.of("发改委"), "发改委")
    }

    private func report(_ unit: String, _ values: [Int: ReportedValue]) -> UnitReport {
        UnitReport(unit: unit, task: "1-001", values: values, complete: true, file: "f", sheet: "s", row: 4)
    }

    func testSeveralUnitsCombineByTheStatedRules() {
        let reports = [report("发改委", [0: .text("甲"), 1: .number(80), 2: .text("序时推进")]),
                       report("工信局", [0: .text("乙"), 1: .number(60), 2: .text("滞后")]),
                       report("商务局", [1: .number(90), 2: .text("已完成")])]
        XCTAssertEqual(ValueCombination.combine(reports, column: 0, spec: template.columns[0]), .text("【发改委】甲\n【工信局】乙"))
        XCTAssertEqual(ValueCombination.combine(reports, column: 1, spec: percent), .number(60), "lowest percent")
        XCTAssertEqual(ValueCombination.combine(reports, column: 2, spec: status), .text("滞后"), "worst status")
        XCTAssertEqual(ValueCombination.combine(Array(reports.prefix(1)), column: 0, spec: template.columns[0]), .text("甲"),
                       "a single unit's text is not labelled")
        XCTAssertNil(ValueCombination.combine(reports, column: 3, spec: template.columns[3]))
        let notStarted = [report("发改委", [2: .text("未启动")]), report("工信局", [2: .text("已完成")])]
        XCTAssertEqual(ValueCombination.combine(notStarted, column: 2, spec: status), .text("未启动"))
    }
}
