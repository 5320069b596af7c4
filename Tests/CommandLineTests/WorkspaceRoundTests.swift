import Foundation
import TestSupport
import XCTest

/// A reporting round through a workspace, as the clerk runs it: init, round open, the units'
/// workbooks filled by openpyxl, collected in batches over days, status, report — and the
/// report is the workbook a one-shot merge of the same files writes.
final class WorkspaceRoundTests: WorkspaceTestCase {
    let period = "2020年第二季度"

    /// A workspace with the round open and every unit's workbook filled (in `filled/`), split
    /// into three batches (`b1/` 20 files, `b2/` 20, `b3/` the rest).
    private func openRoundAndFill() throws -> (filled: URL, batches: [URL]) {
        let created = try tool(["init", Repository.seed.path])
        XCTAssertEqual(created["tasks"] as? Int, 182)
        XCTAssertEqual(created["units"] as? Int, 53)
        let opened = try tool(["round", "open", period, "--due", "2020-07-10"])
        XCTAssertEqual(opened["round"] as? String, period)
        XCTAssertEqual(opened["due"] as? String, "2020-07-10")
        XCTAssertEqual((opened["workbooks"] as? [Any])?.count, 53)
        let outbox = workspace.appendingPathComponent("rounds/\(period)/outbox")
        let filled = folder.appendingPathComponent("filled")
        let fill = try runPython("fill_workbooks.py", [outbox.path, filled.path])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: filled.path).sorted()
        XCTAssertEqual(names.count, 53)
        var batches: [URL] = []
        for (index, range) in [0..<20, 20..<40, 40..<53].enumerated() {
            let batch = folder.appendingPathComponent("b\(index + 1)")
            try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
            for name in names[range] {
                try FileManager.default.copyItem(at: filled.appendingPathComponent(name), to: batch.appendingPathComponent(name))
            }
            batches.append(batch)
        }
        return (filled, batches)
    }

    private func statuses(_ collected: [String: Any]) -> [String] {
        (collected["files"] as? [[String: Any]] ?? []).map { $0["status"] as? String ?? "" }
    }

    func testARoundEndToEndEqualsAMergeOfTheSameFiles() throws {
        let (filled, batches) = try openRoundAndFill()
        let first = try tool(["collect", batches[0].path])
        XCTAssertEqual(statuses(first), Array(repeating: "accepted", count: 20))
        XCTAssertEqual((first["missing"] as? [String])?.count, 33)
        var status = try tool(["status", "--today", "2020-07-01"])
        XCTAssertEqual((status["units"] as? [[String: Any]])?.filter { $0["returned"] as? Bool == true }.count, 20)
        XCTAssertEqual((status["late"] as? [String])?.count, 0, "not due yet")

        // The same batch again, and one of its files under another name in the next batch:
        // duplicates by content, not analysed again.
        XCTAssertEqual(statuses(try tool(["collect", batches[0].path])), Array(repeating: "duplicate", count: 20))
        let renamed = batches[1].appendingPathComponent("发改委（再次发送）.xlsx")
        try FileManager.default.copyItem(at: filled.appendingPathComponent("发改委.xlsx"), to: renamed)
        let second = try tool(["collect", batches[1].path])
        let secondFiles = try XCTUnwrap(second["files"] as? [[String: Any]])
        XCTAssertEqual(secondFiles.first { $0["path"] as? String == "发改委（再次发送）.xlsx" }?["status"] as? String, "duplicate")
        XCTAssertEqual(secondFiles.filter { $0["status"] as? String == "accepted" }.count, 20)
        try FileManager.default.removeItem(at: renamed)
        status = try tool(["status", "--today", "2020-07-11"])
        XCTAssertEqual((status["late"] as? [String])?.count, 13, "past the due date: the 13 units of the last batch")
        XCTAssertEqual((status["missing"] as? [String])?.sorted(), (status["late"] as? [String])?.sorted())

        let third = try tool(["collect", batches[2].path])
        XCTAssertEqual(statuses(third), Array(repeating: "accepted", count: 13))
        status = try tool(["status", "--today", "2020-07-11"])
        XCTAssertEqual(status["missing"] as? [String], [])
        XCTAssertEqual(status["reported"] as? Int, 182)
        XCTAssertTrue((status["units"] as? [[String: Any]] ?? []).allSatisfy { $0["sent"] as? Bool == true && $0["file"] is String })

        // The inbox holds one copy of each file, under its own name; the originals are untouched.
        let inbox = workspace.appendingPathComponent("rounds/\(period)/inbox")
        let stored = try FileManager.default.subpathsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".xlsx") }
        XCTAssertEqual(stored.count, 53)
        XCTAssertTrue(stored.contains { $0.hasSuffix("/发改委.xlsx") })

        let report = folder.appendingPathComponent("report.xlsx")
        _ = try tool(["report", "-o", report.path])
        let merged = folder.appendingPathComponent("merged.xlsx")
        let merging = try runTool(["merge", Repository.seed.path, filled.path, "-o", merged.path, "--period", period])
        XCTAssertEqual(merging.status, 0, merging.stderr)
        let fromLedger = try Openpyxl.inspect(report), fromFiles = try Openpyxl.inspect(merged)
        // The same sheets (历次进展 comes with the second round).
        XCTAssertEqual(fromLedger.sheets.map(\.title), fromFiles.sheets.map(\.title))
        for (a, b) in zip(fromLedger.sheets, fromFiles.sheets) {
            // And, the workspace knowing its plan (the year of the seed's title), 序时进度: three
            // columns at the end of each task table and a sentence under 汇总; the rest is the same.
            let paced = a.rows.count > 2 && a.rows[2].suffix(3).map(\.text) == ["序时进度（%）", "序时情况", "督办"]
            var rows = a.rows.map { paced ? Array($0.dropLast(3)) : $0 }
            if let start = rows.firstIndex(where: { $0.first?.text.hasPrefix("序时进度：") == true }),
               let end = rows[start...].firstIndex(where: { $0.first?.text.hasSuffix("项。") == true }) {
                rows.removeSubrange(start...end)
            }
            let isTable = !["汇总", "分单位明细", "未报送单位", "问题清单", "收文清单"].contains(a.title)
            XCTAssertEqual(paced, isTable, "\(a.title): 序时进度 columns in the task tables only")
            if a.title == "汇总" { XCTAssertLessThan(rows.count, a.rows.count, "汇总 says 序时进度") }
            XCTAssertEqual(rows.first?.first, b.rows.first?.first, "\(a.title): title")
            // Below the line with the time each was made, cell for cell.
            XCTAssertEqual(Array(rows.dropFirst(2)), Array(b.rows.dropFirst(2)), a.title)
        }
    }

    func testANewerReturnSupersedesTheOlderOneCollectedBefore() throws {
        let (filled, _) = try openRoundAndFill()
        let early = folder.appendingPathComponent("early"), later = folder.appendingPathComponent("later")
        try FileManager.default.createDirectory(at: early, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: filled.appendingPathComponent("财政局.xlsx"), to: early.appendingPathComponent("财政局.xlsx"))
        XCTAssertEqual(statuses(try tool(["collect", early.path])), ["accepted"])
        // The unit corrects its file and sends it again, dated later.
        let edit = try runPython("edit_cell.py", [early.appendingPathComponent("财政局.xlsx").path, later.appendingPathComponent("财政局-更正.xlsx").path,
                                                  "进展情况", "更正后的进展", "2020-07-05"])
        XCTAssertEqual(edit.status, 0, edit.stderr)
        XCTAssertEqual(statuses(try tool(["collect", later.path])), ["accepted"])
        let status = try tool(["status"])
        let unit = try XCTUnwrap((status["units"] as? [[String: Any]])?.first { $0["name"] as? String == "财政局" })
        XCTAssertEqual(unit["file"] as? String, "财政局-更正.xlsx")
        let report = folder.appendingPathComponent("report.xlsx")
        _ = try tool(["report", "-o", report.path])
        let book = try Openpyxl.inspect(report)
        let files = try XCTUnwrap(book.sheet("收文清单")).table
        XCTAssertTrue(files.contains { $0[1].text == "财政局.xlsx" && $0[4].text == "已被替代" }, "\(files)")
        let detail = try XCTUnwrap(book.sheet("分单位明细")).table
        let header = detail[0].map(\.text)
        let (progress, reporter, phone) = (header.firstIndex(of: "进展情况")!, header.firstIndex(of: "填报人")!, header.firstIndex(of: "联系电话")!)
        XCTAssertTrue(detail.contains { $0[2].text == "财政局" && $0[progress].text == "更正后的进展" })
        // Who to call, beside the unit and in 收文清单: the form's 填报人 and 联系电话.
        XCTAssertTrue(detail.dropFirst().allSatisfy { $0[reporter].text == "张三" && $0[phone].text == "0512-53500000" }, "\(detail.prefix(3))")
        let filesHeader = files[0].map(\.text)
        XCTAssertTrue(files.contains { $0[1].text == "财政局-更正.xlsx" && $0[filesHeader.firstIndex(of: "填报人")!].text == "张三"
            && $0[filesHeader.firstIndex(of: "联系电话")!].text == "0512-53500000" })
    }

    /// The clerk's hand: a value corrected after a phone call and a pinned (older) submission
    /// both survive a later collect and every report.
    func testACorrectionAndAPinnedFileSurviveALaterCollect() throws {
        let (filled, batches) = try openRoundAndFill()
        _ = try tool(["collect", batches[0].path])
        let task = "1-001"
        let correction = try tool(["correct", task, "--unit", "发改委", "--column", "完成进度（%）", "--value", "90", "--reason", "电话核实：约90即90"])
        XCTAssertEqual(correction["reason"] as? String, "电话核实：约90即90")
        let bad = try runTool(["correct", task, "--unit", "发改委", "--column", "完成进度（%）", "--value", "很多", "--reason", "x", "-w", workspace.path])
        XCTAssertNotEqual(bad.status, 0, "a value the column would not accept from a unit")
        let stranger = try runTool(["correct", task, "--unit", "关工委", "--column", "推进状态", "--value", "滞后", "--reason", "x", "-w", workspace.path])
        XCTAssertTrue(stranger.stderr.contains("not a unit of task"), stranger.stderr)

        // 财政局 sends a corrected file later; the clerk pins the first one.
        let later = folder.appendingPathComponent("later")
        let edit = try runPython("edit_cell.py", [filled.appendingPathComponent("财政局.xlsx").path, later.appendingPathComponent("财政局-第二版.xlsx").path,
                                                  "进展情况", "第二版的进展", "2020-07-05"])
        XCTAssertEqual(edit.status, 0, edit.stderr)
        let first = filled.appendingPathComponent("财政局.xlsx").path
        XCTAssertEqual(statuses(try tool(["collect", first])), ["accepted"])
        _ = try tool(["collect", later.path])
        XCTAssertEqual(try tool(["prefer", first])["unit"] as? String, "财政局")
        _ = try tool(["collect", batches[1].path])

        let report = folder.appendingPathComponent("report.xlsx")
        _ = try tool(["report", "-o", report.path])
        let book = try Openpyxl.inspect(report)
        let sheet = try XCTUnwrap(book.sheets.first)
        let header = try XCTUnwrap(sheet.table.first).map(\.text)
        let row = try XCTUnwrap(sheet.table.first { $0.first?.text == task })
        XCTAssertEqual(row[try XCTUnwrap(header.firstIndex(of: "完成进度（%）"))].text, "90")
        let corrections = try XCTUnwrap(book.sheet("人工更正")).table
        XCTAssertEqual(corrections.count, 2)
        XCTAssertEqual(corrections[1].map(\.text).prefix(5), ["1", task, "发改委", "完成进度（%）", "90"])
        XCTAssertEqual(corrections[1][6].text, "电话核实：约90即90")
        let files = try XCTUnwrap(book.sheet("收文清单")).table
        XCTAssertTrue(files.contains { $0[1].text == first && $0[4].text == "已采用" }, "\(files)")
        XCTAssertTrue(files.contains { $0[1].text == "财政局-第二版.xlsx" && $0[4].text == "已被替代" }, "\(files)")
        let status = try tool(["status"])
        XCTAssertEqual((status["units"] as? [[String: Any]])?.first { $0["name"] as? String == "财政局" }?["file"] as? String, first)
    }

    /// A workspace made with its own form keeps it: every round is written and read with it.
    func testTheWorkspaceKeepsItsTemplate() throws {
        let template = folder.appendingPathComponent("monthly.json")
        try Data(#"""
            {"id": "monthly/1", "title": "{unit}月报[（{period}）]",
             "columns": [{"name": "本月进展", "type": "text", "required": true, "width": 50},
                         {"name": "评价", "type": "choice", "values": ["好", "中", "差"]}],
             "reporter": [{"label": "填报人"}], "instructions": ["请填写“本月进展”。"]}
            """#.utf8).write(to: template)
        _ = try tool(["init", Repository.seed.path, "--template", template.path])
        try FileManager.default.removeItem(at: template)  // kept in the workspace, not referred to
        _ = try tool(["round", "open", "2020年5月"])
        let book = try Openpyxl.inspect(workspace.appendingPathComponent("rounds/2020年5月/outbox/发改委.xlsx"))
        let sheet = try XCTUnwrap(book.sheets.first)
        XCTAssertEqual(sheet.text(0, 0), "发改委月报（2020年5月）")
        XCTAssertEqual(Array(sheet.rows[3].suffix(2)).map(\.text), ["本月进展", "评价"])
        let bad = try runTool(["correct", "1-001", "--unit", "发改委", "--column", "完成进度（%）", "--value", "90", "--reason", "x",
                               "-w", workspace.path])
        XCTAssertTrue(bad.stderr.contains("本月进展"), "the workspace's form, not the bundled one: \(bad.stderr)")
    }

    func testWhatIsRefusedIsRefusedClearly() throws {
        _ = try openRoundAndFill()
        let again = try runTool(["init", Repository.seed.path, "-w", workspace.path])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already holds a workspace"), again.stderr)
        let second = try runTool(["round", "open", "2020年第三季度", "-w", workspace.path])
        XCTAssertNotEqual(second.status, 0)
        XCTAssertTrue(second.stderr.contains("round \(period) is still open"), second.stderr)
        // Nothing was returned: closing it is said to be a choice.
        let empty = try runTool(["round", "close", "-w", workspace.path])
        XCTAssertNotEqual(empty.status, 0)
        XCTAssertTrue(empty.stderr.contains("--force"), empty.stderr)
        XCTAssertEqual(try runTool(["round", "close", "--force", "-w", workspace.path]).status, 0)
        XCTAssertEqual(try runTool(["round", "open", "2020年第三季度", "-w", workspace.path]).status, 0)

        let nowhere = try runTool(["status", "-w", folder.appendingPathComponent("nowhere").path])
        XCTAssertTrue(nowhere.stderr.contains("no workspace here"), nowhere.stderr)

        // A damaged database, and an SQLite database of another program: refused, left as they were.
        let damaged = folder.appendingPathComponent("damaged")
        try FileManager.default.createDirectory(at: damaged, withIntermediateDirectories: true)
        let garbage = Data((0..<4096).map { UInt8($0 % 251) })
        try garbage.write(to: damaged.appendingPathComponent("xlsx-tasks.sqlite"))
        let broken = try runTool(["status", "-w", damaged.path])
        XCTAssertNotEqual(broken.status, 0)
        XCTAssertTrue(broken.stderr.contains("damaged or not a database"), broken.stderr)
        XCTAssertEqual(try Data(contentsOf: damaged.appendingPathComponent("xlsx-tasks.sqlite")), garbage)
        let foreign = folder.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        let made = try runProgram("/usr/bin/env", ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()",
                                                   foreign.appendingPathComponent("xlsx-tasks.sqlite").path])
        XCTAssertEqual(made.status, 0, made.stderr)
        let other = try runTool(["status", "-w", foreign.path])
        XCTAssertNotEqual(other.status, 0)
        XCTAssertTrue(other.stderr.contains("another program"), other.stderr)
    }

    /// The master's snapshot (a cache beside master.xlsx) damaged, or made from another
    /// master.xlsx: never believed, made again from master.xlsx, and the collect is the same.
    func testAMasterSnapshotThatDoesNotMatchIsMadeAgain() throws {
        let (_, batches) = try openRoundAndFill()
        let snapshot = workspace.appendingPathComponent(".master-snapshot")
        let made = try Data(contentsOf: snapshot)
        XCTAssertTrue(made.starts(with: Data("xlsx-tasks master snapshot 1\n".utf8)), "round open made it")
        try Data("garbage".utf8).write(to: snapshot)
        XCTAssertEqual(statuses(try tool(["collect", batches[0].path])), Array(repeating: "accepted", count: 20))
        XCTAssertEqual(try Data(contentsOf: snapshot), made)
        // Whole, but of another master.xlsx: the checksum it names (after the magic and its length) differs.
        var stale = made
        let position = stale.startIndex + 29 + 4
        stale[position] = stale[position] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        try stale.write(to: snapshot)
        XCTAssertEqual(statuses(try tool(["collect", batches[1].path])), Array(repeating: "accepted", count: 20))
        XCTAssertEqual(try Data(contentsOf: snapshot), made)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter { $0.contains("partial") }
        XCTAssertEqual(leftovers, [])
    }

    /// `kill -9` in the middle of a collect: the workspace opens, every file is recorded whole
    /// or not at all, and the same collect run again finishes the job.
    func testACollectKilledMidwayIsFinishedByARerun() throws {
        let (filled, _) = try openRoundAndFill()
        let process = Process()
        process.executableURL = Repository.tool
        process.arguments = ["collect", filled.path, "-w", workspace.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until it has recorded something, then kill it.
        let database = workspace.appendingPathComponent("xlsx-tasks.sqlite").path
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline {
            let count = try runProgram("/usr/bin/env", ["python3", "-c",
                "import sqlite3,sys; print(sqlite3.connect(sys.argv[1], timeout=5).execute('select count(*) from received').fetchone()[0])", database])
            if (Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0 { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Whatever was recorded is whole: every received file has its analysis.
        let check = try runProgram("/usr/bin/env", ["python3", "-c", """
            import sqlite3,sys
            c = sqlite3.connect(sys.argv[1])
            print(c.execute('select count(*) from received where id not in (select received from analysed)').fetchone()[0],
                  c.execute('select count(*) from received').fetchone()[0], c.execute('pragma integrity_check').fetchone()[0])
            """, database])
        let parts = check.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        XCTAssertEqual(parts.first, "0", "a received file without its analysis: \(check.stdout) \(check.stderr)")
        XCTAssertEqual(parts.last, "ok")
        XCTAssertEqual(try runTool(["status", "-w", workspace.path]).status, 0)
        let rerun = try tool(["collect", filled.path])
        let all = statuses(rerun)
        XCTAssertEqual(all.count, 53)
        XCTAssertEqual(all.filter { $0 == "accepted" }.count + all.filter { $0 == "duplicate" }.count, 53, "\(all)")
        let status = try tool(["status"])
        XCTAssertEqual(status["missing"] as? [String], [])
    }

    /// Two clerks collecting at the same moment: both batches are recorded.
    func testTwoCollectsAtOnceBothLand() throws {
        let (_, batches) = try openRoundAndFill()
        let processes = batches.prefix(2).map { batch -> Process in
            let process = Process()
            process.executableURL = Repository.tool
            process.arguments = ["collect", batch.path, "-w", workspace.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        XCTAssertEqual(processes.map(\.terminationStatus), [0, 0])
        let status = try tool(["status"])
        XCTAssertEqual((status["units"] as? [[String: Any]])?.filter { $0["returned"] as? Bool == true }.count, 40)
    }

    /// A workspace written by the first schema version (committed under Tests/Fixtures) opens
    /// in this one: status and report work on it, so every later migration is tested from the start.
    func testAWorkspaceOfTheFirstSchemaVersionOpens() throws {
        let fixture = Repository.path("Tests/Fixtures/workspace-v1")
        try FileManager.default.copyItem(at: fixture, to: workspace)
        let status = try tool(["status", "--today", "2020-07-11"])
        XCTAssertEqual(status["round"] as? String, period)
        XCTAssertEqual((status["units"] as? [[String: Any]])?.filter { $0["returned"] as? Bool == true }.count, 3)
        XCTAssertEqual((status["late"] as? [String])?.count, 50)
        let report = folder.appendingPathComponent("report.xlsx")
        let written = try tool(["report", "-o", report.path])
        XCTAssertEqual((written["missing"] as? [String])?.count, 50, "\(written.keys)")
    }
}
