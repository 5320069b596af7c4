import Foundation
import TestSupport
import XCTest

/// What a person holds in their hand: the seed's unit workbooks, the checklist, the master and
/// the merged workbook, printed to PDF by LibreOffice and read back (pdfminer.six): no text
/// smaller than 9 pt, no table cut by column onto another page, the template's fonts embedded,
/// and every line of the tallest cells printed (LibreOffice leaves out what a row is too short
/// for).
final class PrintLayoutTests: XCTestCase {
    struct Page {
        var width: Int
        var smallest: Double?
        var fonts: [String]
        var text: String
        /// Text without any white space: a cell's wrapped lines read as one string.
        var compact: String { text.filter { !$0.isWhitespace } }
    }

    nonisolated(unsafe) static var printed: Result<(books: [String: URL], pages: [String: [Page]]), Error>!
    static let folder = try! makeTemporaryFolder()

    override class func setUp() {
        printed = Result { try printEverything() }
    }

    override class func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private static func printEverything() throws -> (books: [String: URL], pages: [String: [Page]]) {
        let units = folder.appendingPathComponent("units")
        let split = try runTool(["split", Repository.seed.path, "-o", units.path, "--period", "2020年第二季度",
                                 "--due", "2020-07-10", "--contact", "市政府督查室 张三 0576-88888888"])
        guard split.status == 0 else { throw InspectionError(message: split.stderr) }
        let master = folder.appendingPathComponent("master.xlsx")
        _ = try runTool(["import", Repository.seed.path, "-o", master.path])
        let merged = folder.appendingPathComponent("merged.xlsx")
        let merging = try runTool(["merge", Repository.seed.path, Repository.path("Tests/Fixtures/returned").path, "-o", merged.path])
        guard merging.status == 0 else { throw InspectionError(message: merging.stderr) }
        // 发改委 has the most tasks, 关工委 one: the widest and the thinnest unit workbook.
        let books = ["发改委": units.appendingPathComponent("发改委.xlsx"), "关工委": units.appendingPathComponent("关工委.xlsx"),
                     "分发清单": units.appendingPathComponent("分发清单.xlsx"), "master": master, "merged": merged]
        let pdfs = folder.appendingPathComponent("pdf")
        let converted = try LibreOffice.convert(Array(books.values), to: "pdf", into: pdfs)
        guard converted.status == 0 else { throw InspectionError(message: converted.stderr) }
        var pages: [String: [Page]] = [:]
        for (name, book) in books {
            let pdf = pdfs.appendingPathComponent(book.deletingPathExtension().lastPathComponent + ".pdf")
            let result = try runPython("pdf_text_sizes.py", [pdf.path])
            guard result.status == 0 else { throw InspectionError(message: result.stderr) }
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            pages[name] = (json?["pages"] as? [[String: Any]] ?? []).map {
                Page(width: $0["width"] as? Int ?? 0, smallest: $0["smallest"] as? Double, fonts: $0["fonts"] as? [String] ?? [],
                     text: $0["text"] as? String ?? "")
            }
        }
        return (books, pages)
    }

    var pages: [String: [Page]] { get throws { try Self.printed.get().pages } }
    var books: [String: URL] { get throws { try Self.printed.get().books } }

    func testNoPrintedTextIsSmallerThanNinePoints() throws {
        for (book, printed) in try pages {
            XCTAssertFalse(printed.isEmpty, book)
            for (number, page) in printed.enumerated() {
                guard let smallest = page.smallest else { continue }
                XCTAssertGreaterThanOrEqual(smallest, 8.95, "\(book) page \(number + 1): text prints at \(smallest) pt")
            }
        }
    }

