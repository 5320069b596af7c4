import Foundation
import TestSupport
import XCTest

/// Errors (the value is not used) and warnings (kept, listed with level 警告): every warning
/// kind on a second round of a small master, each value still in the report.
final class TwoLevelChecksTests: WorkspaceTestCase {
    private func fillAndCollect(round: String, _ values: [String: [String: Any]], date: String) throws -> [[String: Any]] {
        let returned = folder.appendingPathComponent("\(round)/甲局.xlsx")
        let json = String(decoding: try JSONSerialization.data(withJSONObject: values), as: UTF8.self)
        let fill = try runPython("fill_values.py", [workspace.appendingPathComponent("rounds/\(round)/outbox/甲局.xlsx").path, returned.path, json, date])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        let collected = try tool(["collect", returned.path])
        let file = try XCTUnwrap((collected["files"] as? [[String: Any]])?.first)
        XCTAssertEqual(file["status"] as? String, "accepted")
        return file["problems"] as? [[String: Any]] ?? []
    }

    func testEveryWarningKindKeepsTheValue() throws {
        let master = folder.appendingPathComponent("任务.csv")
        try Data((["编号,项目,主要责任单位"] + (1...6).map { "1-00\($0),项目\($0),甲局" }).joined(separator: "\r\n").utf8).write(to: master)
        try tool(["init", master.path, "--plan-start", "2020-01-01", "--plan-end", "2020-12-31"])
        try tool(["round", "open", "第一季度", "--due", "2020-04-10"])
        let first = try fillAndCollect(round: "第一季度", [
            "1-001": ["进展情况": "完成前期工作", "完成进度（%）": 60, "推进状态": "序时推进"],
            "1-002": ["进展情况": "推进中", "完成进度（%）": 50, "推进状态": "序时推进"],
        ], date: "2020-04-05")
        XCTAssertEqual(first.count, 4, "1-003…1-006 not reported: \(first)")
        XCTAssertTrue(first.allSatisfy { $0["level"] as? String == "error" && $0["kind"] as? String == "not-reported" })
        try tool(["round", "close"])

        try tool(["round", "open", "第二季度", "--due", "2020-07-10"])
        let problems = try fillAndCollect(round: "第二季度", [
            "1-001": ["进展情况": "完成前期工作", "完成进度（%）": 70, "推进状态": "序时推进"],  // the same text as last round
            "1-002": ["进展情况": "新进展", "完成进度（%）": 40, "推进状态": "序时推进"],       // below last round's 50
            "1-003": ["进展情况": "继续", "完成进度（%）": 30, "推进状态": "滞后"],             // 滞后, 存在问题 empty
            "1-004": ["进展情况": "收尾", "完成进度（%）": 90, "推进状态": "已完成"],           // 已完成 below 100
            "1-005": ["进展情况": "完工", "完成进度（%）": 100, "推进状态": "序时推进"],        // 100 but not 已完成
            "1-006": ["进展情况": "很多", "完成进度（%）": "很多", "推进状态": "序时推进"],     // not a number: an error
        ], date: "2020-04-08")                                                                   // before last round's due date
        func found(_ kind: String, _ task: String?) -> [String: Any]? {
            problems.first { $0["kind"] as? String == kind && $0["task"] as? String == task }
        }
        let warnings: [(String, String?)] = [("same-as-last", "1-001"), ("lower-than-last", "1-002"), ("unexplained", "1-003"),
                                             ("inconsistent", "1-004"), ("inconsistent", "1-005"), ("date-outside-round", nil)]
        for (kind, task) in warnings {
            let problem = try XCTUnwrap(found(kind, task), "\(kind) \(task ?? "") in \(problems)")
            XCTAssertEqual(problem["level"] as? String, "warning", kind)
        }
        XCTAssertEqual(found("invalid-value", "1-006")?["level"] as? String, "error")
        XCTAssertEqual(problems.count, warnings.count + 1, "\(problems.map { $0["kind"] ?? "" })")

        // Warnings keep the values; the error does not; 问题清单 says which is which.
        let report = folder.appendingPathComponent("report.xlsx")
        try tool(["report", "-o", report.path])
        let book = try Openpyxl.inspect(report)
        let detail = try XCTUnwrap(book.sheet("分单位明细")).table
        let percent = try XCTUnwrap(detail[0].map(\.text).firstIndex(of: "完成进度（%）"))
        let kept = Dictionary(uniqueKeysWithValues: detail.dropFirst().map { ($0[0].text, $0[percent].text) })
        XCTAssertEqual(kept, ["1-001": "70", "1-002": "40", "1-003": "30", "1-004": "90", "1-005": "100", "1-006": ""])
        let listed = try XCTUnwrap(book.sheet("问题清单")).table
        XCTAssertEqual(listed[0].prefix(2).map(\.text), ["序号", "级别"])
        let levels = Dictionary(grouping: listed.dropFirst().map { $0[1].text }, by: { $0 }).mapValues(\.count)
        XCTAssertEqual(levels, ["警告": warnings.count, "错误": 1])
        XCTAssertTrue(listed.contains { $0[1].text == "警告" && $0[9].text == "与上期相同" && $0[6].text == "1-001" })
        XCTAssertTrue(listed.contains { $0[1].text == "警告" && $0[9].text == "进度低于上期" && $0[8].text == "40" })

        // A 填报日期 in the future: the other side of the round.
        try tool(["round", "close"])
        try tool(["round", "open", "第三季度", "--due", "2020-10-10"])
        let future = try fillAndCollect(round: "第三季度", ["1-001": ["进展情况": "按期推进", "完成进度（%）": 80, "推进状态": "序时推进"]],
                                        date: "2099-01-01")
        let dated = try XCTUnwrap(future.first { $0["kind"] as? String == "date-outside-round" }, "\(future)")
        XCTAssertEqual(dated["level"] as? String, "warning")
        XCTAssertTrue((dated["message"] as? String ?? "").contains("in the future"), "\(dated)")
    }
}
