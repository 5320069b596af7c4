import Foundation
import TestSupport
import XCTest

/// A real quarter's returns (Tests/Fixtures/quarter, made by openpyxl, LibreOffice, python-docx
/// and Python's email package; rebuilt by Tests/Fixtures/make_quarter_fixtures.py): nothing lost,
/// nothing overwritten, every file named for what it is.
final class QuarterDefectsTests: XCTestCase {
    struct Round: @unchecked Sendable {
        let folder: URL
        let returned: URL
        let output: URL
        let stdout: String
        let json: [String: Any]
        let files: [String: [String: Any]]
        let book: InspectedWorkbook
    }

    /// The fixtures copied to a scratch folder (the merge must never touch them), 科技局-乙 made
    /// the newer of two same-day submissions, merged once without --period.
    static let round = Result { () throws -> Round in
        let folder = try makeTemporaryFolder("quarter")
        let returned = folder.appendingPathComponent("returned")
        try FileManager.default.copyItem(at: Repository.path("Tests/Fixtures/quarter"), to: returned)
        try touch(returned.appendingPathComponent("科技局-甲.xlsx"), Date(timeIntervalSince1970: 1_593_478_800))
        try touch(returned.appendingPathComponent("科技局-乙.xlsx"), Date(timeIntervalSince1970: 1_593_482_400))
        let output = folder.appendingPathComponent("merged.xlsx")
        let text = try runTool(["merge", Repository.seed.path, returned.path, "-o", output.path])
        guard text.status == 0 else { throw InspectionError(message: text.stderr) }
        let result = try runTool(["merge", Repository.seed.path, returned.path, "-o", output.path, "--json"])
        guard result.status == 0 else { throw InspectionError(message: result.stderr) }
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        var files: [String: [String: Any]] = [:]
        for file in json["files"] as! [[String: Any]] { files[file["path"] as! String] = file }
        return Round(folder: folder, returned: returned, output: output, stdout: text.stdout, json: json, files: files,
                     book: try Openpyxl.inspect(output))
    }

    var round: Round { get throws { try QuarterDefectsTests.round.get() } }

    static func touch(_ url: URL, _ date: Date) throws {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
    }

    private func file(_ name: String) throws -> [String: Any] {
        let files = try round.files
        return try XCTUnwrap(files[name], "\(name) not in \(files.keys.sorted())")
    }
    private func problems(_ name: String) throws -> [[String: Any]] { try file(name)["problems"] as? [[String: Any]] ?? [] }
    private func message(_ name: String) throws -> String { try problems(name).first?["message"] as? String ?? "" }

    /// Rows of a sheet's table as dictionaries by its header.
    private func records(_ sheet: String, header: Int = 0) throws -> [[String: String]] {
        let rows = try XCTUnwrap(round.book.sheet(sheet), sheet).table
        let names = rows[header].map(\.text)
        return rows.dropFirst(header + 1).map { Dictionary(zip(names, $0.map(\.text)), uniquingKeysWith: { first, _ in first }) }
    }

    private func taskRow(_ task: String) throws -> [String: String] {
        for sheet in try round.book.sheets where sheet.table.first?.first?.text == "编号" && sheet.title.hasPrefix("2020") {
            let names = sheet.table[0].map(\.text)
            if let row = sheet.table.first(where: { $0.first?.text == task }) {
                return Dictionary(zip(names, row.map(\.text)), uniquingKeysWith: { first, _ in first })
            }
        }
        throw InspectionError(message: "no row for \(task)")
    }

    private func detail(_ task: String, _ unit: String) throws -> [String: String] {
        try XCTUnwrap(try records("分单位明细").first { $0["编号"] == task && $0["单位"] == unit }, "\(task) \(unit)")
    }

    private func firstTask(_ unit: String) throws -> String {
        try XCTUnwrap(try records("分单位明细").first { $0["单位"] == unit }?["编号"])
    }

