import Foundation
import TestSupport
@testable import WorkbookIO
import XCTest

/// The reader on hand-made files that show the traps of real-world xlsx
/// (Tests/Helpers/make_xlsx_traps.py writes them part by part).
final class XlsxReaderTrapsTests: XCTestCase {
    static let folder = Result { () throws -> URL in
        let folder = try makeTemporaryFolder("traps")
        let result = try runPython("make_xlsx_traps.py", [folder.path])
        guard result.status == 0 else { throw InspectionError(message: result.stderr) }
        return folder
    }

    private func file(_ name: String) throws -> String { try XlsxReaderTrapsTests.folder.get().appendingPathComponent(name).path }

    /// Every row of the first sheet as (row, column) → resolved value.
    private func cells(_ name: String) throws -> (XlsxReader, [String: CellValue], SheetSummary, [Int]) {
        let reader = try XlsxReader(path: file(name))
        var values: [String: CellValue] = [:]
        var rows: [Int] = []
        let summary = try reader.forEachRow(inSheet: 0) { row in
            rows.append(row.index)
            for cell in row.cells {
                values[CellReference.name(row: row.index, column: cell.column)] = try reader.resolve(cell.value)
            }
        }
        return (reader, values, summary, rows)
    }

    func checkBasicContent(_ name: String) throws {
        let (reader, values, summary, rows) = try cells(name)
        XCTAssertEqual(reader.sheets.map(\.name), ["任务", "隐藏", "_meta"], name)
        XCTAssertEqual(reader.sheets.map(\.state), [.visible, .hidden, .veryHidden], name)
        XCTAssertEqual(reader.customProperties["xlsx-tasks.unit"], "发改委", name)
        XCTAssertEqual(reader.customProperties["xlsx-tasks.period"], "2020年第二季度", name)
        XCTAssertEqual(rows, [0, 1, 3, 4, 6], "rows follow their r attribute, or the previous row + 1 (\(name))")
        // Shared strings: plain, rich-text runs concatenated, phonetic runs skipped, empty slot kept,
        // entities, CR LF, _xHHHH_ escapes.
        XCTAssertEqual(values["A1"], .text("编号"))
        XCTAssertEqual(values["B1"], .text("进展 情况"))
        XCTAssertEqual(values["C1"], .text("東京"))
        XCTAssertEqual(values["D1"], .text(""), "an empty <si/> keeps its index")
        XCTAssertEqual(values["E1"], .text("A&B\n第二行\r尾_x"))
        // Inline string with runs and preserved spaces, formula string result, boolean, error,
        // a <v> with attributes.
        XCTAssertEqual(values["A2"], .text("行内  文本 "))
        XCTAssertEqual(values["B2"], .text("行内x"))
        XCTAssertEqual(values["C2"], .bool(true))
        XCTAssertEqual(values["D2"], .error("#N/A"))
        XCTAssertEqual(values["E2"], .number(42.5))
        // Dates by style: built-in 14, a custom 年月日 format, CJK built-ins 31 and 57; percentages
        // by built-in 9 and a custom 0.0%; a custom format with quoted text is a number.
        XCTAssertEqual(values["A4"], .date(43922))
        XCTAssertEqual(values["B4"], .date(43922))
        XCTAssertEqual(values["C4"], .date(43922.5))
        XCTAssertEqual(values["D4"], .date(43922))
        XCTAssertEqual(values["E4"], .percent(0.8))
        XCTAssertEqual(values["F4"], .percent(0.25))
        XCTAssertEqual(values["G4"], .number(12))
        // Cells without r: after the previous cell.
        XCTAssertEqual(values["A5"], .number(1))
        XCTAssertEqual(values["B5"], .number(2))
        XCTAssertEqual(values["E5"], .number(5))
        XCTAssertEqual(values["F5"], .number(6))
        // Character references, empty cells left out, exponents, more digits than a double holds.
        XCTAssertEqual(values["B7"], .text("中文<>\"'"))
        XCTAssertNil(values["C7"])
        XCTAssertNil(values["D7"])
        XCTAssertEqual(values["E7"], .number(-0.00125))
        XCTAssertEqual(values["F7"], .number(123456789012345678901))
        XCTAssertEqual(summary.protected, true)
        XCTAssertEqual(summary.mergedRanges, ["A1:C1"])
        XCTAssertEqual(values.count, 24, "the false <dimension ref=\"A1\"/> is ignored (\(name))")
    }

