import XCTest

@testable import TaskSchema
@testable import WorkbookIO

/// How one typed percentage is read.
final class ProgressValueTests: XCTestCase {
    let percent = ReportTemplate.Column(name: "完成进度（%）", type: .percent, width: 12, required: false, values: [], severity: [],
                                        minimum: 0, maximum: 100, prompt: nil)

    /// Without the cell's format (an .xls whose format records cannot be read), 1.0 may be
    /// 100% or 1%: asked about, never taken as 1.
    func testAFractionUpToOneIsNeverGuessedWhenTheFormatIsUnknown() {
        for number in [1.0, 0.6, 0.05] {
            guard case .invalid(let reason, _) = ProgressValue.check(.number(number), column: percent, date1904: false, numberFormatsKnown: false)
            else { return XCTFail("\(number) was taken without asking") }
            XCTAssertTrue(reason.contains("may be"), reason)
        }
        XCTAssertEqual(ProgressValue.check(.number(2), column: percent, date1904: false, numberFormatsKnown: false), .valid(.number(2)))
        XCTAssertEqual(ProgressValue.check(.number(1), column: percent, date1904: false, numberFormatsKnown: true), .valid(.number(1)))
    }

    /// 0.55 shown as 55% is stored as 0.55 × 100 = 55.00000000000001 in binary: what was typed is 55.
    func testPercentagesCarryNoFloatingPointNoise() {
        XCTAssertEqual(0.55 * 100, 55.00000000000001, "the noise this test is about")
        XCTAssertEqual(ProgressValue.check(.percent(0.55), column: percent, date1904: false), .valid(.number(55)))
        XCTAssertEqual(ProgressValue.check(.percent(0.123456), column: percent, date1904: false), .valid(.number(12.3456)))
        XCTAssertEqual(ProgressValue.check(.text("33.333333%"), column: percent, date1904: false), .valid(.number(33.3333)))
    }

    /// The BIFF8 format codes that show a percentage: % outside quotes, escapes and brackets.
    func testPercentFormatCodes() {
        XCTAssertTrue(CellStyles.formatIsPercent("0.0%"))
        XCTAssertTrue(CellStyles.formatIsPercent("[Red]0%"))
        XCTAssertFalse(CellStyles.formatIsPercent("0\"%\""))
        XCTAssertFalse(CellStyles.formatIsPercent("0\\%"))
        XCTAssertFalse(CellStyles.formatIsPercent("yyyy-mm-dd"))
    }
}
