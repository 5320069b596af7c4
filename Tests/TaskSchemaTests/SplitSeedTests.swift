import Foundation
import TaskSchema
import TestSupport
import WorkbookIO
import XCTest

/// Splits the seed once and checks every generated workbook with openpyxl.
final class SplitSeedTests: XCTestCase {
    struct Fixture: Sendable {
        let master: Master
        let folder: URL
        let result: Splitter.Result
        let books: [String: InspectedWorkbook]
        let template: ReportTemplate
    }

    static let fixture = Result { () throws -> Fixture in
        let master = try DocumentImporter.importMaster(from: Repository.seed.path)
        let template = try ReportTemplate.standard()
        let folder = try makeTemporaryFolder("split-seed").appendingPathComponent("units")
        let settings = SplitSettings(template: template, period: "2020年第二季度", password: nil, grouping: .unit,
                                     masterFingerprint: Fingerprint.of(master: master), document: master.displayName)
        let result = try Splitter.split(master, settings: settings, includeRelated: false, into: folder, force: false)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).map { folder.appendingPathComponent($0) }
        let books = try Openpyxl.inspect(files)
        return Fixture(master: master, folder: folder, result: result, books: books, template: template)
    }

    var fixture: Fixture { get throws { try SplitSeedTests.fixture.get() } }

    private func book(_ fixture: Fixture, _ file: String) throws -> InspectedWorkbook {
        try XCTUnwrap(fixture.books[fixture.folder.appendingPathComponent(file).path], file)
    }

    func testOneWorkbookPerUnitPlusTheChecklist() throws {
        let fixture = try fixture
        XCTAssertEqual(fixture.result.workbooks.count, 53)
        XCTAssertEqual(fixture.books.count, 54)
        XCTAssertEqual(fixture.result.workbooks.reduce(0) { $0 + $1.primaryTasks }, 313)
        XCTAssertEqual(Set(fixture.result.workbooks.map(\.recipient)), Set(fixture.master.units.map(\.name)))
        XCTAssertTrue(fixture.result.workbooks.contains { $0.file == "发改委.xlsx" })
    }

    func testEachUnitGetsExactlyItsTasksWithHeadersInOrder() throws {
        let fixture = try fixture
        let progress = fixture.template.columns.map(\.name)
        XCTAssertEqual(progress, ["进展情况", "完成进度（%）", "推进状态", "存在问题", "下一步计划"])
        var pairs = 0
        for workbook in fixture.result.workbooks {
            let book = try book(fixture, workbook.file)
            XCTAssertEqual(book.custom["xlsx-tasks.unit"], workbook.recipient)
            let taskSheets = book.sheets.filter { $0.state == "visible" && $0.title != UnitWorkbook.instructionsSheet }
            let expectedTables = fixture.master.tables.filter { table in table.tasks.contains { $0.primaryUnits.contains(workbook.recipient) } }
            XCTAssertEqual(taskSheets.map(\.title), expectedTables.map(\.name), workbook.recipient)
            for (sheet, table) in zip(taskSheets, expectedTables) {
                let expected = table.tasks.filter { $0.primaryUnits.contains(workbook.recipient) }
                // Title, the line under it (document, deadline, contact), the reporter block, the header.
                // The source's own 序号 is not shown next to 编号.
                let shown = table.columns.indices.filter { table.columns[$0].role != .sequence }
                XCTAssertEqual(sheet.rows[3].map(\.text), ["编号"] + shown.map { table.columns[$0].name } + progress)
                let rows = Array(sheet.rows.dropFirst(4))
                XCTAssertEqual(rows.count, expected.count, "\(workbook.recipient) / \(table.name)")
                for (row, task) in zip(rows, expected) {
                    XCTAssertEqual(Array(row.prefix(1 + shown.count)).map(\.text), [task.id] + shown.map { task.cells[$0] })
                    XCTAssertTrue(row.dropFirst(1 + shown.count).allSatisfy { $0 == .null }, "progress starts blank")
                }
                pairs += rows.count
            }
        }
        XCTAssertEqual(pairs, 313)
    }

    func testTaskCellsLockedProgressAndReporterCellsUnlocked() throws {
        let fixture = try fixture
        for workbook in fixture.result.workbooks {
            for sheet in try book(fixture, workbook.file).sheets where sheet.state == "visible" && sheet.title != "填报说明" {
                let taskColumns = sheet.rows[3].count - 5
                XCTAssertTrue(sheet.isLocked(0, 0), "title")
                for row in 4..<sheet.rows.count {
                    for column in 0..<taskColumns { XCTAssertTrue(sheet.isLocked(row, column)) }
                    for column in taskColumns..<(taskColumns + 5) {
                        XCTAssertFalse(sheet.isLocked(row, column), "\(workbook.file) \(sheet.title) row \(row + 1) column \(column + 1)")
                    }
                }
                // Reporter block: labels locked, the value cell to the right of each unlocked.
                let labels = sheet.rows[2].indices.filter { !sheet.text(2, $0).isEmpty }
                XCTAssertEqual(labels.map { sheet.text(2, $0) }, ["填报人：", "联系电话：", "填报日期："])
                for column in labels {
                    XCTAssertTrue(sheet.isLocked(2, column))
                    XCTAssertFalse(sheet.isLocked(2, column + 1))
                }
            }
        }
    }

    func testProtectionValidationFreezeAndPrintSetup() throws {
        let fixture = try fixture
        for workbook in fixture.result.workbooks {
            for sheet in try book(fixture, workbook.file).sheets where sheet.state == "visible" {
                XCTAssertTrue(sheet.protected, "\(workbook.file) \(sheet.title)")
                XCTAssertFalse(sheet.hasPassword)
                guard sheet.title != "填报说明" else { continue }
                let last = sheet.rows.count
                let statusColumn = CellReference.columnName(sheet.rows[3].firstIndex(of: .string("推进状态"))!)
                let percentColumn = CellReference.columnName(sheet.rows[3].firstIndex(of: .string("完成进度（%）"))!)
                let list = try XCTUnwrap(sheet.validations.first { $0.type == "list" })
                XCTAssertEqual(list.sqref, range(statusColumn, 5, last))
                XCTAssertEqual(list.formula1, "\"已完成,序时推进,滞后,未启动\"")
                XCTAssertEqual(list.errorTitle, "输入有误")
                XCTAssertTrue(list.prompt?.contains("下拉列表") ?? false)
                let decimal = try XCTUnwrap(sheet.validations.first { $0.type == "decimal" })
                XCTAssertEqual(decimal.sqref, range(percentColumn, 5, last))
                XCTAssertEqual([decimal.formula1, decimal.formula2], ["0", "100"])
                XCTAssertTrue(decimal.error?.contains("0 到 100") ?? false)
                XCTAssertEqual(sheet.freeze, "B5")
                XCTAssertTrue(sheet.landscape)
                // The seed's task and progress columns do not fit A4 at 9 pt: A3, fitted to its width
                // where it is wider still (PrintLayoutTests checks the printed sizes).
                XCTAssertEqual(sheet.paperSize, 8)
                if sheet.fitToPage { XCTAssertEqual(sheet.fitToWidth, 1) }
                XCTAssertEqual(sheet.printTitleRows, "$4:$4")
                XCTAssertEqual(sheet.footer, "第 &P 页，共 &N 页")
                // "发改委 2020年政府实事工程推进情况表": the table's closing 情况表 is not doubled.
                let table = sheet.title.hasSuffix("情况表") ? String(sheet.title.dropLast(3)) : String(sheet.title.dropLast())
                XCTAssertEqual(sheet.text(0, 0), "\(workbook.recipient) \(table)推进情况表（2020年第二季度）")
            }
        }
    }

    /// How Excel writes a one-column range: "C4:C9", or "C4" for a single cell.
    private func range(_ column: String, _ first: Int, _ last: Int) -> String {
        first == last ? "\(column)\(first)" : "\(column)\(first):\(column)\(last)"
    }

    func testIdentificationPropertiesAndHiddenMetadataSheet() throws {
        let fixture = try fixture
        let fingerprints = Dictionary(uniqueKeysWithValues: fixture.master.allTasks.map { ($0.id, Fingerprint.of(task: $0)) })
        for workbook in fixture.result.workbooks {
            let book = try book(fixture, workbook.file)
            XCTAssertEqual(book.custom["xlsx-tasks.kind"], "unit-report")
            XCTAssertEqual(book.custom["xlsx-tasks.period"], "2020年第二季度")
            XCTAssertEqual(book.custom["xlsx-tasks.template"], "progress-report/1")
            XCTAssertEqual(book.custom["xlsx-tasks.master"], Fingerprint.of(master: fixture.master))
            let metadata = try XCTUnwrap(book.sheet(UnitWorkbook.metadataSheet))
            XCTAssertEqual(metadata.state, "veryHidden")
            let header = try XCTUnwrap(metadata.rows.firstIndex { $0.first == .string("编号") })
            let listed = metadata.rows[(header + 1)...]
            XCTAssertEqual(listed.count, workbook.primaryTasks)
            for row in listed {
                XCTAssertEqual(row[3].text, fingerprints[row[0].text], "fingerprint of \(row[0].text)")
                XCTAssertNotNil(book.sheet(row[1].text), "the sheet named for \(row[0].text) exists")
            }
        }
    }

    func testInstructionsSheetInChinese() throws {
        let fixture = try fixture
        let sheet = try XCTUnwrap(book(fixture, "发改委.xlsx").sheet("填报说明"))
        let text = sheet.rows.map { $0.map(\.text).joined() }.joined(separator: "\n")
        XCTAssertTrue(text.contains("本表由发改委填报，填报期次：2020年第二季度。"), text)
        XCTAssertTrue(text.contains("已完成、序时推进、滞后、未启动"))
        XCTAssertTrue(text.contains("0至100"))
        // No --due or --contact: their lines are left out, not printed with blanks.
        XCTAssertFalse(text.contains("报送截止时间"), text)
        XCTAssertFalse(text.contains("联系人"), text)
        XCTAssertTrue(text.contains("CSV"))
    }

    func testSheetNamesAreValidForExcel() throws {
        for book in try fixture.books.values {
            for sheet in book.sheets {
                XCTAssertLessThanOrEqual(sheet.title.count, 31)
                XCTAssertFalse(sheet.title.contains { "[]:*?/\\".contains($0) })
            }
        }
    }

    func testChecklistListsEveryWorkbook() throws {
        let fixture = try fixture
        let checklist = try XCTUnwrap(book(fixture, "分发清单.xlsx").sheet("分发清单"))
        XCTAssertEqual(checklist.rows[1].map(\.text), ["序号", "责任单位", "文件", "任务数", "发送日期", "回收情况", "备注"])
        let rows = checklist.rows[2..<(2 + 53)]
        for (row, workbook) in zip(rows, fixture.result.workbooks) {
            XCTAssertEqual(row[1].text, workbook.recipient)
            XCTAssertEqual(row[2].text, workbook.file)
            XCTAssertEqual(row[3].text, String(workbook.primaryTasks))
            XCTAssertTrue(FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent(workbook.file).path))
        }
        XCTAssertEqual(checklist.rows[55][3].text, "313")
    }

    func testFilledInWorkbookKeepsItsIdentificationAfterOpenpyxlSaves() throws {
        let fixture = try fixture
        let filled = fixture.folder.deletingLastPathComponent().appendingPathComponent("filled")
        let result = try runPython("fill_workbooks.py", [fixture.folder.path, filled.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let written = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: [String: Any]]
        XCTAssertEqual(written.count, 53)
        let sample = ["发改委.xlsx", "住建局.xlsx", "关工委.xlsx"].map { filled.appendingPathComponent($0) }
        let books = try Openpyxl.inspect(sample)
        for url in sample {
            let book = try XCTUnwrap(books[url.path])
            let original = try self.book(fixture, url.lastPathComponent)
            XCTAssertEqual(book.custom, original.custom, "custom properties survive the save")
            XCTAssertEqual(book.sheet(UnitWorkbook.metadataSheet)?.state, "veryHidden")
            XCTAssertEqual(book.sheet(UnitWorkbook.metadataSheet)?.rows.map { $0.map(\.text) },
                           original.sheet(UnitWorkbook.metadataSheet)?.rows.map { $0.map(\.text) })
            let rows = written[url.lastPathComponent]!["rows"] as! [[Any]]
            for entry in rows {
                let sheet = try XCTUnwrap(book.sheet(entry[0] as! String))
                let row = (entry[1] as! Int) - 1
                XCTAssertEqual(sheet.text(row, 0), entry[2] as? String)
                let firstProgress = sheet.rows[3].firstIndex(of: .string("进展情况"))!
                XCTAssertEqual(sheet.text(row, firstProgress), entry[3] as? String)
                XCTAssertEqual(sheet.text(row, firstProgress + 2), entry[5] as? String)
                XCTAssertTrue(sheet.protected)
            }
        }
    }
}
