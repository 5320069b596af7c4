import Foundation
import TestSupport
import XCTest

/// Merges Tests/Fixtures/returned (one file per real-world mess, made by openpyxl and LibreOffice;
/// rebuilt by Tests/Fixtures/make_returned_fixtures.py) into the seed's master.
final class MergeFixturesTests: XCTestCase {
    struct Outcome: @unchecked Sendable {
        let json: [String: Any]
        let files: [String: [String: Any]]
        let book: InspectedWorkbook
        let output: URL
    }

    static let fixtures = Repository.path("Tests/Fixtures/returned")

    static let outcome = Result { () throws -> Outcome in
        let folder = try makeTemporaryFolder("merge-fixtures")
        let output = folder.appendingPathComponent("merged.xlsx")
        let result = try runTool(["merge", Repository.seed.path, fixtures.path, "-o", output.path,
                                  "--period", "2020年第二季度", "--json"])
        guard result.status == 0 else { throw InspectionError(message: result.stderr) }
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        var files: [String: [String: Any]] = [:]
        for file in json["files"] as! [[String: Any]] {
            files[URL(fileURLWithPath: file["path"] as! String).lastPathComponent] = file
        }
        return Outcome(json: json, files: files, book: try Openpyxl.inspect(output), output: output)
    }

    var outcome: Outcome { get throws { try MergeFixturesTests.outcome.get() } }

    private func problems(_ file: String) throws -> [[String: Any]] {
        try XCTUnwrap(outcome.files[file]?["problems"] as? [[String: Any]], file)
    }

    private func kinds(_ file: String) throws -> [String] { try problems(file).map { $0["kind"] as! String } }

    /// The merged row of a task in its table sheet, by column name.
    private func mergedRow(_ task: String) throws -> [String: String] {
        for sheet in try tableSheets {
            let header = sheet.table[0].map(\.text)
            if let row = sheet.table.first(where: { $0.first?.text == task }) {
                return Dictionary(zip(header, row.map(\.text)), uniquingKeysWith: { first, _ in first })
            }
        }
        throw InspectionError(message: "task \(task) is not in the merged workbook")
    }

    /// What make_returned_fixtures.py typed for a task (its value_for()).
    private func expected(_ task: String, _ unit: String) -> [String: String] {
        let parts = task.split(separator: "-")
        let n = Int(parts[1])! + (parts[0] == "2" ? 100 : 0)
        return ["进展情况": "\(unit)推进\(task)", "完成进度（%）": String(percentFor(n)),
                "推进状态": ["已完成", "序时推进", "滞后", "未启动"][n % 4], "存在问题": n % 3 == 0 ? "\(task)资金不足" : "无",
                "下一步计划": "\(unit)继续推进\(task)"]
    }

    /// The unit's own report on a task, from the 分单位明细 sheet.
    private func detail(_ task: String, _ unit: String) throws -> [String: String]? {
        let sheet = try XCTUnwrap(outcome.book.sheet("分单位明细"))
        let header = sheet.table[0].map(\.text)
        return sheet.table.first { $0[0].text == task && $0[2].text == unit }.map {
            Dictionary(zip(header, $0.map(\.text)), uniquingKeysWith: { first, _ in first })
        }
    }

    /// Every task of the file arrived: the unit's values in 分单位明细, its text in the merged
    /// table cell (alone, or labelled 【unit】 when several units report on the task).
    private func assertMerged(_ unit: String, tasks: [String], file: String) throws {
        XCTAssertEqual(try outcome.files[file]?["status"] as? String, "accepted", file)
        XCTAssertEqual(try outcome.files[file]?["unit"] as? String, unit, file)
        XCTAssertFalse(tasks.isEmpty)
        for task in tasks {
            let reported = try XCTUnwrap(detail(task, unit), "\(file): \(task)")
            for (column, value) in expected(task, unit) {
                XCTAssertEqual(reported[column], value, "\(file): \(task) \(column)")
            }
            let row = try mergedRow(task)
            let progress = try XCTUnwrap(row["进展情况"])
            XCTAssertTrue(progress == "\(unit)推进\(task)" || progress.contains("【\(unit)】\(unit)推进\(task)"), progress)
            XCTAssertTrue(row["填报单位"]?.split(separator: "、").contains(Substring(unit)) ?? false)
        }
    }

