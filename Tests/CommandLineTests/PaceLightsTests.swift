import Foundation
import TestSupport
import XCTest

/// 序时进度 through a workspace: a master with 完成时限, a plan given at init, a round judged on
/// its due date. status and the report agree with counts worked out by hand.
final class PaceLightsTests: WorkspaceTestCase {
    func testLightsOnHandWorkedCases() throws {
        let master = folder.appendingPathComponent("任务.csv")
        try Data(([
            "编号,项目,完成时限,主要责任单位",
            "1-001,项目一,2020年6月底前,甲局",   // 60 %, past its deadline: 红
            "1-002,项目二,2020年7月20日,甲局",   // 96 %, 序时 (95.1 % expected), due in 10 days: 蓝
            "1-003,项目三,,甲局",               // 60 %, 超序时 (52.7 %): 绿
            "1-004,项目四,年底前,甲局",          // 50 %, 序时: 绿
            "1-005,项目五,,甲局",               // 40 %, 滞后于序时: 黄
            "1-006,项目六,,甲局",               // 70 % but 滞后: 黄
            "1-007,项目七,2020年5月,甲局",       // 已完成, late or not: 绿
            "1-008,项目八,,乙局",               // not returned: no light (未报送), whatever the pace expects
            "1-009,项目九,7月15日,乙局",         // not returned, due in 5 days: 未报送 too
        ].joined(separator: "\r\n") + "\r\n").utf8).write(to: master)
        let created = try tool(["init", master.path, "--plan-start", "2020-01-01", "--plan-end", "2020-12-31"])
        XCTAssertEqual(created["planStart"] as? String, "2020-01-01")
        try tool(["round", "open", "2020年第二季度", "--due", "2020-07-10"])
        let values: [String: [String: Any]] = [
            "1-001": ["完成进度（%）": 60, "推进状态": "序时推进"], "1-002": ["完成进度（%）": 96, "推进状态": "序时推进"],
            "1-003": ["完成进度（%）": 60, "推进状态": "序时推进"], "1-004": ["完成进度（%）": 50, "推进状态": "序时推进"],
            "1-005": ["完成进度（%）": 40, "推进状态": "序时推进"], "1-006": ["完成进度（%）": 70, "推进状态": "滞后", "存在问题": "资金未到位"],
            "1-007": ["完成进度（%）": 100, "推进状态": "已完成"],
        ].mapValues { $0.merging(["进展情况": "按计划推进"]) { own, _ in own } }
        let returned = folder.appendingPathComponent("returned/甲局.xlsx")
        let fill = try runPython("fill_values.py", [workspace.appendingPathComponent("rounds/2020年第二季度/outbox/甲局.xlsx").path, returned.path,
                                                   String(decoding: try JSONSerialization.data(withJSONObject: values), as: UTF8.self), "2020-07-08"])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        try tool(["collect", returned.path])

        let status = try tool(["status"])
        XCTAssertEqual(status["lights"] as? [String: Int], ["red": 1, "yellow": 2, "blue": 1, "green": 3, "unreported": 2], "they add up to the 9 tasks")
        XCTAssertEqual(try XCTUnwrap(status["expected"] as? Double), 100 * (6 + 10.0 / 31) / 12, accuracy: 1e-9)

        let report = folder.appendingPathComponent("report.xlsx")
        try tool(["report", "-o", report.path])
        let table = try XCTUnwrap(try Openpyxl.inspect(report).sheets.first).table
        let header = table[0].map(\.text)
        let (expected, pace, light) = (header.firstIndex(of: "序时进度（%）")!, header.firstIndex(of: "序时情况")!, header.firstIndex(of: "督办")!)
        let byTask = Dictionary(uniqueKeysWithValues: table.dropFirst().map { ($0[0].text, $0) })
        let lights = ["1-001": "红", "1-002": "蓝", "1-003": "绿", "1-004": "绿", "1-005": "黄", "1-006": "黄", "1-007": "绿", "1-008": "未报", "1-009": "未报"]
        XCTAssertEqual(byTask.mapValues { $0[light].text }, lights)
        XCTAssertEqual(byTask["1-002"]?[expected].text, "95.1", "(6 + 10/31) / (6 + 20/31) of its own span")
        XCTAssertEqual(byTask["1-001"]?[expected].text, "100")
        XCTAssertEqual(byTask["1-003"]?[expected].text, "52.7")
        XCTAssertEqual(byTask.mapValues { $0[pace].text }, ["1-001": "滞后于序时", "1-002": "序时", "1-003": "超序时", "1-004": "序时",
                                                            "1-005": "滞后于序时", "1-006": "超序时", "1-007": "序时", "1-008": "", "1-009": ""])
        // The note under 汇总 runs on over several rows (broken to the table's width).
        let summary = try XCTUnwrap(try Openpyxl.inspect(report).sheet("汇总")).rows.flatMap { $0.map(\.text) }.joined()
        XCTAssertTrue(summary.contains("序时进度：52.7%（截至2020年7月10日，计划期2020年1月1日至2020年12月31日）；督办（无单位填报的任务不亮灯，计为未报送）：红灯 1 项、黄灯 2 项、蓝灯 1 项、绿灯 3 项、未报送 2 项。"),
                      summary)

        // A correction (1-005 is 55 %: 序时) and the late unit's return (1-008 at 60 %: 超序时;
        // 1-009 at 98 %, due in five days: 蓝) change the lights status counts, as the report sees them.
        try tool(["correct", "1-005", "--unit", "甲局", "--column", "完成进度（%）", "--value", "55", "--reason", "电话核实"])
        XCTAssertEqual(try tool(["status"])["lights"] as? [String: Int], ["red": 1, "yellow": 1, "blue": 1, "green": 4, "unreported": 2])
        let late = folder.appendingPathComponent("returned/乙局.xlsx")
        let second = try runPython("fill_values.py", [workspace.appendingPathComponent("rounds/2020年第二季度/outbox/乙局.xlsx").path, late.path,
                                                     #"{"1-008": {"进展情况": "已开工", "完成进度（%）": 60, "推进状态": "序时推进"}, "1-009": {"进展情况": "即将完成", "完成进度（%）": 98, "推进状态": "序时推进"}}"#])
        XCTAssertEqual(second.status, 0, second.stderr)
        try tool(["collect", late.path])
        let final = try tool(["status"])
        XCTAssertEqual(final["lights"] as? [String: Int], ["red": 1, "yellow": 1, "blue": 2, "green": 5, "unreported": 0])
        XCTAssertEqual(final["reported"] as? Int, 9)
        try tool(["report", "-o", report.path])
        let again = try XCTUnwrap(try Openpyxl.inspect(report).sheets.first).table
        XCTAssertEqual(Dictionary(grouping: again.dropFirst().map { $0[light].text }, by: { $0 }).mapValues(\.count),
                       ["红": 1, "黄": 1, "蓝": 2, "绿": 5])
    }
}
