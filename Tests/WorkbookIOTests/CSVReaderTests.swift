import Foundation
import TestSupport
import WorkbookIO
import XCTest

final class CSVReaderTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeTemporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Writes `text` in `encoding` with python (so GBK and UTF-16 bytes come from a real encoder).
    private func write(_ text: String, encoding: String, name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let result = try runProgram("/usr/bin/env", ["python3", "-c",
            "import sys; open(sys.argv[1], 'wb').write(sys.argv[2].encode(sys.argv[3]))", path, text, encoding])
        XCTAssertEqual(result.status, 0, result.stderr)
        return path
    }

    func testQuotesEmbeddedLineBreaksAndCRLF() throws {
        let rows = try CSVReader.parse("编号,进展情况\r\n1-001,\"第一行\r\n第二行，含\"\"引号\"\"\"\r\n1-002,\"a,b\"\r\n", delimiter: ",")
        XCTAssertEqual(rows, [["编号", "进展情况"], ["1-001", "第一行\n第二行，含\"引号\""], ["1-002", "a,b"]])
    }

    func testEmptyFieldsAndBlankLines() throws {
        XCTAssertEqual(try CSVReader.parse("a,,c\n\n,,\nx", delimiter: ","), [["a", "", "c"], ["", "", ""], ["x"]])
    }

    func testDelimiterDetection() {
        XCTAssertEqual(CSVReader.detectDelimiter("编号,进展\n1,2\n"), ",")
        XCTAssertEqual(CSVReader.detectDelimiter("编号\t进展,说明\n1\t好,很好\n"), "\t")
        XCTAssertEqual(CSVReader.detectDelimiter("编号;进展\n1;2,5\n2;3\n"), ";")
    }

    func testGBKAsAChineseExcelSavesIt() throws {
        let path = try write("编号,推进状态\r\n1-001,已完成\r\n", encoding: "gbk", name: "gbk.csv")
        let table = try CSVReader.read(path: path)
        XCTAssertEqual(table.encoding, .gb18030)
        XCTAssertEqual(table.rows, [["编号", "推进状态"], ["1-001", "已完成"]])
    }

    func testUTF8WithBOMKeepsTheBOMOutOfTheFirstHeader() throws {
        let path = try write("\u{FEFF}编号,推进状态\n1-001,滞后\n", encoding: "utf-8", name: "bom.csv")
        let table = try CSVReader.read(path: path)
        XCTAssertEqual(table.encoding, .utf8BOM)
        XCTAssertEqual(table.rows.first?.first, "编号")
    }

    func testUnicodeTextIsUTF16AndTabSeparated() throws {
        let path = try write("编号\t推进状态\r\n1-001\t序时推进\r\n", encoding: "utf-16", name: "unicode.txt")
        let table = try CSVReader.read(path: path)
        XCTAssertEqual(table.encoding, .utf16LE)
        XCTAssertEqual(table.delimiter, "\t")
        XCTAssertEqual(table.rows, [["编号", "推进状态"], ["1-001", "序时推进"]])
    }

    func testFileKindsByFirstBytes() throws {
        func kind(_ bytes: [UInt8], _ name: String) throws -> FileKind {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return try FileKind.sniff(path: url.path)
        }
        XCTAssertEqual(try kind([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "renamed.csv"), .zip)
        XCTAssertEqual(try kind([], "empty.xlsx"), .empty)
        XCTAssertEqual(try kind(Array("<html><body><table><tr><td>1</td></tr></table>".utf8), "report.xls"), .html)
        XCTAssertEqual(try kind([0xB3, 0xC9, 0xBD, 0xBB, 0x09, 0x31, 0x0A], "gbk-text.xls"), .text)
        XCTAssertEqual(try kind([0x00, 0x01, 0x02, 0x03, 0x00], "blob.xlsx"), .binary)
        let utf16 = Array("EncryptedPackage".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        XCTAssertEqual(try kind([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512) + utf16, "locked.xlsx"),
                       .encryptedOOXML)
        let workbook = Array("Workbook".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        XCTAssertEqual(try kind([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512) + workbook, "old.xlsx"),
                       .legacyXLS)
        XCTAssertEqual(try kind(Array("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">".utf8), "x.xls"),
                       .spreadsheetML2003)
    }
}
