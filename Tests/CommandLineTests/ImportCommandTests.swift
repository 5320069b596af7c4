import Foundation
import TestSupport
import XCTest

final class ImportCommandTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeTemporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testJSONSummaryOfTheSeed() throws {
        let output = folder.appendingPathComponent("master.xlsx")
        let result = try runTool(["import", Repository.seed.path, "-o", output.path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["tasks"] as? Int, 182)
        let tables = try XCTUnwrap(json["tables"] as? [[String: Any]])
        XCTAssertEqual(tables.map { $0["tasks"] as? Int }, [160, 22])
        XCTAssertEqual(tables[0]["columns"] as? [String], ["编号", "门类", "项目", "内容和要求", "分管领导", "主要责任单位", "相关单位"])
        let units = try XCTUnwrap(json["units"] as? [[String: Any]])
        XCTAssertEqual(units.count, 53)
        XCTAssertEqual(units.first?["name"] as? String, "发改委")
        XCTAssertEqual(units.first?["tasks"] as? Int, 37)
        XCTAssertEqual((json["leaders"] as? [String])?.count, 10)
        let warnings = try XCTUnwrap(json["warnings"] as? [[String: String]])
        XCTAssertEqual(warnings.filter { $0["kind"] == "corrected" }.count, 11)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.path))
    }

    /// The Word document itself: the same summary and the same master workbook, cell for cell
    /// (read back by openpyxl), as its text export.
    func testWordDocumentImportsLikeItsTextExport() throws {
        var summaries: [[String: Any]] = []
        var books: [InspectedWorkbook] = []
        for (name, source) in [("text", Repository.seed.path), ("word", Repository.path("Tests/Fixtures/docx/seed.docx").path)] {
            let output = folder.appendingPathComponent("\(name).xlsx")
            let result = try runTool(["import", source, "-o", output.path, "--json"])
            XCTAssertEqual(result.status, 0, result.stderr)
            summaries.append(try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]))
            books.append(try Openpyxl.inspect(output))
        }
        func canonical(_ value: Any?) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: try XCTUnwrap(value), options: [.sortedKeys, .fragmentsAllowed]),
                   as: UTF8.self)
        }
        for key in ["tasks", "tables", "units", "leaders"] {
            XCTAssertEqual(try canonical(summaries[1][key]), try canonical(summaries[0][key]), key)
        }
        XCTAssertTrue(try canonical(summaries[1]["units"]).contains("发改委"))
        XCTAssertEqual((summaries[1]["warnings"] as? [[String: String]])?.map { $0["kind"] },
                       (summaries[0]["warnings"] as? [[String: String]])?.map { $0["kind"] })
        XCTAssertEqual(books[1].sheets.map(\.title), books[0].sheets.map(\.title))
        for (word, text) in zip(books[1].sheets, books[0].sheets) {
            XCTAssertEqual(word.rows, text.rows, word.title)
        }
        XCTAssertEqual(books[1].sheets.first?.rows.count, 161)
    }

    func testHumanSummaryPrintsTotalsAndWarnings() throws {
        let output = folder.appendingPathComponent("master.xlsx")
        let result = try runTool(["import", Repository.seed.path, "-o", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("182 tasks in 2 tables, 53 responsible units, 10 leaders"), result.stdout)
        XCTAssertTrue(result.stdout.contains("warning (lookalike)"), result.stdout)
    }

    func testBadSourceFailsWithOneLineNamingTheFileAndWritesNothing() throws {
        let source = folder.appendingPathComponent("empty.txt")
        try Data().write(to: source)
        let output = folder.appendingPathComponent("master.xlsx")
        let result = try runTool(["import", source.path, "-o", output.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stderr, "error: \(source.path): the file is empty\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["empty.txt"])
    }

    func testUnwritableOutputIsAClearError() throws {
        let result = try runTool(["import", Repository.seed.path, "-o", "/nonexistent-folder/master.xlsx"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stderr, "error: /nonexistent-folder/master.xlsx: the folder /nonexistent-folder does not exist\n")
    }
}
