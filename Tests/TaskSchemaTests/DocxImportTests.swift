import Foundation
import TaskSchema
import TestSupport
import XCTest

/// Word documents written by python-docx (Tests/Fixtures/make_docx_fixtures.py rebuilds them).
final class DocxImportTests: XCTestCase {
    func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/docx/\(name)").path }

    /// What a task is, for comparing two imports: everything but where it was in the source.
    func fields(_ master: Master) -> [[String]] {
        master.tables.flatMap { table in
            table.tasks.map { task in
                [table.name, task.id] + task.cells + ["|"] + task.leaders + ["|"] + task.primaryUnits + ["|"] + task.relatedUnits
            }
        }
    }

    func testSeedDocxGivesExactlyTheMasterOfTheTextExport() throws {
        let text = try DocumentImporter.importMaster(from: Repository.seed.path)
        let docx = try DocumentImporter.importMaster(from: fixture("seed.docx"))
        XCTAssertEqual(docx.documentNumber, text.documentNumber)
        XCTAssertEqual(docx.title, text.title)
        XCTAssertEqual(docx.tables.map(\.name), text.tables.map(\.name))
        XCTAssertEqual(docx.tables.map(\.columns), text.tables.map(\.columns))
        XCTAssertEqual(docx.taskCount, 182)
        let docxFields = fields(docx), textFields = fields(text)
        XCTAssertEqual(docxFields.count, textFields.count)
        for (a, b) in zip(docxFields, textFields) where a != b { XCTFail("task differs:\n docx \(a)\n text \(b)") }
        XCTAssertEqual(docx.units.map(\.name), text.units.map(\.name))
        XCTAssertEqual(docx.units.map(\.tasks), text.units.map(\.tasks))
        XCTAssertEqual(docx.leaders.map(\.name), text.leaders.map(\.name))
        // The same category corrections are made (positions are rows here, lines there).
        XCTAssertEqual(docx.warnings.map(\.kind), text.warnings.map(\.kind))
        XCTAssertEqual(docx.warnings.count, 12)
    }

    func testMergesParagraphsFieldsTrackedChangesAndNestedTables() throws {
        let master = try DocumentImporter.importMaster(from: fixture("rules.docx"))
        XCTAssertEqual(master.documentNumber, "测试政发〔2021〕3号")
        XCTAssertEqual(master.title, "关于测试任务分解的通知")
        XCTAssertEqual(master.tables.map(\.name), ["规则测试表"])
        let tasks = master.tables[0].tasks
        XCTAssertEqual(tasks.map(\.id), ["1-001", "1-002", "1-003", "1-004"])
        // Paragraphs and a line break inside one cell are its lines.
        XCTAssertEqual(tasks[0].cells, ["一、改革", "项目甲", "第一段\n换行后\n第二段", "发改委", "财政局、各镇（区）"])
        XCTAssertEqual(tasks[0].relatedUnits, ["财政局"], "a generic phrase next to a specific unit names only the unit")
        // Vertical merge (category); tab as a space; bookmark and field code dropped, field result kept;
        // an empty related-units cell that is not merged stays empty (a text export could not tell).
        XCTAssertEqual(tasks[1].cells, ["一、改革", "项目乙", "完成 目标1", "工信局", ""])
        XCTAssertEqual(tasks[1].relatedUnits, [])
        // Tracked deletion dropped, insertion kept; project merged down from the row above.
        XCTAssertEqual(tasks[2].cells, ["一、改革", "项目乙", "保持插入的字", "商务局", ""])
        // A horizontal merge gives its text to its first grid column.
        XCTAssertEqual(Array(tasks[3].cells.prefix(3)), ["二、民生", "横向合并的任务", ""])
        XCTAssertEqual(tasks[3].primaryUnits.first, "教育局")
        XCTAssertTrue(master.warnings.contains { $0.kind == .notice && $0.message.contains("nested table") },
                      "\(master.warnings)")
    }

    func testVariantColumnsListsAndRepeatedHeaderReadAlikeInBothForms() throws {
        for name in ["variant.docx", "variant.txt"] {
            let master = try DocumentImporter.importMaster(from: fixture(name))
            XCTAssertEqual(master.documentNumber, "变体政发〔2021〕7号", name)
            XCTAssertEqual(master.tables.map(\.name), ["2021年民生实事分工表"], name)
            XCTAssertEqual(master.tables[0].columns.map(\.role),
                           [.sequence, .project, .leaders, .primaryUnits, .relatedUnits, .deadline], name)
            let tasks = master.tables[0].tasks
            XCTAssertEqual(tasks.count, 4, "\(name): the header repeated after the page break continues the table")
            XCTAssertEqual(tasks.map(\.primaryUnits), [["住建局", "财政局"], ["公安局", "交通局"], ["教育局"], ["水务局"]], name)
            XCTAssertEqual(tasks.map(\.relatedUnits), [["审计局"], [], ["财政局"], ["生态环境局"]], name)
            XCTAssertEqual(tasks.map(\.leaders), [["张三"], ["李四"], ["王五"], ["张三"]], name)
            XCTAssertEqual(master.tables[0].value(.deadline, of: tasks[2]), "2021年12月", name)
        }
        XCTAssertEqual(fields(try DocumentImporter.importMaster(from: fixture("variant.docx"))),
                       fields(try DocumentImporter.importMaster(from: fixture("variant.txt"))))
    }

    func testTwoRowHeaderNamesTheColumnsUnderASpanningCell() throws {
        let master = try DocumentImporter.importMaster(from: fixture("two-row-header.docx"))
        XCTAssertEqual(master.tables[0].columns.map(\.name), ["序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时限"])
        XCTAssertEqual(fields(master).map { Array($0.dropFirst()) },
                       fields(try DocumentImporter.importMaster(from: fixture("variant.docx"))).map { Array($0.dropFirst()) },
                       "the same tasks as the one-row header")
    }

    func testWorkbookGivenAsDocumentIsAClearError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A Word document without a task table, and an .xlsx renamed .docx.
        let noTable = folder.appendingPathComponent("notable.docx")
        let script = """
            import sys, docx
            d = docx.Document(); d.add_paragraph("只有正文，没有表格"); d.save(sys.argv[1])
            """
        let made = try runProgram("/usr/bin/env", ["python3", "-c", script, noTable.path])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertThrowsError(try DocumentImporter.importMaster(from: noTable.path)) { error in
            XCTAssertTrue("\(error)".contains("notable.docx") && "\(error)".contains("no recognisable table"), "\(error)")
        }
        let workbook = folder.appendingPathComponent("renamed.docx")
        try FileManager.default.copyItem(at: Repository.path("Tests/Fixtures/returned/住建局.xlsx"), to: workbook)
        XCTAssertThrowsError(try DocumentImporter.importMaster(from: workbook.path)) { error in
            XCTAssertTrue("\(error)".contains("renamed.docx") && "\(error)".contains("not a Word document"), "\(error)")
        }
    }
}