    // 1
    func testTheMergedWorkbookIsNeverWrittenOverAnInput() throws {
        let round = try round
        let returnedFile = round.returned.appendingPathComponent("财政局.xlsx")
        let before = try Data(contentsOf: returnedFile)
        let overReturn = try runTool(["merge", Repository.seed.path, round.returned.path, "-o", returnedFile.path])
        XCTAssertNotEqual(overReturn.status, 0)
        XCTAssertTrue(overReturn.stderr.contains("a returned file"), overReturn.stderr)
        XCTAssertEqual(try Data(contentsOf: returnedFile), before, "the unit's return is untouched")

        let seedCopy = round.folder.appendingPathComponent("seed.txt")
        try? FileManager.default.copyItem(at: Repository.seed, to: seedCopy)
        let overSource = try runTool(["merge", seedCopy.path, returnedFile.path, "-o", seedCopy.path])
        XCTAssertNotEqual(overSource.status, 0)
        XCTAssertTrue(overSource.stderr.contains("SOURCE"), overSource.stderr)
        XCTAssertEqual(try Data(contentsOf: seedCopy), try Data(contentsOf: Repository.seed))

        let other = round.folder.appendingPathComponent("notes.xlsx")
        try Data("the clerk's own file".utf8).write(to: other)
        let refused = try runTool(["merge", Repository.seed.path, returnedFile.path, "-o", other.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.stderr)
        XCTAssertEqual(try String(contentsOf: other, encoding: .utf8), "the clerk's own file")
        XCTAssertEqual(try runTool(["merge", Repository.seed.path, returnedFile.path, "-o", other.path, "--force"]).status, 0)

        // A merged workbook merge wrote earlier is replaced without --force.
        let again = round.folder.appendingPathComponent("again.xlsx")
        XCTAssertEqual(try runTool(["merge", Repository.seed.path, returnedFile.path, "-o", again.path]).status, 0)
        let second = try runTool(["merge", Repository.seed.path, returnedFile.path, "-o", again.path])
        XCTAssertEqual(second.status, 0, second.stderr)
    }

    // 2
    func testSplitForceReplacesOnlyItsOwnFilesAndKeepsTheClerksEntries() throws {
        let folder = try makeTemporaryFolder("split-force")
        defer { try? FileManager.default.removeItem(at: folder) }
        let units = folder.appendingPathComponent("units")
        XCTAssertEqual(try runTool(["split", Repository.seed.path, "-o", units.path, "--period", "2020年第二季度"]).status, 0)
        // The clerk types a send date and a note into the checklist, with openpyxl as Excel would save it.
        let checklist = units.appendingPathComponent("分发清单.xlsx")
        let typed = try runProgram("/usr/bin/env", ["python3", "-c", """
            import datetime, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["分发清单"]
            for row in ws.iter_rows(min_row=3):
                if row[1].value == "发改委":
                    row[4].value = datetime.date(2020, 7, 1); row[6].value = "已电话提醒"
            wb.save(sys.argv[1])
            """, checklist.path])
        XCTAssertEqual(typed.status, 0, typed.stderr)

        let notice = units.appendingPathComponent("通知.docx")
        try Data("a notice the clerk keeps with the workbooks".utf8).write(to: notice)
        let refused = try runTool(["split", Repository.seed.path, "-o", units.path, "--period", "2020年第二季度", "--force"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("通知.docx"), refused.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: notice.path))
        try FileManager.default.moveItem(at: notice, to: folder.appendingPathComponent("通知.docx"))

        // A unit's return saved over its blank workbook is not deleted either.
        let blank = units.appendingPathComponent("工信局.xlsx")
        let original = try Data(contentsOf: blank)
        try FileManager.default.removeItem(at: blank)
        try FileManager.default.copyItem(at: Repository.path("Tests/Fixtures/quarter/招商局.xlsx"), to: blank)
        let changed = try runTool(["split", Repository.seed.path, "-o", units.path, "--period", "2020年第二季度", "--force"])
        XCTAssertNotEqual(changed.status, 0)
        XCTAssertTrue(changed.stderr.contains("工信局.xlsx") && changed.stderr.contains("changed since split"), changed.stderr)
        try original.write(to: blank)

        let forced = try runTool(["split", Repository.seed.path, "-o", units.path, "--period", "2020年第三季度", "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.contains("kept the dates and notes of 1 units"), forced.stdout)
        let sheet = try XCTUnwrap(try Openpyxl.inspect(checklist).sheet("分发清单"))
        let row = try XCTUnwrap(sheet.rows.first { $0.count > 6 && $0[1].text == "发改委" })
        XCTAssertTrue(row[4].text.hasPrefix("2020-07-01"), "\(row)")
        XCTAssertEqual(row[6].text, "已电话提醒")
        XCTAssertTrue(sheet.rows[0][0].text.contains("2020年第三季度"), "the new split's title")
    }

    // 3
    func testPercentCellsOfALegacyXlsAreReadAsPercentages() throws {
        let task = try firstTask("公安局")
        XCTAssertEqual(try detail(task, "公安局")["完成进度（%）"], "100", "1.0 shown as 100% with 已完成")
        XCTAssertEqual(try detail(task, "公安局")["推进状态"], "已完成")
        let found = try problems("公安局.xls")
        XCTAssertTrue(found.isEmpty, "\(found)")
        let second = try XCTUnwrap(try records("分单位明细").filter { $0["单位"] == "公安局" }.dropFirst().first)
        XCTAssertEqual(second["完成进度（%）"], "55")
    }

    // 4
    func testPercentagesAreStoredAsTyped() throws {
        XCTAssertEqual(try detail(try firstTask("住建局"), "住建局")["完成进度（%）"], "55", "0.55 shown as 55%, not 55.00000000000001")
    }

    // 5
    func testAFileOfAnotherPeriodIsNotUsed() throws {
        let round = try round
        XCTAssertEqual(round.json["period"] as? String, "2020年第二季度", "the period most files carry")
        XCTAssertTrue(round.stdout.contains("period: 2020年第二季度"), round.stdout)
        let old = try file("统计局-一季度.xlsx")
        XCTAssertEqual(old["status"] as? String, "rejected")
        XCTAssertEqual(try problems("统计局-一季度.xlsx").first?["kind"] as? String, "other-period")
        XCTAssertTrue((round.json["missing"] as? [String] ?? []).contains("统计局"))
        XCTAssertEqual(try records("汇总").first { $0["单位"] == "统计局" }?["报送情况"], "未报送")

        let given = try runTool(["merge", Repository.seed.path, round.returned.path, "-o", round.folder.appendingPathComponent("p.xlsx").path,
                                 "--period", "2020年第二季度", "--json"])
        let files = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(given.stdout.utf8)) as? [String: Any])?["files"] as? [[String: Any]])
        XCTAssertEqual(files.first { $0["path"] as? String == "统计局-一季度.xlsx" }?["status"] as? String, "rejected")

        let typo = try runTool(["merge", Repository.seed.path, round.returned.path, "-o", round.folder.appendingPathComponent("t.xlsx").path,
                                "--period", "2020年第二李度"])
        XCTAssertNotEqual(typo.status, 0)
        XCTAssertTrue(typo.stderr.contains("matches no returned file") && typo.stderr.contains("2020年第二季度")
                      && typo.stderr.contains("2020年第一季度"), typo.stderr)
    }