    func testBasicTraps() throws { try checkBasicContent("basic.xlsx") }

    func testStrictNamespacesPrefixesAndAbsoluteTargets() throws { try checkBasicContent("strict.xlsx") }

    func testPartNamesInAnotherCaseBackslashesAndDataDescriptors() throws { try checkBasicContent("oddzip.xlsx") }

    func testZip64Records() throws { try checkBasicContent("zip64.xlsx") }

    func testOtherSheetsAreReadable() throws {
        let reader = try XlsxReader(path: file("basic.xlsx"))
        var text: [CellValue] = []
        try reader.forEachRow(inSheet: 2) { row in text += row.cells.map(\.value) }
        XCTAssertEqual(text, [.text("元数据")])
    }

    func testDateSystems() throws {
        let plain = try XlsxReader(path: file("basic.xlsx"))
        XCTAssertFalse(plain.date1904)
        XCTAssertEqual(ExcelDate.text(43922, date1904: false), "2020-04-01")
        XCTAssertEqual(ExcelDate.text(43922.5, date1904: false), "2020-04-01 12:00")
        XCTAssertEqual(ExcelDate.text(1, date1904: false), "1900-01-01")
        XCTAssertEqual(ExcelDate.text(59, date1904: false), "1900-02-28")
        XCTAssertEqual(ExcelDate.text(61, date1904: false), "1900-03-01")
        let mac = try XlsxReader(path: file("date1904.xlsx"))
        XCTAssertTrue(mac.date1904)
        XCTAssertEqual(ExcelDate.text(43922, date1904: mac.date1904), "2024-04-02")
        XCTAssertEqual(ExcelDate.text(0, date1904: true), "1904-01-01")
    }

    func testWPSInCellImage() throws {
        let (reader, values, summary, _) = try cells("wps-image.xlsx")
        XCTAssertTrue(reader.hasCellImages)
        XCTAssertEqual(values["A1"], .image("ID_4F2A"))
        XCTAssertEqual(values["B1"], .text("说明"))
        XCTAssertEqual(summary.imageCells, 1)
    }

    func testTruncatedZipIsAClearError() throws {
        XCTAssertThrowsError(try XlsxReader(path: file("truncated.xlsx"))) { error in
            XCTAssertTrue("\(error)".contains("damaged or truncated"), "\(error)")
            XCTAssertTrue("\(error)".contains("truncated.xlsx"), "\(error)")
        }
    }

    func testDateAndPercentFormatCodes() {
        XCTAssertTrue(CellStyles.formatIsDate("yyyy\"年\"m\"月\"d\"日\""))
        XCTAssertTrue(CellStyles.formatIsDate("[$-409]d-mmm-yy"))
        XCTAssertTrue(CellStyles.formatIsDate("[h]:mm:ss"))
        XCTAssertFalse(CellStyles.formatIsDate("General"))
        XCTAssertFalse(CellStyles.formatIsDate("\"共\"0\"项\""))
        XCTAssertFalse(CellStyles.formatIsDate("[Red]0.00"))
        XCTAssertFalse(CellStyles.formatIsDate("0.00E+00"))
        XCTAssertTrue(CellStyles.formatIsPercent("0.0%"))
        XCTAssertFalse(CellStyles.formatIsPercent("0.0\"%\""))
    }

