import Foundation
import TaskSchema
import TestSupport
import XCTest

/// LibreOffice Calc opens every workbook split from the seed: it prints each to PDF and exports
/// each sheet to CSV without error, and the CSV carries the unit's tasks.
final class LibreOfficeSplitTests: XCTestCase {
    func testEveryWorkbookConvertsToPDFAndCSV() throws {
        let fixture = try SplitSeedTests.fixture.get()
        let files = fixture.result.workbooks.map { fixture.folder.appendingPathComponent($0.file) }
        let output = try makeTemporaryFolder("lo-out")
        defer { try? FileManager.default.removeItem(at: output) }

        let pdf = try LibreOffice.convert(files, to: "pdf", into: output)
        XCTAssertEqual(pdf.status, 0, pdf.stderr)
        let csv = try LibreOffice.convert(files, to: LibreOffice.csvAllSheets, into: output)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertFalse(pdf.stderr.localizedCaseInsensitiveContains("error"), pdf.stderr)
        XCTAssertFalse(csv.stderr.localizedCaseInsensitiveContains("error"), csv.stderr)

        for workbook in fixture.result.workbooks {
            let stem = String(workbook.file.dropLast(5))
            let pdfData = try Data(contentsOf: output.appendingPathComponent(stem + ".pdf"))
            XCTAssertTrue(pdfData.starts(with: Array("%PDF".utf8)), "\(stem).pdf")
            XCTAssertGreaterThan(pdfData.count, 5_000)

            let tasks = fixture.master.allTasks.filter { $0.primaryUnits.contains(workbook.recipient) }
            var exported: [String] = []
            for table in fixture.master.tables {
                let url = output.appendingPathComponent("\(stem)-\(table.name).csv")
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                exported += text.split(separator: "\n").compactMap { line in
                    let id = line.prefix { $0 != "," }
                    return id.range(of: #"^\d+-\d{3}$"#, options: .regularExpression) != nil ? String(id) : nil
                }
                XCTAssertTrue(text.contains("进展情况,完成进度（%）,推进状态,存在问题,下一步计划"), url.lastPathComponent)
            }
            XCTAssertEqual(exported, tasks.map(\.id), "CSV of \(workbook.recipient) carries its tasks in order")
        }
    }
}