    /// The merged table sheets (编号 first, with the master's 主要责任单位 column).
    private var tableSheets: [InspectedWorkbook.Sheet] {
        get throws { try outcome.book.sheets.filter { $0.table.first?.map(\.text).contains("主要责任单位") ?? false } }
    }

    /// A unit's tasks in master order, optionally only those of one table ("1-").
    private func seedTasks(of unit: String, table: String? = nil) throws -> [String] {
        try tableSheets.flatMap { sheet -> [String] in
            let units = sheet.table[0].map(\.text).firstIndex(of: "主要责任单位")!
            return sheet.table.dropFirst().filter { $0[units].text.split(separator: "、").contains(Substring(unit)) }.map { $0[0].text }
        }.filter { table == nil || $0.hasPrefix(table!) }
    }

    func testEveryFileIsAccountedForAndLockFilesAreSkipped() throws {
        let files = try outcome.files
        XCTAssertEqual(files.count, 17)
        XCTAssertNil(files[".DS_Store"])
        XCTAssertNil(files["~$工信局.xlsx"])
        XCTAssertEqual(try outcome.json["tasks"] as? Int, 182)
    }

    func testOpenpyxlFilledWorkbook() throws {
        try assertMerged("工信局", tasks: seedTasks(of: "工信局"), file: "工信局.xlsx")
        XCTAssertEqual(try problems("工信局.xlsx").count, 0)
    }

    func testWorkbookResavedByLibreOffice() throws {
        try assertMerged("商务局", tasks: seedTasks(of: "商务局"), file: "商务局-LibreOffice另存.xlsx")
        XCTAssertEqual(try problems("商务局-LibreOffice另存.xlsx").count, 0)
    }

    func testGBKCSVFromAChineseExcel() throws {
        try assertMerged("科技局", tasks: seedTasks(of: "科技局", table: "1-"), file: "科技局.csv")
        // The CSV holds the first sheet only: said once for the other table, not once per task.
        XCTAssertEqual(try problems("科技局.csv").map { $0["value"] as? String }, ["2020年政府实事工程情况表"])
        XCTAssertTrue((try problems("科技局.csv").first?["message"] as? String ?? "").contains("a CSV keeps only one sheet"))
        XCTAssertEqual(try kinds("科技局.csv"), ["not-reported"])
    }

    func testRenamedUTF8CSVIsRecognisedByItsFileName() throws {
        try assertMerged("人社局", tasks: seedTasks(of: "人社局", table: "1-"), file: "附件1-人社局（已填报）.csv")
    }

    func testUnicodeTextFromLibreOffice() throws {
        try assertMerged("招商局", tasks: seedTasks(of: "招商局", table: "1-"), file: "招商局.txt")
    }

    func testSortedRowsInsertedRowAndExtraColumn() throws {
        try assertMerged("住建局", tasks: seedTasks(of: "住建局"), file: "住建局.xlsx")
        // The column the unit inserted is kept: a notice per sheet, its text in 分单位明细's 附加内容.
        XCTAssertEqual(try kinds("住建局.xlsx"), ["extra-column", "extra-column"])
        XCTAssertEqual(try problems("住建局.xlsx").map { $0["column"] as? String }, ["备注（单位自加）", "备注（单位自加）"])
        let detail = try XCTUnwrap(outcome.book.sheet("分单位明细"))
        let extras = try XCTUnwrap(detail.table[0].firstIndex(of: .string("附加内容")))
        XCTAssertEqual(detail.table.filter { $0[2].text == "住建局" && $0[extras].text == "备注（单位自加）：自加列的内容" }.count, 2)
    }

    func testDeletedIDColumnMatchesRowsByTaskText() throws {
        try assertMerged("农业农村局", tasks: seedTasks(of: "农业农村局"), file: "农业农村局.xlsx")
    }

