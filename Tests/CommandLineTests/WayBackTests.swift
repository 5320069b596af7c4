import Foundation
import TestSupport
import XCTest

/// Every step the clerk takes can be taken back: a correction (checked against the task's own
/// units, keeping what the unit typed and who corrected), a pinned submission, a closed round;
/// and a round closed empty by mistake does not wipe out what the next round carries over.
final class WayBackTests: WorkspaceTestCase {
    func outbox(_ round: String) -> URL { workspace.appendingPathComponent("rounds/\(round)/outbox") }

    /// `values` typed into the unit's workbook of the round (fill_values.py), dated `date`.
    func fill(_ round: String, _ unit: String, _ values: [String: [String: Any]], date: String, as name: String) throws -> URL {
        let out = folder.appendingPathComponent(name)
        let run = try runPython("fill_values.py", [outbox(round).appendingPathComponent("\(unit).xlsx").path, out.path,
                                                  String(decoding: try JSONSerialization.data(withJSONObject: values), as: UTF8.self), date])
        XCTAssertEqual(run.status, 0, run.stderr)
        return out
    }

    func failing(_ arguments: [String]) throws -> String {
        let result = try runTool(arguments + ["-w", workspace.path])
        XCTAssertNotEqual(result.status, 0, "\(arguments) should fail")
        return result.stderr
    }

    func unit(_ name: String) throws -> [String: Any] {
        try XCTUnwrap((try tool(["status"])["units"] as? [[String: Any]])?.first { $0["name"] as? String == name })
    }

