import Foundation
import TestSupport
import WorkbookIO
import XCTest

/// Writes workbooks through the libxlsxwriter wrapper and reads them back with openpyxl.
final class XlsxWorkbookTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws { folder = try makeTemporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testValuesStylesProtectionAndValidationSurviveInOpenpyxl() throws {
        let file = folder.appendingPathComponent("form.xlsx")
        let unlocked = CellStyle(wrap: true, locked: false, border: true)
        try XlsxWorkbook.write(to: file) { workbook in
            try workbook.setProperties(.init(title: "测试表"))
            try workbook.setCustomProperty("xlsx-tasks.unit", "发改委")
            let sheet = try workbook.addWorksheet(named: "任务")
            try sheet.mergeRange(rows: 0...0, columns: 0...2, text: "标题", style: CellStyle(bold: true))
            try sheet.writeRow(["编号", "推进状态", "完成进度（%）"], row: 1, style: CellStyle(bold: true))
            try sheet.write("1-001", row: 2, column: 0)
            try sheet.writeBlank(row: 2, column: 1, style: unlocked)
            try sheet.write(42, row: 2, column: 2, style: unlocked)
            try sheet.addValidation(
                DataValidation(.list(["已完成", "滞后"]), inputTitle: "推进状态", inputMessage: "请选择",
                               errorTitle: "输入有误", errorMessage: "请从下拉列表中选择"),
                rows: 2...2, columns: 1...1)
            try sheet.addValidation(DataValidation(.decimal(minimum: 0, maximum: 100)), rows: 2...2, columns: 2...2)
            sheet.freezePanes(row: 2, column: 1)
            try sheet.setPageSetup(PageSetup(landscape: true, fitToPagesWide: 1, repeatRows: 1...1,
                                             footer: "&C第 &P 页，共 &N 页"))
            sheet.protect(password: nil)
        }
        let book = try Openpyxl.inspect(file)
        XCTAssertEqual(book.title, "测试表")
        XCTAssertEqual(book.custom["xlsx-tasks.unit"], "发改委")
        let sheet = try XCTUnwrap(book.sheet("任务"))
        XCTAssertEqual(sheet.text(0, 0), "标题")
        XCTAssertEqual(sheet.merged, ["A1:C1"])
        XCTAssertEqual(sheet.text(2, 0), "1-001")
        XCTAssertEqual(sheet.text(2, 2), "42")
        XCTAssertTrue(sheet.isLocked(2, 0))
        XCTAssertFalse(sheet.isLocked(2, 1), "a blank written with the unlocked style must stay editable")
        XCTAssertFalse(sheet.isLocked(2, 2))
        XCTAssertTrue(sheet.protected)
        XCTAssertFalse(sheet.hasPassword)
        XCTAssertEqual(sheet.freeze, "B3")
        XCTAssertTrue(sheet.landscape)
        XCTAssertEqual(sheet.paperSize, 9)
        XCTAssertTrue(sheet.fitToPage)
        XCTAssertEqual(sheet.fitToWidth, 1)
        XCTAssertEqual(sheet.printTitleRows, "$2:$2")
        XCTAssertEqual(sheet.footer, "第 &P 页，共 &N 页")
        let list = try XCTUnwrap(sheet.validations.first { $0.type == "list" })
        XCTAssertEqual(list.sqref, "B3")
        XCTAssertEqual(list.formula1, "\"已完成,滞后\"")
        XCTAssertEqual(list.promptTitle, "推进状态")
        XCTAssertEqual(list.error, "请从下拉列表中选择")
        let decimal = try XCTUnwrap(sheet.validations.first { $0.type == "decimal" })
        XCTAssertEqual(decimal.formula1, "0")
        XCTAssertEqual(decimal.formula2, "100")
    }

    func testPasswordIsSetWhenGiven() throws {
        let file = folder.appendingPathComponent("locked.xlsx")
        try XlsxWorkbook.write(to: file) { workbook in
            let sheet = try workbook.addWorksheet(named: "A")
            try sheet.write("x", row: 0, column: 0)
            sheet.protect(password: "secret")
        }
        let sheet = try XCTUnwrap(Openpyxl.inspect(file).sheet("A"))
        XCTAssertTrue(sheet.protected)
        XCTAssertTrue(sheet.hasPassword)
    }

    func testFailedBuildLeavesNoFileBehind() throws {
        let file = folder.appendingPathComponent("broken.xlsx")
        try Data("old content".utf8).write(to: file)
        struct Abort: Error {}
        XCTAssertThrowsError(try XlsxWorkbook.write(to: file) { workbook in
            try workbook.addWorksheet(named: "A").write("x", row: 0, column: 0)
            throw Abort()
        })
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "old content", "the old file must be untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(leftovers, ["broken.xlsx"], "no temporary file may be left behind")
    }

    func testOverlongListIsRefusedInsteadOfMakingExcelRepairTheFile() throws {
        let file = folder.appendingPathComponent("list.xlsx")
        let values = (1...60).map { "选项\($0)" }
        XCTAssertFalse(DataValidation.fitsLiteralList(values))
        XCTAssertThrowsError(try XlsxWorkbook.write(to: file) { workbook in
            try workbook.addWorksheet(named: "A").addValidation(DataValidation(.list(values)), rows: 0...1, columns: 0...0)
        }) { error in
            XCTAssertTrue("\(error)".contains("255"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path))
    }
}