    // 6
    func testAColumnTheUnitAddedIsKept() throws {
        let task = try firstTask("财政局")
        XCTAssertEqual(try detail(task, "财政局")["附加内容"], "备注：此项由预算科负责")
        let notice = try XCTUnwrap(try problems("财政局.xlsx").first { $0["kind"] as? String == "extra-column" })
        XCTAssertEqual(notice["column"] as? String, "备注")
        XCTAssertTrue(try records("问题清单").contains { $0["问题"] == "附加列（已保留）" && $0["列"] == "备注" })
    }

    // 7
    func testAUnitIsReportedOrNotTheSameInEveryColumn() throws {
        let row = try taskRow("1-018")
        XCTAssertEqual(row["填报单位"], "高新区、浏河镇")
        XCTAssertEqual(row["未报送单位"], "", "高新区 gave a percentage: it reported")
        XCTAssertEqual(row["进展情况"], "【高新区】（未填写）\n【浏河镇】浏河镇推进1-018")
        for sheet in try round.book.sheets where sheet.title.hasPrefix("2020") {
            let names = sheet.table[0].map(\.text)
            let reporters = try XCTUnwrap(names.firstIndex(of: "填报单位")), missing = try XCTUnwrap(names.firstIndex(of: "未报送单位"))
            let units = try XCTUnwrap(names.firstIndex(of: "主要责任单位")), progress = try XCTUnwrap(names.firstIndex(of: "进展情况"))
            for row in sheet.table.dropFirst() {
                let reported = Set(row[reporters].text.split(separator: "、")), absent = Set(row[missing].text.split(separator: "、"))
                XCTAssertTrue(reported.isDisjoint(with: absent), "\(row[0].text): \(reported) and \(absent)")
                if row[units].text.contains("、"), !row[progress].text.isEmpty, row[progress].text != "未报送" {
                    XCTAssertTrue(row[progress].text.hasPrefix("【"), "\(row[0].text): a shared task's text says whose it is")
                }
            }
        }
    }

