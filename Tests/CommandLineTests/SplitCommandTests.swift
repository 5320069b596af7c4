import Foundation
import TestSupport
import XCTest

final class SplitCommandTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeTemporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func split(_ extra: [String], into output: URL, source: String = Repository.seed.path) throws -> ProcessResult {
        try runTool(["split", source, "-o", output.path] + extra)
    }

    func testJSONSummary() throws {
        let output = folder.appendingPathComponent("units")
        let result = try split(["--json", "--period", "2020年第二季度"], into: output)
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["tasks"] as? Int, 182)
        XCTAssertEqual(json["units"] as? Int, 53)
        XCTAssertEqual(json["assignments"] as? Int, 313)
        let workbooks = try XCTUnwrap(json["workbooks"] as? [[String: Any]])
        XCTAssertEqual(workbooks.count, 53)
        XCTAssertEqual(workbooks.reduce(0) { $0 + ($1["tasks"] as! Int) }, 313)
        let first = try XCTUnwrap(workbooks.first)
        XCTAssertEqual(first["unit"] as? String, "发改委")
        XCTAssertEqual(first["path"] as? String, output.appendingPathComponent("发改委.xlsx").path)
        for workbook in workbooks {
            XCTAssertTrue(FileManager.default.fileExists(atPath: workbook["path"] as! String))
        }
    }

    /// The Word document itself as SOURCE: split and merge read it like its text export.
    func testWordDocumentAsSourceForSplitAndMerge() throws {
        let docx = Repository.path("Tests/Fixtures/docx/seed.docx").path
        func workbooks(_ result: ProcessResult) throws -> [String] {
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try XCTUnwrap(json["workbooks"] as? [[String: Any]]).map { "\($0["unit"]!) \($0["tasks"]!)" }
        }
        let fromText = try split(["--json"], into: folder.appendingPathComponent("text"))
        let fromWord = try split(["--json"], into: folder.appendingPathComponent("word"), source: docx)
        XCTAssertEqual(fromWord.status, 0, fromWord.stderr)
        XCTAssertEqual(try workbooks(fromWord), try workbooks(fromText))
        XCTAssertEqual(try workbooks(fromWord).count, 53)
        let merged = try runTool(["merge", docx, folder.appendingPathComponent("word").path, "-o",
                                  folder.appendingPathComponent("merged.xlsx").path, "--json"])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(merged.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["tasks"] as? Int, 182)
        let files = try XCTUnwrap(json["files"] as? [[String: Any]])
        // Every blank workbook is recognised, and as what it is: sent back as it was, not a return.
        XCTAssertEqual(files.filter { $0["status"] as? String == "blank" && $0["unit"] is String }.count, 53, "every blank workbook is recognised")
        XCTAssertEqual((json["missing"] as? [String])?.count, 53, "a blank form is not a return")
    }

    func testNonEmptyFolderIsRefusedAndForceReplacesOnlyAnEarlierSplit() throws {
        let output = folder.appendingPathComponent("units")
        // An earlier split by leader: its workbooks are listed in its checklist.
        XCTAssertEqual(try split(["--by", "leader"], into: output).status, 0)
        let leaderFiles = Set(try FileManager.default.contentsOfDirectory(atPath: output.path)).subtracting(["分发清单.xlsx"])
        XCTAssertFalse(leaderFiles.isEmpty)

        let refused = try split([], into: output)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("not empty"), refused.stderr)

        let forced = try split(["--force"], into: output)
        XCTAssertEqual(forced.status, 0, forced.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path)
        XCTAssertTrue(leaderFiles.isDisjoint(with: files.filter { !$0.hasPrefix("发改委") }), "old and new files never mix")
        XCTAssertEqual(files.count, 54)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(siblings, ["units"], "no staging or old folder is left behind")

        let foreign = folder.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        let protected = try split(["--force"], into: foreign)
        XCTAssertNotEqual(protected.status, 0)
        XCTAssertTrue(protected.stderr.contains("replaces only a folder written by split"), protected.stderr)
        XCTAssertEqual(try String(contentsOf: foreign.appendingPathComponent("notes.txt"), encoding: .utf8), "keep")
    }

    func testByLeaderMakesOneWorkbookPerLeader() throws {
        let output = folder.appendingPathComponent("leaders")
        let result = try split(["--by", "leader", "--json"], into: output)
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let workbooks = try XCTUnwrap(json["workbooks"] as? [[String: Any]])
        XCTAssertEqual(workbooks.count, 10)
        XCTAssertEqual(workbooks.first?["unit"] as? String, "顾晓东")
        XCTAssertEqual(workbooks.first?["tasks"] as? Int, 68)
        let book = try Openpyxl.inspect(output.appendingPathComponent("邵建.xlsx"))
        XCTAssertEqual(book.custom["xlsx-tasks.grouping"], "leader")
        XCTAssertEqual(book.custom["xlsx-tasks.unit"], "邵建")
    }

    func testIncludeRelatedAddsASeparateSheetOfSpecificRelatedTasks() throws {
        let source = folder.appendingPathComponent("related.txt")
        let text = "工作分解表\n\t门类\n\t项目\n\t内容和要求\n\t分管领导\n\t主要责任单位\n\t相关单位\n\n"
            + "\t综合指标\n\t甲\n\t内容一\n\t顾晓东\n\t发改委\n\t财政局\n各有关镇（区）\n有关部门\n\n"
            + "\t\n\t乙\n\t内容二\n\t\n\t财政局\n\t各镇（区）有关部门\n\n"
        try Data(text.utf8).write(to: source)
        let output = folder.appendingPathComponent("units")
        let result = try split(["--include-related", "--json"], into: output, source: source.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let book = try Openpyxl.inspect(output.appendingPathComponent("财政局.xlsx"))
        XCTAssertEqual(book.sheets.map(\.title), ["工作分解表", "工作分解表（配合）", "填报说明", "_xlsx_tasks"])
        XCTAssertEqual(book.sheet("工作分解表")?.rows.dropFirst(4).map { $0[0].text }, ["1-002"])
        XCTAssertEqual(book.sheet("工作分解表（配合）")?.rows.dropFirst(4).map { $0[0].text }, ["1-001"])
        XCTAssertTrue(book.sheet("工作分解表（配合）")?.text(0, 0).hasSuffix("（配合任务）") ?? false)
        let plain = try Openpyxl.inspect(output.appendingPathComponent("发改委.xlsx"))
        XCTAssertEqual(plain.sheets.map(\.title), ["工作分解表", "填报说明", "_xlsx_tasks"], "generic phrases name nobody")
    }

    func testPasswordProtectsEverySheet() throws {
        let output = folder.appendingPathComponent("units")
        XCTAssertEqual(try split(["--password", "dc2020"], into: output).status, 0)
        let book = try Openpyxl.inspect(output.appendingPathComponent("工信局.xlsx"))
        for sheet in book.sheets {
            XCTAssertTrue(sheet.protected, sheet.title)
            XCTAssertTrue(sheet.hasPassword, sheet.title)
        }
    }

    func testTemplateWithAnErrorIsRefusedNamingTheField() throws {
        let template = folder.appendingPathComponent("form.json")
        var json = try String(contentsOf: Repository.path("Templates/xlsx/progress-report.json"), encoding: .utf8)
        json = json.replacingOccurrences(of: "\"type\": \"choice\"", with: "\"type\": \"choise\"")
        try Data(json.utf8).write(to: template)
        let output = folder.appendingPathComponent("units")
        let result = try split(["--template", template.path], into: output)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stderr,
                       "error: \(template.path): columns[2].type: unknown type \"choise\" (expected one of: text, percent, choice, date)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "nothing is written")
    }

    func testAnotherTemplateChangesTheProgressColumns() throws {
        let template = folder.appendingPathComponent("monthly.json")
        let json = """
            {"id": "monthly/1", "title": "{unit}月报[（{period}）]",
             "columns": [{"name": "本月进展", "type": "text", "required": true, "width": 50},
                         {"name": "完成日期", "type": "date", "width": 14},
                         {"name": "评价", "type": "choice", "values": ["好", "中", "差"]}],
             "reporter": [{"label": "填报人"}], "instructions": ["请填写“本月进展”。"]}
            """
        try Data(json.utf8).write(to: template)
        let output = folder.appendingPathComponent("units")
        let result = try split(["--template", template.path, "--period", "2020年5月"], into: output)
        XCTAssertEqual(result.status, 0, result.stderr)
        let book = try Openpyxl.inspect(output.appendingPathComponent("发改委.xlsx"))
        let sheet = try XCTUnwrap(book.sheets.first)
        XCTAssertEqual(sheet.text(0, 0), "发改委月报（2020年5月）")
        XCTAssertEqual(Array(sheet.rows[3].suffix(3)).map(\.text), ["本月进展", "完成日期", "评价"])
        XCTAssertEqual(sheet.validations.first { $0.type == "list" }?.formula1, "\"好,中,差\"")
        XCTAssertNotNil(sheet.validations.first { $0.type == "date" && $0.sqref.hasPrefix("I") })
        XCTAssertEqual(book.custom["xlsx-tasks.template"], "monthly/1")
    }

    func testUnitNamesBecomeSafeUniqueFileNames() throws {
        let source = folder.appendingPathComponent("names.txt")
        let text = "\t项目\n\t主要责任单位\n\n\t甲\n\tCON\n\n\t乙\n\t港区\"管委会\"\n\n\t丙\n\t分发清单\n\n"
        try Data(text.utf8).write(to: source)
        let output = folder.appendingPathComponent("units")
        XCTAssertEqual(try split([], into: output, source: source.path).status, 0)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: output.path))
        XCTAssertEqual(files, ["_CON.xlsx", "港区_管委会_.xlsx", "分发清单-2.xlsx", "分发清单.xlsx"])
    }
}
