import Foundation
import TestSupport
import XCTest

/// What the tool concludes, over two rounds of the seed as a clerk runs them: each unit ranked by
/// its own report, a form sent back blank not counted, lateness by when the unit sent it, one
/// problem list, lights that add up — the same on every surface (status --json, 汇总, 单位排名,
/// the bulletin's text).
final class JudgmentsTests: WorkspaceTestCase {
    let first = "2020年第一季度", second = "2020年第二季度"

    /// What fill_workbooks.py typed, per unit: its rows [sheet, row, id, 进展, 进度, 状态, …].
    typealias Filled = [String: [[Any]]]

    /// Fills the round's outbox workbooks of `units` (round `number`'s values, 填报日期 `date`) into `into`.
    func fill(_ round: String, units: [String], number: Int, date: String, into name: String) throws -> (URL, Filled) {
        let chosen = folder.appendingPathComponent("chosen-\(name)"), filled = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: chosen, withIntermediateDirectories: true)
        for unit in units {
            try FileManager.default.copyItem(at: outbox(round).appendingPathComponent("\(unit).xlsx"), to: chosen.appendingPathComponent("\(unit).xlsx"))
        }
        let run = try runPython("fill_workbooks.py", [chosen.path, filled.path, String(number), date])
        XCTAssertEqual(run.status, 0, run.stderr)
        let printed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: [String: Any]])
        var rows: Filled = [:]
        for file in printed.values { rows[file["unit"] as! String] = file["rows"] as? [[Any]] }
        return (filled, rows)
    }

    func outbox(_ round: String) -> URL { workspace.appendingPathComponent("rounds/\(round)/outbox") }

    func units(_ status: [String: Any]) -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: (status["units"] as! [[String: Any]]).map { ($0["name"] as! String, $0) })
    }

    /// A table sheet's rows from the row whose first cell is `header`, up to the first empty row.
    func rows(_ sheet: InspectedWorkbook.Sheet?, header: String) throws -> [[String]] {
        let sheet = try XCTUnwrap(sheet)
        let start = try XCTUnwrap(sheet.rows.firstIndex { $0.first?.text == header })
        return Array(sheet.rows[start...].prefix { !($0.first?.text.isEmpty ?? true) || !($0.dropFirst().first?.text.isEmpty ?? true) }
            .map { $0.map(\.text) })
    }

    func testTwoRoundsAreJudgedFromEachUnitsOwnReport() throws {
        try tool(["init", Repository.seed.path])
        try tool(["round", "open", first, "--due", "2020-04-10"])
        let all = try FileManager.default.contentsOfDirectory(atPath: outbox(first).path).filter { $0.hasSuffix(".xlsx") && $0 != "分发清单.xlsx" }
            .map { String($0.dropLast(5)) }.sorted()
        XCTAssertEqual(all.count, 53)
        let never: Set = ["市监委", "审计局"], blankFirst = "卫健委"
        let returning = all.filter { !never.contains($0) && $0 != blankFirst }.prefix(40).map { $0 }
        let (filled, _) = try fill(first, units: returning, number: 1, date: "2020-04-08", into: "filled-1")
        // 卫健委 sends its form straight back, as it was sent.
        try FileManager.default.copyItem(at: outbox(first).appendingPathComponent("\(blankFirst).xlsx"),
                                         to: filled.appendingPathComponent("\(blankFirst).xlsx"))
        let collected = try tool(["collect", filled.path])
        let outcomes = Dictionary(uniqueKeysWithValues: (collected["files"] as! [[String: Any]]).map { ($0["path"] as! String, $0) })
        XCTAssertEqual(outcomes["\(blankFirst).xlsx"]?["status"] as? String, "blank")
        XCTAssertEqual((outcomes["\(blankFirst).xlsx"]?["problems"] as? [[String: Any]])?.map { $0["kind"] as? String }, ["blank-return"])

        // Item 2: a blank form is not a return, whatever the date; the unit is still missing and late.
        var status = try tool(["status"])
        var byUnit = units(status)
        XCTAssertEqual(byUnit[blankFirst]?["state"] as? String, "blank")
        XCTAssertEqual(byUnit[blankFirst]?["returned"] as? Bool, false)
        XCTAssertEqual(byUnit[blankFirst]?["late"] as? Bool, true, "the due date passed with no accepted return")
        XCTAssertTrue((status["missing"] as! [String]).contains(blankFirst))
        XCTAssertEqual(byUnit.values.filter { $0["returned"] as? Bool == true }.count, returning.count)
        // Item 3: returned on its 填报日期 (2020-04-08), not on the day of collect (today): on time.
        for unit in returning {
            XCTAssertEqual(byUnit[unit]?["state"] as? String, "returned", unit)
            XCTAssertEqual(byUnit[unit]?["returnedBy"] as? String, "filled", unit)
            XCTAssertEqual((byUnit[unit]?["returnedAt"] as? String)?.prefix(10), "2020-04-08", unit)
            XCTAssertEqual(byUnit[unit]?["returnedLate"] as? Bool, false, unit)
        }
        // Item 5: a task nobody reported lights nothing; the counts add up to the tasks.
        let lights = try XCTUnwrap(status["lights"] as? [String: Int])
        XCTAssertEqual(lights.values.reduce(0, +), 182)
        XCTAssertEqual(lights["unreported"], 182 - (status["reported"] as! Int))
        let text1 = folder.appendingPathComponent("通报1.txt")
        try tool(["report", "--bulletin-text", text1.path])
        let paragraph1 = try String(contentsOf: text1, encoding: .utf8)
        XCTAssertTrue(paragraph1.contains("\(returning.count)个单位按时报送"), paragraph1)
        XCTAssertFalse(paragraph1.contains("逾期报送"), paragraph1)
        XCTAssertTrue(paragraph1.contains("黄灯（滞后）\(lights["yellow"]!)项"), paragraph1)
        XCTAssertTrue(paragraph1.contains("未报送进度的\(lights["unreported"]!)项不亮灯"), paragraph1)

        try tool(["round", "close"])
        try tool(["round", "open", second, "--due", "2020-07-10"])
        // Round 2: 30 units report anew; 工信局 sends last round's values again, dated last round
        // (warnings against round 1); 发改委 sends the carried-over form back untouched (blank).
        let again = Array(returning.filter { $0 != "发改委" && $0 != "工信局" }.prefix(30))
        let (filled2, typed) = try fill(second, units: again, number: 2, date: "2020-07-08", into: "filled-2")
        let (stale, staleRows) = try fill(second, units: ["工信局"], number: 1, date: "2020-04-08", into: "stale")
        try FileManager.default.copyItem(at: stale.appendingPathComponent("工信局.xlsx"), to: filled2.appendingPathComponent("工信局.xlsx"))
        try FileManager.default.copyItem(at: outbox(second).appendingPathComponent("发改委.xlsx"), to: filled2.appendingPathComponent("发改委.xlsx"))
        let collected2 = try tool(["collect", filled2.path])
        let outcomes2 = Dictionary(uniqueKeysWithValues: (collected2["files"] as! [[String: Any]]).map { ($0["path"] as! String, $0) })
        XCTAssertEqual(outcomes2["发改委.xlsx"]?["status"] as? String, "blank", "only the carried-over values: not a return")
        let staleProblems = try XCTUnwrap(outcomes2["工信局.xlsx"]?["problems"] as? [[String: Any]])
        XCTAssertEqual(Set(staleProblems.compactMap { $0["kind"] as? String }), ["same-as-last", "date-outside-round"])

        status = try tool(["status"])
        byUnit = units(status)
        XCTAssertEqual(byUnit["发改委"]?["state"] as? String, "blank")
        // Item 4: the warnings against the last round are the file's problems everywhere.
        XCTAssertEqual(byUnit["工信局"]?["problems"] as? Int, staleProblems.count, "collect and status count the same")
        // Its 填报日期 is last round's: not plausible, so it was returned when collected.
        XCTAssertEqual(byUnit["工信局"]?["returnedBy"] as? String, "collected")

        let merged = folder.appendingPathComponent("汇总.xlsx"), bulletin = folder.appendingPathComponent("通报.xlsx")
        let text = folder.appendingPathComponent("通报.txt")
        try tool(["report", "-o", merged.path, "--bulletin", bulletin.path, "--bulletin-text", text.path])
        let report = try Openpyxl.inspect(merged), book = try Openpyxl.inspect(bulletin)
        let problems = try rows(report.sheet("问题清单"), header: "序号").dropFirst()
        XCTAssertEqual(problems.filter { $0[2] == "工信局.xlsx" }.count, staleProblems.count, "问题清单 lists what status counts")

        // Item 1: 单位排名 from each unit's own values, the same as 汇总 and status, and as typed.
        let summary = Dictionary(try rows(report.sheet("汇总"), header: "序号").dropFirst().filter { Int($0[0]) != nil }.map { ($0[1], $0) },
                                 uniquingKeysWith: { first, _ in first })
        let summaryHeader = try rows(report.sheet("汇总"), header: "序号")[0]
        let rateColumn = try XCTUnwrap(summaryHeader.firstIndex(of: "完成率"))
        let ranking = try rows(book.sheet("单位排名"), header: "名次")
        let rankHeader = ranking[0]
        let (nameColumn, completionColumn, returnColumn) = (rankHeader.firstIndex(of: "单位")!, rankHeader.firstIndex(of: "完成率（%）")!,
                                                             rankHeader.firstIndex(of: "报送情况")!)
        let ranked = ranking.dropFirst()
        XCTAssertEqual(ranked.count, 53)
        var seenUnranked = false
        let returnedNow = Set(byUnit.filter { $0.value["returned"] as? Bool == true }.keys)
        for row in ranked {
            let unit = row[nameColumn]
            if Int(row[0]) == nil {
                seenUnranked = true
                XCTAssertFalse(returnedNow.contains(unit), "\(unit) returned but is not ranked")
            } else {
                XCTAssertFalse(seenUnranked, "\(unit) ranked after a unit that did not return")
                XCTAssertTrue(returnedNow.contains(unit), "\(unit) never returned this round but is ranked \(row[0])")
            }
            let own = try XCTUnwrap(Double(row[completionColumn]), unit)
            let inSummary = try XCTUnwrap(Double(try XCTUnwrap(summary[unit], unit)[rateColumn]) ?? 0, unit)
            XCTAssertEqual(own, (inSummary * 1000).rounded() / 10, accuracy: 1e-9, "\(unit): 单位排名 and 汇总")
            let completion = try XCTUnwrap(byUnit[unit]?["completion"] as? Double, unit)
            XCTAssertEqual(own, (completion * 1000).rounded() / 10, accuracy: 1e-9, "\(unit): 单位排名 and status")
        }
        for unit in never {
            XCTAssertEqual(ranked.first { $0[nameColumn] == unit }?[0], "—", "\(unit) never returned")
            XCTAssertEqual(ranked.first { $0[nameColumn] == unit }?[returnColumn], "未报送")
        }
        // The test's own count of what 工信局 and each unit typed.
        for (unit, unitRows) in typed.merging(staleRows, uniquingKeysWith: { first, _ in first }) {
            let tasks = try XCTUnwrap(byUnit[unit]?["tasks"] as? Int)
            let done = unitRows.filter { $0[5] as? String == "已完成" }.count
            let row = try XCTUnwrap(ranked.first { $0[nameColumn] == unit }, unit)
            XCTAssertEqual(Double(row[completionColumn]), (Double(done) / Double(tasks) * 1000).rounded() / 10, unit)
        }
        // Item 5 in the bulletin: the same counts as status.
        let lights2 = try XCTUnwrap(status["lights"] as? [String: Int])
        XCTAssertEqual(lights2.values.reduce(0, +), 182)
        let overview = try XCTUnwrap(book.sheet("总体情况")).rows.map { $0.map(\.text) }
        for (key, label) in [("red", "红灯"), ("yellow", "黄灯"), ("blue", "蓝灯"), ("green", "绿灯"), ("unreported", "未报送")] {
            XCTAssertEqual(overview.first { $0.first == "督办" && $0[1] == label }?[2], String(lights2[key]!), label)
        }
        let paragraph = try String(contentsOf: text, encoding: .utf8)
        XCTAssertTrue(paragraph.contains("未报送（"), paragraph)
        XCTAssertTrue(paragraph.contains("发改委"), "a blank return is listed as not reported: \(paragraph)")
        try checkBulletinPages(bulletin, book: book, paragraph: paragraph, units: byUnit.count)
    }

    /// Item 11, as the leader reads it: printed by LibreOffice, page 1 the title, table and
    /// paragraph, each chart whole on one page; every unit named on 完成率图; tasks by 项目 and
    /// 内容和要求; the paragraph names a task by 项目 and 编号, none twice; the trend over the same units.
    func checkBulletinPages(_ bulletin: URL, book: InspectedWorkbook, paragraph: String, units: Int) throws {
        let pdfs = folder.appendingPathComponent("pdf")
        let converted = try LibreOffice.convert([bulletin], to: "pdf", into: pdfs)
        XCTAssertEqual(converted.status, 0, converted.stderr)
        let pdf = pdfs.appendingPathComponent("通报.pdf")
        func page(_ number: Int) throws -> String {
            // Without white space: a chart's labels come out spaced apart.
            try runProgram("/usr/bin/env", ["pdftotext", "-f", "\(number)", "-l", "\(number)", pdf.path, "-"]).stdout.filter { !$0.isWhitespace }
        }
        let first = try page(1), second = try page(2)
        XCTAssertTrue(first.contains("督查通报") && first.contains("总体情况") && first.contains("详见附表"), first)
        // Each chart whole on one page: on page 2 (title and last category), and then nothing of it
        // drawn under the paragraph on page 1 — or, when they fit, on page 1 and none on page 2.
        // (pdftotext also lists a chart's text LibreOffice clips away, so page 1 is looked at as drawn.)
        func ink(_ number: Int, below text: String) throws -> Double {
            let result = try runPython("page_ink.py", [pdf.path, "\(number)", text])
            XCTAssertEqual(result.status, 0, result.stderr)
            return Double(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
        let below = try ink(1, below: "详见附表")
        for (title, last) in [("任务推进状态分布", "未报送"), ("督办亮灯情况", "绿灯")] {
            if second.contains(title) {
                XCTAssertTrue(second.contains(last), "\(title) whole on page 2")
                XCTAssertLessThan(below, 0.001, "\(title) on page 2, and nothing of it drawn on page 1")
            } else {
                XCTAssertTrue(first.contains(title) && first.contains(last), "\(title) whole on page 1")
                XCTAssertGreaterThan(below, 0.01, "\(title) drawn under the paragraph")
            }
        }
        let pages = Int(try runProgram("/usr/bin/env", ["sh", "-c", "pdfinfo '\(pdf.path)' | sed -n 's/^Pages: *//p'"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        var chartPage = ""
        for number in 1...pages {
            let text = try page(number)
            if text.contains("各单位任务完成率（") { chartPage = text }
        }
        XCTAssertFalse(chartPage.isEmpty, "完成率图 printed")
        let names = (try rows(book.sheet("单位排名"), header: "名次")).dropFirst().map { $0[1] }
        XCTAssertEqual(names.count, units)
        let squeezed = chartPage.filter { !$0.isWhitespace }
        for name in names { XCTAssertTrue(squeezed.contains(name), "\(name) named on 完成率图") }

        let leader = try XCTUnwrap(book.sheets.first { $0.title == "顾晓东" })
        let header = try rows(leader, header: "序号")[0]
        XCTAssertEqual(Array(header.prefix(4)), ["序号", "编号", "项目", "内容和要求"])
        let named = paragraph.components(separatedBy: "承担的“").dropFirst().map { String($0.prefix { $0 != "”" }) + ($0.split(separator: "（").dropFirst().first.map(String.init) ?? "") }
        XCTAssertFalse(named.isEmpty)
        XCTAssertEqual(Set(named).count, named.count, "no task named twice: \(named)")
        XCTAssertNotNil(paragraph.range(of: #"承担的“[^”]+”（\d-\d{3}"#, options: .regularExpression), paragraph)
        let trend = try XCTUnwrap(book.sheet("历次对比")).rows.flatMap { $0.map(\.text) }.joined()
        XCTAssertNotNil(trend.range(of: #"各期均报送的\d+个单位"#, options: .regularExpression), trend)
    }

    /// Item 3 by mail: a reply is returned at its mail's Date, not when it is collected; times are
    /// the office's local time with its offset (TZ=Asia/Shanghai), and the bulletin follows them.
    func testAReplyIsReturnedWhenItWasSent() throws {
        try tool(["init", Repository.seed.path])
        try tool(["round", "open", first, "--due", "2020-04-10"])
        let (filled, _) = try fill(first, units: ["商务局", "工信局"], number: 1, date: "2020-06-30", into: "filled")
        let mail = folder.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mail, withIntermediateDirectories: true)
        let specs: [[String: Any]] = [
            ["kind": "eml", "out": mail.appendingPathComponent("商务局.eml").path, "from": "商务局 <swj@example.gov.cn>",
             "date": "Wed, 08 Apr 2020 10:00:00 +0800", "attachments": [["path": filled.appendingPathComponent("商务局.xlsx").path, "name": "商务局.xlsx"]]],
            ["kind": "eml", "out": mail.appendingPathComponent("工信局.eml").path, "from": "工信局 <gxj@example.gov.cn>",
             "date": "Sun, 12 Apr 2020 09:30:00 +0800", "attachments": [["path": filled.appendingPathComponent("工信局.xlsx").path, "name": "工信局.xlsx"]]],
        ]
        let spec = folder.appendingPathComponent("replies.json")
        try JSONSerialization.data(withJSONObject: specs).write(to: spec)
        let made = try runProgram("/bin/sh", ["-c", "python3 '\(Repository.root.path)/Tests/Helpers/make_replies.py' < '\(spec.path)'"])
        XCTAssertEqual(made.status, 0, made.stderr)
        // Collected today, long after the due date, in the office's zone.
        let collected = try runProgram("/usr/bin/env", ["TZ=Asia/Shanghai", Repository.tool.path, "collect", mail.path, "-w", workspace.path])
        XCTAssertEqual(collected.status, 0, collected.stderr)
        let status = try runProgram("/usr/bin/env", ["TZ=Asia/Shanghai", Repository.tool.path, "status", "-w", workspace.path, "--json"])
        XCTAssertEqual(status.status, 0, status.stderr)
        let byUnit = units(try XCTUnwrap(JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]))
        XCTAssertEqual(byUnit["商务局"]?["returnedBy"] as? String, "mail")
        XCTAssertEqual(byUnit["商务局"]?["returnedAt"] as? String, "2020-04-08T10:00:00+08:00")
        XCTAssertEqual(byUnit["商务局"]?["returnedLate"] as? Bool, false, "sent before the due date, collected after it")
        XCTAssertEqual(byUnit["工信局"]?["returnedAt"] as? String, "2020-04-12T09:30:00+08:00")
        XCTAssertEqual(byUnit["工信局"]?["returnedLate"] as? Bool, true)
        let received = try XCTUnwrap(byUnit["商务局"]?["received"] as? String)
        XCTAssertTrue(received.hasSuffix("+08:00"), "local time with its offset, not UTC: \(received)")
        let text = folder.appendingPathComponent("通报.txt")
        try tool(["report", "--bulletin-text", text.path])
        let paragraph = try String(contentsOf: text, encoding: .utf8)
        XCTAssertTrue(paragraph.contains("1个单位按时报送，1个单位逾期报送"), paragraph)
        // The human status shows local times without seconds or zone.
        let human = try runProgram("/usr/bin/env", ["TZ=Asia/Shanghai", Repository.tool.path, "status", "-w", workspace.path])
        XCTAssertTrue(human.stdout.contains("2020-04-08 10:00 (mail)"), human.stdout)
    }
}