    // 8
    func testSummaryProblemCountsAreWhatTheProblemListShows() throws {
        let problems = try records("问题清单")
        let summary = try records("汇总")
        var checked = 0
        let files = try records("收文清单")
        for unit in summary where unit["报送情况"] == "已报送" {
            let file = try XCTUnwrap(files.first { $0["单位"] == unit["单位"] && $0["状态"] == "已采用" }?["文件"])
            XCTAssertEqual(unit["问题数"], String(problems.filter { $0["文件"] == file }.count), "\(unit["单位"]!)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 8)
        let highTech = try XCTUnwrap(summary.first { $0["单位"] == "高新区" })
        XCTAssertEqual(highTech["问题数"], "1", "its empty 进展情况")
        let liuhe = try XCTUnwrap(summary.first { $0["单位"] == "浏河镇" })
        XCTAssertEqual(liuhe["问题数"], "0")
        XCTAssertEqual(liuhe["旧文件差异"], String(problems.filter { $0["文件"] == "浏河镇-第一次报送.xlsx" }.count))
        XCTAssertNotEqual(liuhe["旧文件差异"], "0")
    }

    // 9
    func testATieIsDecidedByASaidRuleOrByTheClerk() throws {
        XCTAssertEqual(try file("科技局-乙.xlsx")["status"] as? String, "accepted")
        XCTAssertEqual(try file("科技局-乙.xlsx")["decidedBy"] as? String, "modification-time")
        let listed = try records("收文清单")
        XCTAssertEqual(listed.first { $0["文件"] == "科技局-甲.xlsx" }?["取舍依据"], "填报日期相同，按文件修改时间较新")
        XCTAssertEqual(listed.first { $0["文件"] == "浏河镇.xlsx" }?["取舍依据"], "按填报日期较新")

        let round = try round
        let pinned = try runTool(["merge", Repository.seed.path, round.returned.path, "-o", round.folder.appendingPathComponent("pin.xlsx").path,
                                  "--prefer", round.returned.appendingPathComponent("科技局-甲.xlsx").path, "--json"])
        XCTAssertEqual(pinned.status, 0, pinned.stderr)
        let files = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(pinned.stdout.utf8)) as? [String: Any])?["files"] as? [[String: Any]])
        let first = try XCTUnwrap(files.first { $0["path"] as? String == "科技局-甲.xlsx" })
        XCTAssertEqual(first["status"] as? String, "accepted")
        XCTAssertEqual(first["decidedBy"] as? String, "preferred")
        XCTAssertEqual(files.first { $0["path"] as? String == "科技局-乙.xlsx" }?["status"] as? String, "superseded")
        let unknown = try runTool(["merge", Repository.seed.path, round.returned.path, "-o", round.folder.appendingPathComponent("x.xlsx").path,
                                   "--prefer", "没有这个文件.xlsx"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("--prefer"), unknown.stderr)
    }