    func testPercentFormsInvalidStatusAndEmptyRequiredColumn() throws {
        let tasks = try seedTasks(of: "生态环境局", table: "1-")
        for task in tasks.prefix(3) {
            XCTAssertEqual(try detail(task, "生态环境局")?["完成进度（%）"], "80", "\(task): 80%, ８０ and 0.8 in a percent cell all mean 80")
        }
        XCTAssertEqual(try detail(tasks[3], "生态环境局")?["完成进度（%）"], "", "120 is out of range and not merged")
        XCTAssertEqual(try detail(tasks[4], "生态环境局")?["完成进度（%）"], "")
        XCTAssertEqual(try detail(tasks[5], "生态环境局")?["推进状态"], "")
        // (80 typed at a task whose status is 已完成 is also listed as inconsistent: QuarterDefectsTests.)
        let found = try problems("生态环境局.xlsx").filter { $0["kind"] as? String != "inconsistent" }.map {
            [$0["kind"], $0["task"], $0["column"], $0["value"]].map { ($0 as? String) ?? "-" }.joined(separator: " ")
        }
        XCTAssertEqual(found, [
            "invalid-value \(tasks[3]) 完成进度（%） 120", "invalid-value \(tasks[4]) 完成进度（%） 约一半",
            "invalid-value \(tasks[5]) 推进状态 进行中", "not-reported \(tasks[6]) 进展情况 -",
        ])
        // It reported the other columns: reported, the empty required column listed in 问题清单.
        XCTAssertFalse(try mergedRow(tasks[6])["未报送单位"]?.contains("生态环境局") ?? true)
        XCTAssertTrue(try mergedRow(tasks[6])["填报单位"]?.contains("生态环境局") ?? false)
    }

    func testEditedTaskTextAndRemovedProtection() throws {
        let task = try seedTasks(of: "交运局")[0]
        XCTAssertEqual(Set(try kinds("交运局.xlsx")), ["unprotected", "edited-task"])
        let edited = try XCTUnwrap(problems("交运局.xlsx").first { $0["kind"] as? String == "edited-task" })
        XCTAssertEqual(edited["value"] as? String, "单位改过的任务内容")
        XCTAssertEqual(edited["task"] as? String, task)
        XCTAssertNotEqual(try mergedRow(task)["内容和要求"], "单位改过的任务内容", "the master's text is kept")
        try assertMerged("交运局", tasks: [task], file: "交运局.xlsx")
    }

    func testDuplicateSubmissionNewerWins() throws {
        XCTAssertEqual(try outcome.files["发改委-更正.xlsx"]?["status"] as? String, "accepted")
        XCTAssertEqual(try outcome.files["发改委-第一次报送.xlsx"]?["status"] as? String, "superseded")
        XCTAssertEqual(try detail("1-001", "发改委")?["进展情况"], "发改委推进1-001")
        XCTAssertEqual(try detail("1-001", "发改委")?["文件"], "发改委-更正.xlsx")
        let older = try problems("发改委-第一次报送.xlsx")
        XCTAssertTrue(older.contains { $0["value"] as? String == "旧的进展" && $0["task"] as? String == "1-001" },
                      "the older file's differing value is kept in the problem list")
    }

    func testFileFromAnotherPeriodIsFlagged() throws {
        XCTAssertEqual(try kinds("统计局.xlsx"), ["other-period"])
        XCTAssertEqual(try problems("统计局.xlsx").first?["value"] as? String, "2020年第一季度")
    }

    func testRowsForOtherUnitsUnknownRowsAndDuplicateRows() throws {
        let found = try problems("公安局.xlsx")
        XCTAssertEqual(found.filter { $0["kind"] as? String == "not-assigned" }.map { $0["task"] as? String }, ["1-001"])
        XCTAssertEqual(found.filter { $0["kind"] as? String == "unknown-row" }.map { $0["task"] as? String }, ["9-999"])
        XCTAssertEqual(Set(found.filter { $0["kind"] as? String == "duplicate-row" }.map { $0["value"] as? String }).count, 5)
        XCTAssertNotEqual(try mergedRow("1-001")["进展情况"], "冒填他人任务")
    }

    func testBadFilesAreRejectedWithAReason() throws {
        let reasons = try ["水务局-传输中断.xlsx", "会议通知.xlsx", "空文件.xlsx", "报表.xls"].map { name -> String in
            XCTAssertEqual(try outcome.files[name]?["status"] as? String, "rejected", name)
            return try problems(name).first?["message"] as? String ?? ""
        }
        XCTAssertTrue(reasons[0].hasPrefix("truncated or damaged"), reasons[0])
        XCTAssertTrue(reasons[1].hasPrefix("no progress table found"), reasons[1])
        XCTAssertEqual(reasons[2], "the file is empty")
        XCTAssertEqual(reasons[3], "not a spreadsheet: an HTML page, not a spreadsheet")
    }