    func testCorrectionsPinsAndRoundsCanBeTakenBack() throws {
        try tool(["init", Repository.seed.path])
        try tool(["round", "open", "R1", "--due", "2020-04-10"])
        // 财政局 types what the merge cannot use; 1-045 it reports 滞后.
        let typed = try fill("R1", "财政局", [
            "1-002": ["进展情况": "稳步推进", "完成进度（%）": "约90%", "推进状态": "序时推进"],
            "1-045": ["进展情况": "已完成大部分", "完成进度（%）": "百分之六十", "推进状态": "滞后", "存在问题": "资金"],
        ], date: "2020-04-08", as: "财政局.xlsx")
        try tool(["collect", typed.path])

        // Item 6: only the task's own units; a leader is not one, and the error does not list leaders.
        let wrong = try failing(["correct", "1-003", "--unit", "财政局", "--column", "完成进度（%）", "--value", "90", "--reason", "核实"])
        XCTAssertTrue(wrong.contains("发改委"), wrong)
        XCTAssertFalse(wrong.contains("顾晓东"), "leaders listed as units: \(wrong)")
        _ = try failing(["correct", "1-003", "--unit", "顾晓东", "--column", "完成进度（%）", "--value", "90", "--reason", "核实"])

        // Item 9 and 12: the column with ASCII brackets; who corrected, what the unit typed, local time.
        let made = try tool(["correct", "1-002", "--unit", "财政局", "--column", "完成进度(%)", "--value", "90", "--reason", "电话核实",
                             "--by", "王科长"])
        XCTAssertEqual(made["who"] as? String, "王科长")
        let at = try XCTUnwrap(made["at"] as? String)
        XCTAssertNotNil(at.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"#, options: .regularExpression), "local time with its offset: \(at)")
        // The name is kept for the next correction.
        let next = try tool(["correct", "1-045", "--unit", "财政局", "--column", "推进状态", "--value", "已完成", "--reason", "电话核实"])
        XCTAssertEqual(next["who"] as? String, "王科长")
        XCTAssertEqual(try unit("财政局")["completed"] as? Int, 1, "the correction counts in the unit's figures")

        let report = folder.appendingPathComponent("汇总.xlsx")
        try tool(["report", "-o", report.path])
        let corrections = try XCTUnwrap(try Openpyxl.inspect(report).sheet("人工更正")).table.dropFirst().map { $0.map(\.text) }
        XCTAssertEqual(corrections.count, 2)
        let first = try XCTUnwrap(corrections.first { $0[1] == "1-002" })
        XCTAssertEqual(first[5], "约90%", "原填报值 keeps what the unit typed")
        XCTAssertEqual(first[8], "王科长")
        XCTAssertNotNil(first[7].range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d$"#, options: .regularExpression), first[7])
        XCTAssertEqual(try XCTUnwrap(corrections.first { $0[1] == "1-045" })[5], "滞后")

        // Undo: the unit's own value again, logged; nothing left to undo after.
        let undone = try tool(["correct", "1-045", "--undo", "--unit", "财政局"])
        XCTAssertEqual((undone["undone"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual(try unit("财政局")["completed"] as? Int, 0)
        _ = try failing(["correct", "1-045", "--undo", "--unit", "财政局"])
        try tool(["report", "-o", report.path, "--force"])
        let after = try XCTUnwrap(try Openpyxl.inspect(report).sheet("人工更正")).table.dropFirst().map { $0.map(\.text) }
        XCTAssertEqual(after.map { $0[1] }, ["1-002"])

        // prefer, then --clear: the newer submission wins again.
        let older = try fill("R1", "发改委", ["1-001": ["进展情况": "旧", "完成进度（%）": 10, "推进状态": "序时推进"]], date: "2020-04-01", as: "旧/发改委.xlsx")
        let newer = try fill("R1", "发改委", ["1-001": ["进展情况": "新", "完成进度（%）": 30, "推进状态": "序时推进"]], date: "2020-04-08", as: "新/发改委.xlsx")
        try tool(["collect", older.path, newer.path])
        XCTAssertEqual(try unit("发改委")["file"] as? String, newer.path)
        try tool(["prefer", older.path])
        XCTAssertEqual(try unit("发改委")["file"] as? String, older.path)
        try tool(["prefer", "--clear", "发改委"])
        XCTAssertEqual(try unit("发改委")["file"] as? String, newer.path)
        _ = try failing(["prefer", "--clear", "发改委"])

        // Item 7: close, reopen, collect a late return, close again.
        try tool(["round", "close"])
        _ = try failing(["collect", newer.path])
        try tool(["round", "reopen"])
        let late = try fill("R1", "商务局", ["1-005": ["进展情况": "推进", "完成进度（%）": 50, "推进状态": "序时推进"]], date: "2020-04-09", as: "商务局.xlsx")
        try tool(["collect", late.path])
        try tool(["round", "close"])
        // A round with nothing returned is closed only on purpose.
        try tool(["round", "open", "R2", "--due", "2020-07-10"])
        let empty = try failing(["round", "close"])
        XCTAssertTrue(empty.contains("--force"), empty)
        try tool(["round", "close", "--force"])
        XCTAssertTrue(try failing(["round", "reopen", "R1"]).contains("latest"))
        // The next round carries each task's latest report over, from R1 through the empty R2.
        let opened = try tool(["round", "open", "R3", "--due", "2020-10-10"])
        XCTAssertEqual(opened["carriedOver"] as? String, "R2")
        XCTAssertEqual((opened["carriedFromEarlier"] as? [String: Int])?["R1"], 4, "1-001, 1-002, 1-005, 1-045")
        let rows = try runPython("task_rows.py", [outbox("R3").appendingPathComponent("发改委.xlsx").path])
        XCTAssertEqual(rows.status, 0, rows.stderr)
        let sheets = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(rows.stdout.utf8)) as? [String: [String: Any]])
        let task = try XCTUnwrap((sheets.values.first?["rows"] as? [String: [String: [Any]]])?["1-001"])
        XCTAssertEqual(task["上期进展"]?.first as? String, "（R1）新")
        XCTAssertEqual(task["完成进度（%）"]?.first as? Double, 30, "the unit's own last value pre-filled")
    }

    /// Smaller things a clerk met: init lists the import's corrections as import does; a 填报日期
    /// typed without its year is said, not dropped.
    func testInitShowsTheCorrectionsAndAnUnreadableDateIsSaid() throws {
        let imported = try runTool(["import", Repository.seed.path, "-o", folder.appendingPathComponent("任务.xlsx").path, "--json"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let expected = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])?["warnings"] as? [[String: Any]])
        let created = try tool(["init", Repository.seed.path])
        let warnings = try XCTUnwrap(created["warnings"] as? [[String: Any]])
        XCTAssertGreaterThan(warnings.count, 0)
        XCTAssertEqual(warnings.compactMap { $0["message"] as? String }, expected.compactMap { $0["message"] as? String })
        try tool(["round", "open", "R1", "--due", "2020-04-10"])
        let typed = try fill("R1", "商务局", ["1-005": ["进展情况": "推进", "完成进度（%）": 30, "推进状态": "序时推进"]], date: "4月8日", as: "商务局.xlsx")
        let collected = try tool(["collect", typed.path])
        let problems = try XCTUnwrap((collected["files"] as? [[String: Any]])?.first?["problems"] as? [[String: Any]])
        let date = try XCTUnwrap(problems.first { $0["column"] as? String == "填报日期" }, "\(problems)")
        XCTAssertEqual(date["value"] as? String, "4月8日")
        XCTAssertEqual(try unit("商务局")["returnedBy"] as? String, "collected", "an unreadable date decides nothing")
    }
}