    // 10
    func testStatusAndPercentageAreCrossChecked() throws {
        let found = try problems("交运局.xlsx").filter { $0["kind"] as? String == "inconsistent" }.map { $0["value"] as? String ?? "" }
        XCTAssertEqual(found, ["已完成 / 30", "未启动 / 40"])
        let task = try firstTask("交运局")
        XCTAssertEqual(try detail(task, "交运局")["完成进度（%）"], "30", "the values are kept")
        XCTAssertEqual(try detail(task, "交运局")["推进状态"], "已完成")
        XCTAssertTrue(try problems("招商局.xlsx").isEmpty, "a consistent return has none")
    }

    // 11
    func testFilesThatAreNotReturnsAreNamedForWhatTheyAre() throws {
        XCTAssertTrue(try message("审计局.pdf").contains("a PDF document"))
        XCTAssertTrue(try message("说明.docx").contains("a Word document"))
        XCTAssertTrue(try message("资料.rar").contains("a RAR archive"))
        for name in ["审计局.pdf", "说明.docx", "资料.rar"] {
            XCTAssertFalse(try message(name).contains("no progress table"), name)
        }
        XCTAssertEqual(try file("打包.zip")["status"] as? String, "unpacked")
        let member = try file("打包.zip/商务局.xlsx")
        XCTAssertEqual(member["status"] as? String, "accepted", "the GBK member name is read as 商务局.xlsx")
        XCTAssertEqual(member["unit"] as? String, "商务局")
        XCTAssertEqual(try file("分发清单.xlsx")["status"] as? String, "skipped")
        let merged = try file("农业农村局.xlsx")
        XCTAssertEqual(merged["status"] as? String, "skipped", "a merged workbook named after a unit is not its return")
        XCTAssertTrue((try round.json["missing"] as? [String] ?? []).contains("农业农村局"))
        let listed = try records("收文清单")
        XCTAssertEqual(listed.first { $0["文件"] == "农业农村局.xlsx" }?["状态"], "已跳过")
        XCTAssertEqual(listed.first { $0["文件"] == "打包.zip" }?["状态"], "已解压")
        // A saved mail is opened like an archive: its attachment is the unit's return.
        XCTAssertEqual(try file("转发-工信局.eml")["status"] as? String, "unpacked")
        let attached = try file("转发-工信局.eml/工信局.xlsx")
        XCTAssertEqual(attached["status"] as? String, "accepted")
        XCTAssertEqual(attached["unit"] as? String, "工信局")
        let mail = listed.first { $0["文件"] == "转发-工信局.eml" }
        XCTAssertEqual(mail?["状态"], "已取出附件")
        XCTAssertTrue(mail?["来源邮件"]?.contains("<gxj@example.gov.cn>") == true, "\(mail ?? [:])")
    }

