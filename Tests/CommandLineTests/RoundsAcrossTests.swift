import Foundation
import TestSupport
import XCTest

/// One round after another on the seed, returns filled by openpyxl with values that change
/// from round to round: the next round's workbooks carry the last one's values over (locked,
/// and not read back as reports), and the history holds what every round filled in.
final class RoundsAcrossTests: WorkspaceTestCase {
    let rounds = ["2020年第一季度", "2020年第二季度", "2020年第三季度"]

    /// What fill_workbooks.py typed: (unit, task) → [进展情况, 完成进度, 推进状态].
    private typealias Filled = [String: [Any]]

    /// Fills the round's outbox as round `number` and collects it; every file must be accepted.
    private func fillAndCollect(_ round: String, number: Int) throws -> Filled {
        let outbox = workspace.appendingPathComponent("rounds/\(round)/outbox")
        let filled = folder.appendingPathComponent("filled-\(number)")
        let fill = try runPython("fill_workbooks.py", [outbox.path, filled.path, String(number)])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        let printed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(fill.stdout.utf8)) as? [String: [String: Any]])
        var values: Filled = [:]
        for (_, file) in printed {
            let unit = try XCTUnwrap(file["unit"] as? String)
            for row in try XCTUnwrap(file["rows"] as? [[Any]]) { values["\(unit) \(row[2])"] = [row[3], row[4], row[5]] }
        }
        let collected = try tool(["collect", filled.path, "--round", round])
        let statuses = (collected["files"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
        XCTAssertEqual(statuses, Array(repeating: "accepted", count: 53), round)
        return values
    }

    private func taskRows(_ workbook: URL) throws -> [String: [String: Any]] {
        let read = try runPython("task_rows.py", [workbook.path])
        XCTAssertEqual(read.status, 0, read.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: [String: Any]])
    }

    /// The 督查通报 of the third round: its counts are the test's own count of what was filled,
    /// its charts are chart parts of the xlsx, and LibreOffice prints them.
    private func checkBulletin(filled: Filled, report: URL) throws {
        let bulletin = folder.appendingPathComponent("通报.xlsx"), text = folder.appendingPathComponent("通报.txt")
        try tool(["report", "--bulletin", bulletin.path, "--bulletin-text", text.path])
        let book = try Openpyxl.inspect(bulletin)
        let leaders = try Openpyxl.inspect(report).sheets.prefix(2).flatMap { sheet -> [String] in
            let table = sheet.table
            let column = table[0].map(\.text).firstIndex(of: "分管领导")!
            return table.dropFirst().flatMap { $0[column].text.components(separatedBy: "、") }
        }
        let perLeader = Dictionary(grouping: leaders, by: { $0 }).mapValues(\.count)
        XCTAssertEqual(Set(book.sheets.map(\.title)),
                       Set(["总体情况", "滞后任务", "未报送单位", "单位排名", "完成率图", "历次对比"] + perLeader.keys))
        // Numbered rows: the note under each table is not one.
        func numbered(_ sheet: String) throws -> Int { try XCTUnwrap(book.sheet(sheet)).table.dropFirst().filter { Int($0[0].text) != nil }.count }
        for (leader, count) in perLeader { XCTAssertEqual(try numbered(leader), count, leader) }
        // Each task's status is the worst of its units' (滞后 first), counted here from what was typed.
        let severity = ["滞后", "未启动", "序时推进", "已完成"]
        var worst: [String: String] = [:]
        for (key, values) in filled {
            let task = String(key.split(separator: " ")[1]), status = values[2] as! String
            if let known = worst[task], severity.firstIndex(of: known)! <= severity.firstIndex(of: status)! { continue }
            worst[task] = status
        }
        let overview = try XCTUnwrap(book.sheet("总体情况")).table
        for status in severity {
            let row = try XCTUnwrap(overview.first { $0[0].text == "推进状态" && $0[1].text == status }, status)
            XCTAssertEqual(row[2].text, String(worst.values.filter { $0 == status }.count), status)
        }
        XCTAssertEqual(overview.first { $0[1].text == "未报送" }?[2].text, "0")
        XCTAssertEqual(overview.first { $0[1].text == "已报送单位" }?[2].text, "53")
        let done = worst.values.filter { $0 == "已完成" }.count
        let paragraph = try String(contentsOf: text, encoding: .utf8)
        XCTAssertTrue(paragraph.hasPrefix("截至2020年10月10日，太政发〔2020〕9号确定的182项任务中，已完成\(done)项，占"), paragraph)
        XCTAssertEqual(try numbered("历次对比"), 3, "three rounds in the trend")
        XCTAssertEqual(try numbered("单位排名"), 53)

        // Real charts: a pie, a column and a bar chart, and the trend's line, in the package.
        let parts = try runProgram("/usr/bin/env", ["python3", "-c", """
            import re, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            for name in sorted(n for n in z.namelist() if n.startswith('xl/charts/chart')):
                xml = z.read(name).decode()
                kind = re.search(r'<c:(pie|bar|line)Chart>', xml).group(1)
                direction = re.search(r'<c:barDir val="(\\w+)"', xml)
                print(kind + (':' + direction.group(1) if direction else ''))
            """, bulletin.path])
        XCTAssertEqual(parts.status, 0, parts.stderr)
        XCTAssertEqual(parts.stdout.split(separator: "\n").sorted(), ["bar:bar", "bar:col", "line", "pie"])
        let pdfFolder = folder.appendingPathComponent("pdf")
        let converted = try LibreOffice.convert([bulletin], to: "pdf", into: pdfFolder)
        XCTAssertEqual(converted.status, 0, converted.stderr)
        let pages = try runPython("pdf_text_sizes.py", [pdfFolder.appendingPathComponent("通报.pdf").path])
        XCTAssertEqual(pages.status, 0, pages.stderr)
        for title in ["任务推进状态分布", "督办亮灯情况", "各单位任务完成率", "平均完成进度走势"] {
            XCTAssertTrue(pages.stdout.contains(title), "\(title) printed")
        }
    }

    func testEachRoundCarriesTheLastOneOverAndTheHistoryHoldsThemAll() throws {
        try tool(["init", Repository.seed.path])
        let first = try tool(["round", "open", rounds[0], "--due", "2020-04-10"])
        XCTAssertNil(first["carriedOver"] as? String, "nothing before the first round")
        var filled = [try fillAndCollect(rounds[0], number: 0)]
        try tool(["round", "close"])

        let second = try tool(["round", "open", rounds[1], "--due", "2020-07-10"])
        XCTAssertEqual(second["carriedOver"] as? String, rounds[0])
        // 1-024 has five units (发改委 first): 上期进展 lists each unit's text, 上期进度 the lowest percent.
        let sheets = try taskRows(workspace.appendingPathComponent("rounds/\(rounds[1])/outbox/发改委.xlsx"))
        let sheet = try XCTUnwrap(sheets["2020年政府各项主要工作分解落实表"])
        let header = try XCTUnwrap(sheet["header"] as? [String])
        XCTAssertEqual(Array(header.suffix(7)), ["上期进展", "上期进度（%）", "进展情况", "完成进度（%）", "推进状态", "存在问题", "下一步计划"])
        XCTAssertEqual(sheet["protected"] as? Bool, true)
        let rows = try XCTUnwrap(sheet["rows"] as? [String: [String: [Any]]])
        let shared = try XCTUnwrap(rows["1-024"])
        let units = ["发改委", "司法局", "商务局", "招商局", "行政审批局"]
        let previous = try XCTUnwrap(shared["上期进展"]?[0] as? String)
        for unit in units {
            let text = try XCTUnwrap(filled[0]["\(unit) 1-024"]?[0] as? String, unit)
            XCTAssertTrue(previous.contains("【\(unit)】\(text)"), "\(unit) in: \(previous)")
        }
        let lowest = units.compactMap { filled[0]["\($0) 1-024"]?[1] as? Int }.min()!
        XCTAssertEqual(shared["上期进度（%）"]?[0] as? Double, Double(lowest), "a number, not text")
        XCTAssertEqual(shared["上期进展"]?[1] as? Bool, true, "locked")
        XCTAssertEqual(shared["上期进度（%）"]?[1] as? Bool, true, "locked")
        XCTAssertEqual(shared["上期进展"]?[2] as? String, shared["内容和要求"]?[2] as? String, "shaded like the task")
        // Pre-filled with the unit's own last values, still editable; the new text is blank.
        XCTAssertEqual(shared["完成进度（%）"]?[0] as? Int, filled[0]["发改委 1-024"]?[1] as? Int)
        XCTAssertEqual(shared["推进状态"]?[0] as? String, filled[0]["发改委 1-024"]?[2] as? String)
        XCTAssertEqual(shared["完成进度（%）"]?[1] as? Bool, false)
        XCTAssertNil(shared["进展情况"]?[0] as? String)

        // Returned with the reference columns in place: merged without them.
        filled.append(try fillAndCollect(rounds[1], number: 1))
        let report = folder.appendingPathComponent("report-2.xlsx")
        try tool(["report", "-o", report.path])
        let book = try Openpyxl.inspect(report)
        let detail = try XCTUnwrap(book.sheet("分单位明细")).table
        let header2 = detail[0].map(\.text)
        let extras = try XCTUnwrap(header2.firstIndex(of: "附加内容"))
        XCTAssertTrue(detail.dropFirst().allSatisfy { $0[extras].text.isEmpty }, "上期进展 is not the unit's report")
        let progress = try XCTUnwrap(header2.firstIndex(of: "进展情况"))
        let row = try XCTUnwrap(detail.first { $0[0].text == "1-024" && $0[2].text == "司法局" })
        XCTAssertEqual(row[progress].text, filled[1]["司法局 1-024"]?[0] as? String)
        try tool(["round", "close"])

        // --no-carry-over: the plain form.
        let third = try tool(["round", "open", rounds[2], "--due", "2020-10-10", "--no-carry-over"])
        XCTAssertNil(third["carriedOver"] as? String)
        let plain = try taskRows(workspace.appendingPathComponent("rounds/\(rounds[2])/outbox/发改委.xlsx"))
        XCTAssertFalse((plain.values.first?["header"] as? [String] ?? []).contains("上期进展"))
        filled.append(try fillAndCollect(rounds[2], number: 2))

        // The history is what was filled in, round by round.
        let history = try tool(["history"])
        let tasks = try XCTUnwrap(history["tasks"] as? [[String: Any]])
        XCTAssertEqual(tasks.count, 182)
        var compared = 0
        for task in tasks {
            let id = try XCTUnwrap(task["id"] as? String)
            for entry in try XCTUnwrap(task["rounds"] as? [[String: Any]]) {
                let round = try XCTUnwrap(rounds.firstIndex(of: entry["round"] as? String ?? ""))
                let unit = try XCTUnwrap(entry["unit"] as? String)
                let typed = try XCTUnwrap(filled[round]["\(unit) \(id)"], "\(unit) \(id) in round \(round)")
                XCTAssertEqual(entry["progress"] as? String, typed[0] as? String)
                XCTAssertEqual(entry["percent"] as? Double, (typed[1] as? Int).map(Double.init))
                XCTAssertEqual(entry["status"] as? String, typed[2] as? String)
                compared += 1
            }
        }
        XCTAssertEqual(compared, filled.map(\.count).reduce(0, +), "every value filled, in every round")
        let one = try tool(["history", "--task", "1-024", "--unit", "司法局"])
        let entries = try XCTUnwrap((one["tasks"] as? [[String: Any]])?.first?["rounds"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["round"] as? String }, rounds)
        XCTAssertEqual(entries.map { $0["percent"] as? Double }, (0..<3).map { (filled[$0]["司法局 1-024"]?[1] as? Int).map(Double.init) })

        // The report's 历次进展: a row per task, round and unit.
        let last = folder.appendingPathComponent("report-3.xlsx")
        try tool(["report", "-o", last.path])
        let sheet3 = try XCTUnwrap(try Openpyxl.inspect(last).sheet("历次进展")).table
        XCTAssertEqual(sheet3.count - 1, compared, "header and one row per filled value")
        XCTAssertTrue(sheet3.contains { $0.map(\.text) == ["1-024", $0[1].text, rounds[2], "司法局", $0[4].text, $0[5].text,
                                                            filled[2]["司法局 1-024"]?[0] as? String ?? "?"] })
        try checkBulletin(filled: filled[2], report: last)

        let bad = try runTool(["history", "--task", "9-999", "-w", workspace.path])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("no task 9-999"), bad.stderr)
    }
}
