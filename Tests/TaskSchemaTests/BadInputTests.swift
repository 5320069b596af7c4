import Foundation
import TaskSchema
import TestSupport
import XCTest

/// Every unusable source gets one clear error naming the file (and the line where it applies).
final class BadInputTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeTemporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func importError(_ name: String, _ bytes: Data?) -> ImportError? {
        let url = folder.appendingPathComponent(name)
        if let bytes { try? bytes.write(to: url) }
        do {
            _ = try DocumentImporter.importMaster(from: url.path)
            XCTFail("\(name) should not import")
            return nil
        } catch let error as ImportError {
            XCTAssertEqual(error.path, url.path)
            XCTAssertTrue(error.description.hasPrefix(url.path), error.description)
            return error
        } catch {
            XCTFail("unexpected error \(error)")
            return nil
        }
    }

    func testMissingFile() {
        XCTAssertEqual(importError("missing.txt", nil)?.message, "no such file")
    }

    func testEmptyFile() {
        XCTAssertEqual(importError("empty.txt", Data())?.message, "the file is empty")
    }

    func testBinaryFile() throws {
        let error = importError("scan.pdf", Data((0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }))
        XCTAssertTrue(error?.message.contains("not a text file") ?? false, error?.message ?? "no error")
    }

    /// A Word document cut off after its first bytes is a ZIP without a directory.
    func testTruncatedWordDocument() throws {
        let error = importError("document.docx", Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x00, 0x00]))
        XCTAssertTrue(error?.message.contains("damaged or truncated") ?? false, error?.message ?? "no error")
    }

    func testTextWithNoRecognisableTable() {
        let error = importError("letter.txt", Data("关于召开会议的通知\n\n各单位：\n定于下周召开会议。\n".utf8))
        XCTAssertTrue(error?.message.contains("no recognisable table") ?? false)
    }

    func testRowWithMoreCellsThanTheHeader() {
        let text = "\t门类\n\t项目\n\t主要责任单位\n\n\t综合指标\n\t甲\n\t发改委\n\t多出来的一格\n\n"
        let error = importError("extra.txt", Data(text.utf8))
        XCTAssertEqual(error?.line, 8)
        XCTAssertTrue(error?.message.contains("more cells than the 3 columns") ?? false, error?.message ?? "")
    }

    func testLastRowShortByMoreThanOneCell() {
        let text = "\t门类\n\t项目\n\t内容\n\t主要责任单位\n\n\t综合指标\n\t甲\n"
        let error = importError("short.txt", Data(text.utf8))
        XCTAssertEqual(error?.line, 6)
        XCTAssertTrue(error?.message.contains("2 cells but its table has 4 columns") ?? false, error?.message ?? "")
    }

    func testCellsOutsideAnyTable() {
        let error = importError("cells.txt", Data("前言\n\t甲\n\t乙\n\n".utf8))
        XCTAssertEqual(error?.line, 2)
    }

    func testGBKTextExportWithCRLFImports() throws {
        // The same header and row as a Chinese Notepad saves them: GBK bytes, CRLF line ends.
        let url = folder.appendingPathComponent("gbk.txt")
        let text = "\t门类\r\n\t项目\r\n\t主要责任单位\r\n\r\n\t综合指标\r\n\t地区生产总值\r\n\t发改委\r\n\r\n"
        let result = try runProgram("/usr/bin/env", ["python3", "-c", "import sys; open(sys.argv[1], 'wb').write(sys.argv[2].encode('gbk'))", url.path, text])
        XCTAssertEqual(result.status, 0, result.stderr)
        let bytes = try Data(contentsOf: url)
        XCTAssertNil(String(data: bytes, encoding: .utf8), "the fixture must really be GBK")
        let master = try DocumentImporter.importMaster(from: url.path)
        XCTAssertEqual(master.tables[0].tasks.first?.cells, ["综合指标", "地区生产总值", "发改委"])
    }
}