    /// A member that does not inflate is one rejected file with its reason; the archive's other
    /// files and the rest of the round are merged.
    func testADamagedMemberOfAnArchiveIsNamedAndTheRunGoesOn() throws {
        let folder = try makeTemporaryFolder("bad-zip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try runProgram("/usr/bin/env", ["python3", "-c", """
            import sys, zipfile
            path = sys.argv[1] + "/两份.zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
                z.writestr("坏的.xlsx", b"x" * 5000)
                z.write(sys.argv[2], "招商局.xlsx")
            data = open(path, "rb").read()
            at = data.find(b"x" * 100)
            open(path, "wb").write(data[:at] + b"y" * 100 + data[at + 100:])
            """, folder.path, Repository.path("Tests/Fixtures/quarter/招商局.xlsx").path])
        XCTAssertEqual(made.status, 0, made.stderr)
        let result = try runTool(["merge", Repository.seed.path, folder.path, "-o", folder.appendingPathComponent("m.xlsx").path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["files"] as? [[String: Any]])
        let bad = try XCTUnwrap(files.first { $0["path"] as? String == "两份.zip/坏的.xlsx" })
        XCTAssertEqual(bad["status"] as? String, "rejected")
        XCTAssertTrue(((bad["problems"] as? [[String: Any]])?.first?["message"] as? String ?? "").contains("cannot be taken out of the archive"))
        XCTAssertEqual(files.first { $0["path"] as? String == "两份.zip/招商局.xlsx" }?["status"] as? String, "accepted")
    }

    // 12
    func testACSVMissingTheOtherSheetIsSaidOnce() throws {
        let found = try problems("城管局.csv")
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue((found.first?["message"] as? String ?? "").contains("a CSV keeps only one sheet — ask the unit for the .xlsx"))
        XCTAssertEqual(found.first?["value"] as? String, "2020年政府实事工程情况表")
    }

    // 13
    func testAFileSplitFromAnotherMasterSaysSo() throws {
        let folder = try makeTemporaryFolder("other-master")
        defer { try? FileManager.default.removeItem(at: folder) }
        let variant = Repository.path("Tests/Fixtures/docx/variant.txt")
        XCTAssertEqual(try runTool(["split", variant.path, "-o", folder.appendingPathComponent("v").path]).status, 0)
        let result = try runTool(["merge", Repository.seed.path, folder.appendingPathComponent("v/交通局.xlsx").path,
                                  "-o", folder.appendingPathComponent("m.xlsx").path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["files"] as? [[String: Any]])
        let reason = (files.first?["problems"] as? [[String: Any]])?.first?["message"] as? String ?? ""
        XCTAssertTrue(reason.contains("split from another master (document 变体政发〔2021〕7号"), reason)
        XCTAssertFalse(reason.contains("no xlsx-tasks properties"), reason)
    }

    // 14
    func testSwappedArgumentsSaySourceIsAFolder() throws {
        let round = try round
        let result = try runTool(["merge", round.returned.path, Repository.seed.path, "-o", round.folder.appendingPathComponent("s.xlsx").path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("is a folder") && result.stderr.contains("SOURCE comes first"), result.stderr)
        XCTAssertFalse(result.stderr.contains("empty"), result.stderr)
    }

    // 15
    func testCommandLineSaysWhatItMeantAndWhatToDoNext() throws {
        let typo = try runTool(["spilt", Repository.seed.path])
        XCTAssertNotEqual(typo.status, 0)
        XCTAssertTrue(typo.stderr.contains("Did you mean 'split'?"), typo.stderr)
        let version = try runTool(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil, version.stdout)
        let round = try round
        let empty = try runTool(["merge", Repository.seed.path, round.returned.path, "--period", "", "-o", round.folder.appendingPathComponent("e.xlsx").path])
        XCTAssertNotEqual(empty.status, 0)
        XCTAssertTrue(empty.stderr.contains("--period is empty"), empty.stderr)
        XCTAssertTrue(round.stdout.contains("next: 42 units have not returned"), round.stdout)
        XCTAssertTrue(round.stdout.contains("see 问题清单 in"), round.stdout)
        // 收文清单 shows where a file is within RETURNED, not where the clerk's disk keeps it.
        let listed = try records("收文清单").compactMap { $0["文件"] }
        XCTAssertTrue(listed.contains("打包.zip/商务局.xlsx"))
        XCTAssertFalse(listed.contains { $0.hasPrefix("/") }, "\(listed)")

        // Nobody missing: no "missing:" line.
        let folder = try makeTemporaryFolder("all-returned")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("one.txt")
        try Data("\t项目\n\t主要责任单位\n\n\t建设一座桥\n\t住建局\n\n".utf8).write(to: source)
        XCTAssertEqual(try runTool(["split", source.path, "-o", folder.appendingPathComponent("units").path]).status, 0)
        XCTAssertEqual(try runPython("fill_workbooks.py", [folder.appendingPathComponent("units").path, folder.appendingPathComponent("filled").path]).status, 0)
        let all = try runTool(["merge", source.path, folder.appendingPathComponent("filled").path, "-o", folder.appendingPathComponent("m.xlsx").path])
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertTrue(all.stdout.contains("1 of 1 units returned"), all.stdout)
        XCTAssertFalse(all.stdout.contains("missing:"), all.stdout)
        XCTAssertTrue(all.stdout.contains("next: every unit returned without problems"), all.stdout)
    }
}