    /// The shared-string table is parsed while it inflates; an item cut anywhere by a chunk
    /// boundary (inside a tag, an entity, a multi-byte character) must come out whole.
    func testSharedStringsParsedAcrossEveryChunkBoundary() throws {
        let xml = Data("""
            <?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            count="5" uniqueCount="5"><si><t>发改委</t></si><si/><si><r><rPr><b/></rPr><t>推进</t></r><r><t xml:space="preserve"> 80&amp;% </t></r>\
            <rPh sb="0" eb="1"><t>すい</t></rPh></si><si><t>&#x5DE5;信局_x000D_</t></si><x:si xmlns:x="urn:x"><x:t>末</x:t></x:si></sst>
            """.utf8)
        let whole = try SharedStrings.parse { try $0(xml) }
        XCTAssertEqual(whole, ["发改委", "", "推进 80&% ", "工信局\r", "末"])
        for size in 1...40 {
            let pieces = try SharedStrings.parse { consumer in
                var start = 0
                while start < xml.count {
                    try consumer(xml.subdata(in: start..<min(start + size, xml.count)))
                    start += size
                }
            }
            XCTAssertEqual(pieces, whole, "chunks of \(size) bytes")
        }
    }
}

/// A sheet far larger than one inflate chunk, read with shared strings resolved inside the row
/// callback (a lazily loaded string table must not disturb the streaming sheet).
final class XlsxReaderLargeSheetTests: XCTestCase {
    func testLargeSheetWithSharedStringsResolvedWhileStreaming() throws {
        let folder = try makeTemporaryFolder("large")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("large.xlsx")
        let rows = 20_000
        try XlsxWorkbook.write(to: file) { workbook in
            let sheet = try workbook.addWorksheet(named: "数据")
            for row in 0..<rows {
                try sheet.write("第\(row)行的任务内容，包含足够长的文字以占满压缩块\(row * 7919 % 10007)", row: row, column: 0)
                try sheet.write(Double(row), row: row, column: 1)
            }
        }
        let reader = try XlsxReader(path: file.path)
        var count = 0
        var sum = 0.0
        // 4 KiB chunks: rows and cells straddle chunk boundaries thousands of times.
        try reader.forEachRow(inSheet: 0, chunkSize: 4096, pipelineAbove: .max) { row in
            guard case .text(let text) = try reader.resolve(row.cells[0].value), case .number(let number) = row.cells[1].value else {
                return XCTFail("row \(row.index) has unexpected cells")
            }
            XCTAssertTrue(text.hasPrefix("第\(row.index)行"))
            sum += number
            count += 1
        }
        XCTAssertEqual(count, rows)
        XCTAssertEqual(sum, Double(rows * (rows - 1) / 2))
    }

    func testInflatingOnASecondThreadGivesTheSameRowsAndStopsWhenTheReaderStops() throws {
        let folder = try makeTemporaryFolder("pipeline")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pipeline.xlsx")
        try XlsxWorkbook.write(to: file) { workbook in
            let sheet = try workbook.addWorksheet(named: "数据")
            for row in 0..<20_000 {
                try sheet.write("任务\(row)", row: row, column: 0)
                try sheet.write(Double(row) / 4, row: row, column: 1)
            }
        }
        let reader = try XlsxReader(path: file.path)
        var serial: [SheetRow] = []
        try reader.forEachRow(inSheet: 0, chunkSize: 4096, pipelineAbove: .max) { serial.append($0) }
        var threaded: [SheetRow] = []
        try reader.forEachRow(inSheet: 0, chunkSize: 4096, pipelineAbove: 0) { threaded.append($0) }
        XCTAssertEqual(threaded.count, 20_000)
        XCTAssertEqual(threaded.map(\.cells), serial.map(\.cells))
        XCTAssertEqual(threaded.map(\.index), serial.map(\.index))

        struct Enough: Error {}
        var seen = 0
        XCTAssertThrowsError(try reader.forEachRow(inSheet: 0, chunkSize: 4096, pipelineAbove: 0) { _ in
            seen += 1
            if seen == 100 { throw Enough() }
        }) { XCTAssertTrue($0 is Enough) }
        // The archive is usable again once the producer has stopped.
        var again = 0
        try reader.forEachRow(inSheet: 0) { _ in again += 1 }
        XCTAssertEqual(again, 20_000)
    }
}
