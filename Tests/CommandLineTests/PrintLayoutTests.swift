import Foundation
import TestSupport
import XCTest

/// What a person holds in their hand: every workbook we write, printed to PDF by LibreOffice,
/// has no text smaller than 9 pt on paper (character sizes read back from the PDF).
final class PrintLayoutTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeTemporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Each page's paper width and smallest character size on paper (pdfminer.six).
    private func pages(_ pdf: URL) throws -> [(width: Int, smallest: Double)] {
        let result = try runPython("pdf_text_sizes.py", [pdf.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try XCTUnwrap(json["pages"] as? [[String: Any]]).compactMap { page in
            guard let smallest = page["smallest"] as? Double else { return nil }
            return (page["width"] as? Int ?? 0, smallest)
        }
    }

    func testNoPrintedTextIsSmallerThanNinePoints() throws {
        let units = folder.appendingPathComponent("units")
        XCTAssertEqual(try runTool(["split", Repository.seed.path, "-o", units.path, "--period", "2020年第二季度"]).status, 0)
        let master = folder.appendingPathComponent("master.xlsx")
        XCTAssertEqual(try runTool(["import", Repository.seed.path, "-o", master.path]).status, 0)
        let merged = folder.appendingPathComponent("merged.xlsx")
        let merging = try runTool(["merge", Repository.seed.path, Repository.path("Tests/Fixtures/returned").path, "-o", merged.path])
        XCTAssertEqual(merging.status, 0, merging.stderr)
        // 发改委 has the most tasks, 关工委 one: the widest and the thinnest unit workbook.
        let books = [units.appendingPathComponent("发改委.xlsx"), units.appendingPathComponent("关工委.xlsx"),
                     units.appendingPathComponent("分发清单.xlsx"), master, merged]
        let pdfs = folder.appendingPathComponent("pdf")
        let converted = try LibreOffice.convert(books, to: "pdf", into: pdfs)
        XCTAssertEqual(converted.status, 0, converted.stderr)
        let pdf = { (book: URL) in pdfs.appendingPathComponent(book.deletingPathExtension().lastPathComponent + ".pdf") }
        for book in books {
            let printed = try pages(pdf(book))
            XCTAssertFalse(printed.isEmpty, book.lastPathComponent)
            for (number, page) in printed.enumerated() {
                XCTAssertGreaterThanOrEqual(page.smallest, 8.95, "\(book.lastPathComponent) page \(number + 1): text prints at \(page.smallest) pt")
            }
        }
    }
}
