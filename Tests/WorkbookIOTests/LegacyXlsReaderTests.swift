import Foundation
import TestSupport
import XCTest

@testable import WorkbookIO

/// .xls twins written by LibreOffice (Tests/Fixtures/make_xls_fixtures.py), read by our own BIFF8 reader.
final class LegacyXlsReaderTests: XCTestCase {
    func testSheetsStringsNumbersOfALibreOfficeXls() throws {
        let reader = try LegacyXlsReader(path: Repository.path("Tests/Fixtures/returned-xls/工信局.xls").path)
        // Every sheet, hidden ones included.
        XCTAssertTrue(reader.sheets.map(\.name).contains("_xlsx_tasks"), "\(reader.sheets.map(\.name))")
        XCTAssertTrue(reader.sheets.map(\.name).contains("填报说明"))
        let table = try reader.contents(ofSheet: 0)
        let header = try XCTUnwrap(table.rows.first { $0.values.first == .text("编号") })
        XCTAssertEqual(header.number, 3, "the header is the third row, under the title and the reporter block")
        XCTAssertTrue(header.values.contains(.text("完成进度（%）")))
        // The reporter block's 填报日期 is a date cell (its format is a date format): a serial.
        let reporter = try XCTUnwrap(table.rows.first { $0.number == 2 })
        XCTAssertEqual(reporter.values.first, .text("填报人："))
        XCTAssertTrue(reporter.values.contains(.date(44012)), "\(reporter.values)")
        let progress = try XCTUnwrap(header.values.firstIndex(of: .text("完成进度（%）")))
        let first = try XCTUnwrap(table.rows.first { $0.number == header.number + 1 })
        guard case .text(let id)? = first.values[0], case .number(let percent)? = first.values[progress] else {
            return XCTFail("unexpected first row \(first.values)")
        }
        // make_returned_fixtures.py types percent_for(n) for task n.
        let n = Int(id.split(separator: "-")[1])! + (id.hasPrefix("2-") ? 100 : 0)
        XCTAssertEqual(percent, Double(percentFor(n)))
    }

    func testTruncatedAndNonWorkbookFilesAreClearFailures() throws {
        XCTAssertEqual(try FileKind.sniff(path: Repository.path("Tests/Fixtures/returned-xls/水务局-传输中断.xls").path), .truncatedOLE)
        XCTAssertThrowsError(try LegacyXlsReader(path: Repository.path("Tests/Fixtures/returned/工信局.xlsx").path)) { error in
            guard let failure = error as? WorkbookError, failure.kind == .damaged else { return XCTFail("\(error)") }
            XCTAssertFalse(failure.message.isEmpty)
        }
    }

    func testISODatesBecomeSerialsOfEitherDateSystem() {
        XCTAssertEqual(ExcelDate.serial(fromISO: "2020-06-30", date1904: false), 44012)
        XCTAssertEqual(ExcelDate.serial(fromISO: "2020-06-30", date1904: true), 42550)
        XCTAssertEqual(ExcelDate.serial(fromISO: "1900-01-01", date1904: false), 1)
        XCTAssertEqual(ExcelDate.serial(fromISO: "1900-03-01", date1904: false), 61)
        XCTAssertEqual(ExcelDate.serial(fromISO: "2020-06-30 12:00:00", date1904: false), 44012.5)
        XCTAssertEqual(ExcelDate.serial(fromISO: "06:00:00", date1904: false), 0.25)
        XCTAssertNil(ExcelDate.serial(fromISO: "下周", date1904: false))
        XCTAssertEqual(ExcelDate.text(ExcelDate.serial(fromISO: "2021-12-31", date1904: false)!, date1904: false), "2021-12-31")
    }
}