    /// A table cut by column continues on pages that lack its first column: every page of a
    /// task table shows 编号 (the repeated header) and the table's last column.
    func testNoColumnIsCutOntoAnotherPage() throws {
        let pages = try pages
        for unit in ["发改委", "关工委"] {
            let tables = try XCTUnwrap(pages[unit]).filter { !$0.compact.contains("填报说明") }
            XCTAssertFalse(tables.isEmpty)
            for (number, page) in tables.enumerated() {
                XCTAssertTrue(page.compact.contains("编号") && page.compact.contains("下一步计划"), "\(unit) page \(number + 1): \(page.text.prefix(200))")
            }
        }
        for (number, page) in try XCTUnwrap(pages["merged"]).enumerated() {
            XCTAssertTrue(page.compact.contains("编号") || page.compact.contains("序号"), "merged.xlsx page \(number + 1) has no first column")
            if page.compact.contains("主要责任单位") {
                XCTAssertTrue(page.compact.contains("更新时间"), "merged.xlsx page \(number + 1): the task table's last column is elsewhere")
            }
            if page.compact.contains("问题清单") && page.compact.contains("工作表") || page.compact.contains("收文清单") && page.compact.contains("识别依据") {
                XCTAssertTrue(page.compact.contains("说明"), "merged.xlsx page \(number + 1): 说明 is cut off")
            }
        }
        // 填报说明: one A4 portrait page.
        let instructions = try XCTUnwrap(pages["发改委"]?.filter { $0.compact.contains("填报说明") })
        XCTAssertEqual(instructions.count, 1)
        XCTAssertEqual(instructions.first?.width, 595, "A4 portrait")
        XCTAssertTrue(instructions.first?.compact.contains("报送截止时间：2020年7月10日") ?? false)
        XCTAssertTrue(instructions.first?.compact.contains("联系人：市政府督查室张三0576-88888888") ?? false)
        // 汇总: landscape, the names and their numbers on the same page, the 合计 row printed.
        let summary = try XCTUnwrap(pages["merged"]?.filter { $0.compact.contains("各单位报送情况汇总") })
        XCTAssertLessThanOrEqual(summary.count, 3)
        XCTAssertTrue(summary.allSatisfy { $0.width == 842 }, "A4 landscape: \(summary.map(\.width))")
        let summaryText = summary.map(\.compact).joined()
        XCTAssertTrue(summaryText.contains("合计") && summaryText.contains("报送率"), summaryText)
    }

    /// The cells name the template's first font (仿宋, 黑体); the PDF embeds one of the families
    /// the template lists after it (Noto CJK here, through Templates/fonts) — both the body and
    /// the title family, and nothing else.
    func testTheTemplateFontsAreTheOnesEmbedded() throws {
        let template = try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.path("Templates/xlsx/progress-report.json"))) as? [String: Any]
        let style = try XCTUnwrap(template?["style"] as? [String: Any])
        // Noto CJK names every region's face after Japan's ("NotoSerifCJKjp-Regular"): compare the family stem.
        func stem(_ name: String) -> String {
            var key = name.lowercased().filter { !$0.isWhitespace && $0 != "-" }
            for region in ["sc", "tc", "jp", "kr", "hk"] where key.hasSuffix(region) { key.removeLast(2) }
            return key
        }
        let body = try XCTUnwrap(style["bodyFont"] as? [String]).map(stem), title = try XCTUnwrap(style["titleFont"] as? [String]).map(stem)
        for (book, printed) in try pages {
            let fonts = Set(printed.flatMap(\.fonts).map { $0.lowercased().replacingOccurrences(of: "-", with: "") })
            for font in fonts {
                XCTAssertTrue((body + title).contains { font.hasPrefix($0) }, "\(book): \(font) is not a font of the template")
            }
            XCTAssertTrue(fonts.contains { font in body.contains { font.hasPrefix($0) } }, "\(book): body font missing in \(fonts)")
            XCTAssertTrue(fonts.contains { font in title.contains { font.hasPrefix($0) } }, "\(book): title font missing in \(fonts)")
        }
    }

    /// The longest task text of the biggest unit workbook, and the longest merged cell (several
    /// units' texts, one 【unit】 paragraph each), are printed whole; openpyxl sees row heights
    /// that grow with the text, capped at Excel's 409 pt.
    func testEveryLineOfTheTallestCellsIsPrinted() throws {
        for (name, sheetPrefix) in [("发改委", "2020"), ("merged", "2020")] {
            let book = try Openpyxl.inspect(try XCTUnwrap(books[name]))
            var longest = ""
            for sheet in book.sheets where sheet.title.hasPrefix(sheetPrefix) && sheet.state == "visible" {
                for row in sheet.table.dropFirst() {
                    for cell in row where cell.text.count > longest.count { longest = cell.text }
                }
            }
            XCTAssertGreaterThan(longest.count, 100, name)
            let printed = try XCTUnwrap(pages[name]).map(\.compact).joined()
            XCTAssertTrue(printed.contains(longest.filter { !$0.isWhitespace }), "\(name): the end of \"\(longest.prefix(30))…\" is not printed")
        }
        for (name, least) in [("merged", 182), ("发改委", 37)] {
            let heights = try runPython("row_heights.py", [try XCTUnwrap(books[name]).path])
            XCTAssertEqual(heights.status, 0, heights.stderr)
            let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(heights.stdout.utf8)) as? [[Any]])
            // [sheet, row, height, lines of its most-lined cell]
            XCTAssertGreaterThan(rows.count, least, name)
            for row in rows {
                let height = row[2] as? Double ?? 0, lines = row[3] as? Int ?? 0
                XCTAssertLessThanOrEqual(height, 409, "\(name): \(row)")
                XCTAssertGreaterThanOrEqual(height, min(409, Double(lines) * 14), "\(name): \(row): \(lines) line breaks need more height")
            }
        }
    }
}