    func testMissingUnitsAreListed() throws {
        let missing = try XCTUnwrap(outcome.json["missing"] as? [String])
        XCTAssertTrue(missing.contains("财政局"))
        XCTAssertTrue(missing.contains("水务局"), "a unit whose only file was damaged has not returned")
        XCTAssertFalse(missing.contains("发改委"))
        XCTAssertTrue(missing.contains("统计局"), "its only file is of another period")
        XCTAssertEqual(missing.count, 53 - 11)
        let sheet = try XCTUnwrap(outcome.book.sheet("未报送单位"))
        XCTAssertEqual(sheet.table.dropFirst().map { $0[1].text }, missing)
    }

    func testNothingTypedIsLost() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: MergeFixturesTests.fixtures.path)
            .filter { !$0.hasPrefix(".") && !$0.hasPrefix("~$") }.map { MergeFixturesTests.fixtures.appendingPathComponent($0).path }
        let all = try runPython("typed_values.py", files)
        XCTAssertGreaterThan((try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as! [Any]).count, 500)
        let lost = try runPython("typed_values.py", ["--lost-in", outcome.output.path] + files)
        XCTAssertEqual(lost.status, 0, lost.stderr)
        XCTAssertEqual(lost.stdout, "[]", "values typed by a unit that reached neither the merged sheets nor 问题清单")
    }

    func testSummaryAndProblemSheetsAreInChinese() throws {
        let book = try outcome.book
        XCTAssertEqual(book.sheets.map(\.title), ["2020年政府各项主要工作分解落实表", "2020年政府实事工程情况表", "汇总", "分单位明细",
                                                  "未报送单位", "问题清单", "收文清单"])
        let summary = try XCTUnwrap(book.sheet("汇总"))
        XCTAssertTrue(summary.rows[0][0].text.contains("各单位报送情况汇总"), "a title row")
        XCTAssertEqual(summary.table[0].map(\.text),
                       ["序号", "单位", "报送情况", "任务数", "已填报", "已完成", "序时推进", "滞后", "未启动", "完成率", "问题数", "旧文件差异"])
        let rules = summary.rows.map { $0.map(\.text).joined() }.joined(separator: "\n")
        XCTAssertTrue(rules.contains("取各单位中最低的进度"), rules)
        XCTAssertTrue(rules.contains("由差到好：滞后、未启动、序时推进、已完成"), rules)
        let development = try XCTUnwrap(summary.table.first { $0.count > 1 && $0[1] == .string("发改委") })
        XCTAssertEqual(development[2].text, "已报送")
        XCTAssertEqual(development[3].text, "37")
        let tasks = { (row: [JSONValue]) in Int(row[3].text) ?? 0 }, completed = { (row: [JSONValue]) in Int(row[5].text) ?? 0 }
        XCTAssertEqual(try XCTUnwrap(Double(development[9].text)), Double(completed(development)) / 37, accuracy: 1e-9, "完成率")
        // 合计: the column sums, 报送率 as reported/units, and the 报送率 line under the table.
        let units = summary.table.dropFirst().filter { Int($0[0].text) != nil }
        let total = try XCTUnwrap(summary.table.first { $0.count > 1 && $0[1] == .string("合计") })
        XCTAssertEqual(Int(total[3].text), units.map(tasks).reduce(0, +))
        XCTAssertEqual(Int(total[5].text), units.map(completed).reduce(0, +))
        let reported = units.filter { $0[2].text == "已报送" }.count
        XCTAssertEqual(total[2].text, "\(reported)/\(units.count)")
        XCTAssertTrue(rules.contains("报送率：\(reported)/\(units.count) 个单位"), rules)
        let problemsSheet = try XCTUnwrap(book.sheet("问题清单"))
        XCTAssertEqual(problemsSheet.table[0].map(\.text), ["序号", "级别", "文件", "单位", "工作表", "行", "编号", "列", "值", "问题", "说明"])
        XCTAssertTrue(problemsSheet.table.contains { $0[1] == .string("错误") && $0[9] == .string("填报值无效") && $0[8] == .string("约一半") })
        let table = try XCTUnwrap(book.sheets.first)
        XCTAssertTrue(table.validations.isEmpty)
    }
}
