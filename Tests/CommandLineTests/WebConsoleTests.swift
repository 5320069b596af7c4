import Foundation
import TestSupport
import XCTest

/// `serve`: the whole round in a real browser (headless Chromium through Selenium), and what an
/// attacker would try over plain HTTP (Python's http.client). Servers listen on 127.0.0.1 with
/// port 0; the address is read from the first line the command prints.
final class WebConsoleTests: WorkspaceTestCase {
    var servers: [Process] = []

    override func tearDownWithError() throws {
        for server in servers {
            server.terminate()
            server.waitUntilExit()
        }
        try super.tearDownWithError()
    }

    /// Starts `serve`; returns its address once it listens.
    private func serve(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = Repository.tool
        process.arguments = ["serve", "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        servers.append(process)
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: #"at (http://[^ \n]+)"#, options: .regularExpression) {
                return String(text[range].dropFirst(3)).replacingOccurrences(of: "0.0.0.0", with: "127.0.0.1")
            }
        }
        XCTFail("serve did not start: \(text)")
        return ""
    }

    private func json(_ result: ProcessResult) throws -> [String: Any] {
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
    }

    func testTheWholeRoundInABrowser() throws {
        let empty = folder.appendingPathComponent("ws")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let address = try serve(["-w", empty.path])
        let work = folder.appendingPathComponent("browser")
        let seen = try json(try runPython("web_browser.py", [address, Repository.seed.path, work.path]))

        XCTAssertEqual(seen["facts"] as? [String], ["182项任务", "53个责任单位", "0期报送"], "the workspace made from the uploaded document")
        // The import's corrections, the ones `import` prints, shown before the clerk goes on.
        let notes = try XCTUnwrap(seen["import_notes"] as? [String])
        let imported = try json(try runTool(["import", Repository.seed.path, "-o", folder.appendingPathComponent("m.xlsx").path, "--json"]))
        XCTAssertEqual(notes.count, (imported["warnings"] as? [Any])?.count)
        XCTAssertTrue(notes.contains { $0.hasPrefix("已自动更正：") && $0.contains("坚持改革为要") }, "\(notes)")
        XCTAssertEqual((seen["zip"] as? [String])?.count, 53, "one workbook per unit in the zip")
        let outcomes = try XCTUnwrap(seen["outcomes"] as? [[String]])
        XCTAssertEqual(outcomes.count, 53)
        XCTAssertEqual(outcomes.filter { $0[2] == "已采用" }.count, 53, "\(outcomes.filter { $0[2] != "已采用" })")
        XCTAssertEqual(seen["badges"] as? [String: Int], ["已报": 53], "53 / 53 returned, none late")
        XCTAssertGreaterThan(seen["chart"] as? Int ?? 0, 0)
        let unit = try XCTUnwrap(seen["unit"] as? [String: Any])
        XCTAssertEqual(unit["heading"] as? String, unit["name"] as? String)
        XCTAssertGreaterThan(unit["rows"] as? Int ?? 0, 0)
        for (name, page) in try XCTUnwrap(seen["pages"] as? [String: [String: Any]]) {
            let width = page["scrollWidth"] as? Int ?? .max, inner = page["innerWidth"] as? Int ?? 0
            XCTAssertLessThanOrEqual(width, inner, "\(name): no horizontal scrolling at 1366×768")
            XCTAssertTrue(FileManager.default.fileExists(atPath: work.appendingPathComponent("screens/\(name).png").path), name)
        }
        // The master downloaded from the page is the one `report` writes.
        let downloaded = URL(fileURLWithPath: try XCTUnwrap(seen["master"] as? String))
        let reported = folder.appendingPathComponent("report.xlsx")
        XCTAssertEqual(try runTool(["report", "-o", reported.path, "-w", empty.path]).status, 0)
        let a = try Openpyxl.inspect(downloaded), b = try Openpyxl.inspect(reported)
        XCTAssertEqual(a.sheets.map(\.title), b.sheets.map(\.title))
        // Every cell the same, but the minute each was made (生成时间).
        func cells(_ sheet: InspectedWorkbook.Sheet) -> [[String]] { sheet.rows.map { $0.map { $0.text.hasPrefix("生成时间") ? "" : $0.text } } }
        for (left, right) in zip(a.sheets, b.sheets) {
            XCTAssertEqual(cells(left), cells(right), left.title)
        }
        // Kept as artefacts of the run: the screenshots, for a person to look at.
        if let artefacts = ProcessInfo.processInfo.environment["XLSX_TASKS_ARTEFACTS"] {
            let target = URL(fileURLWithPath: artefacts).appendingPathComponent("web-screens")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: work.appendingPathComponent("screens"), to: target)
        }
    }

    func testWhatAnAttackerTriesIsRefused() throws {
        // A unit named with HTML: the seed with 统计局 written as <script>统计局</script>.
        let seed = folder.appendingPathComponent("evil.txt")
        let text = try String(contentsOf: Repository.seed, encoding: .utf8).replacingOccurrences(of: "统计局", with: "<script>统计局</script>")
        try text.write(to: seed, atomically: true, encoding: .utf8)
        try tool(["init", seed.path])
        let address = try serve(["-w", workspace.path, "--max-file-mb", "1", "--max-files", "3"])
        let seen = try json(try runPython("web_security.py", ["local", address, workspace.path]))
        XCTAssertEqual(seen["home"] as? Int, 200)
        let policy = seen["csp"] as? String ?? ""
        XCTAssertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy)
        XCTAssertEqual(seen["open_without_csrf"] as? Int, 403)
        XCTAssertEqual(seen["open_wrong_csrf"] as? Int, 403)
        XCTAssertEqual(seen["open_with_csrf"] as? Int, 303)
        XCTAssertEqual(seen["board_escaped"] as? Bool, true, "the unit's name shown as text")
        XCTAssertEqual(seen["board_raw_script"] as? Bool, false)
        XCTAssertEqual(seen["board_scripts"] as? [String], [#"<script src="/static/web.js">"#], "the one script element is our file")
        XCTAssertEqual(seen["unit_page"] as? Int, 200)
        XCTAssertEqual(seen["unit_escaped"] as? Bool, true)
        XCTAssertEqual(seen["upload_without_csrf"] as? Int, 403)
        let traversal = try XCTUnwrap(seen["traversal"] as? [String: Any])
        XCTAssertEqual(traversal["status"] as? Int, 200)
        XCTAssertEqual(traversal["paths"] as? [String], ["逃逸.xlsx"], "the path is dropped, the name kept")
        let escaped = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix("逃逸.xlsx") && !$0.contains("/inbox/") }
        XCTAssertEqual(escaped, [], "stored only in the inbox")
        let oversize = try XCTUnwrap(seen["oversize"] as? [String: Any])
        XCTAssertEqual(oversize["status"] as? Int, 413)
        XCTAssertTrue((oversize["error"] as? String ?? "").contains("1 MB"), "\(oversize)")
        XCTAssertEqual(seen["batch_limit"] as? [Int], [200, 200, 200, 413])
        let drafts = try XCTUnwrap(seen["mail_zip"] as? [String: Int])
        XCTAssertEqual(drafts["status"], 200)
        XCTAssertEqual(drafts["eml"], try XCTUnwrap(try tool(["status", "--round", "R1"])["units"] as? [Any]).count, "a draft per unit in the zip")
        let book = try XCTUnwrap(seen["outbox_unit"] as? [String: Any])
        XCTAssertEqual(book["status"] as? Int, 200)
        XCTAssertEqual(book["zip"] as? Bool, true, "the unit's workbook, found by its name, not by a path")
        XCTAssertTrue((book["disposition"] as? String ?? "").contains("filename*=UTF-8''"), "\(book)")
        XCTAssertEqual(seen["outbox_traversal"] as? Int, 404)
        XCTAssertEqual(seen["static_traversal"] as? Int, 404)
        XCTAssertEqual(seen["static_css"] as? Int, 200)
        XCTAssertEqual(seen["concurrent"] as? [String: [String]], ["甲.xlsx": ["accepted"], "乙.xlsx": ["accepted"]], "both uploads collected")
        // The upload cut off midway left nothing: no file recorded, nothing half-written.
        let status = try tool(["status", "--round", "R1"])
        let files = (status["units"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        XCTAssertFalse(files.contains("中断.xlsx"), "\(files)")
        let uploads = workspace.appendingPathComponent("rounds/R1/.uploads")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: uploads.path), [])
        XCTAssertTrue(files.contains("甲.xlsx") && files.contains("乙.xlsx"), "\(files)")
        // A restart loses nothing: a new server shows what the old one collected.
        for server in servers { server.terminate(); server.waitUntilExit() }
        servers = []
        let again = try serve(["-w", workspace.path])
        let board = try runProgram("/usr/bin/env", ["python3", "-c", "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1] + 'status').read().decode())", again])
        XCTAssertTrue(board.stdout.contains("甲.xlsx") && board.stdout.contains("乙.xlsx"), board.stderr)
    }

    func testOnTheNetworkEveryRequestNeedsTheToken() throws {
        try tool(["init", Repository.seed.path])
        // Bound to every address, reached here through 127.0.0.1 only.
        let address = try serve(["-w", workspace.path, "--host", "0.0.0.0", "--token", "office-token-2020"])
        let seen = try json(try runPython("web_security.py", ["remote", address, "office-token-2020"]))
        XCTAssertEqual(seen["home_without_token"] as? Int, 401)
        XCTAssertEqual(seen["status_without_token"] as? Int, 401)
        XCTAssertEqual(seen["post_without_token"] as? Int, 401)
        XCTAssertEqual(seen["login_wrong"] as? Int, 401)
        XCTAssertEqual(seen["login_right"] as? Int, 303)
        XCTAssertEqual(seen["cookie_flags"] as? [String: Bool], ["httponly": true, "samesite": true, "has_token": false])
        XCTAssertEqual(seen["home_with_cookie"] as? Int, 200)
        XCTAssertEqual(seen["home_with_forged_cookie"] as? Int, 401)
    }

    /// Issue 24 on the page: the 问题 counts are 问题清单's, a blank form is 原样退回, a unit's 完成率 is
    /// status's, the lights add 未报送, a value the unit typed and the merge could not use shows as
    /// typed, and a refusal is said in Chinese on a page with the menu.
    func testThePageShowsWhatTheLedgerSays() throws {
        try tool(["init", Repository.seed.path])
        try tool(["round", "open", "R1", "--due", "2020-04-10"])
        func outbox(_ round: String) -> URL { workspace.appendingPathComponent("rounds/\(round)/outbox") }
        func fillAll(_ round: String, _ units: [String], number: Int, date: String, into name: String) throws -> URL {
            let chosen = folder.appendingPathComponent("chosen-\(name)"), filled = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: chosen, withIntermediateDirectories: true)
            for unit in units {
                try FileManager.default.copyItem(at: outbox(round).appendingPathComponent("\(unit).xlsx"), to: chosen.appendingPathComponent("\(unit).xlsx"))
            }
            XCTAssertEqual(try runPython("fill_workbooks.py", [chosen.path, filled.path, String(number), date]).status, 0)
            return filled
        }
        try tool(["collect", try fillAll("R1", ["商务局", "工信局", "财政局"], number: 1, date: "2020-04-08", into: "r1").path])
        try tool(["round", "close"])
        try tool(["round", "open", "R2", "--due", "2020-07-10"])
        let r2 = try fillAll("R2", ["工信局"], number: 1, date: "2020-04-08", into: "r2")     // last round's again: warnings
        try FileManager.default.copyItem(at: outbox("R2").appendingPathComponent("商务局.xlsx"), to: r2.appendingPathComponent("商务局.xlsx"))
        let typed = try runPython("fill_values.py", [outbox("R2").appendingPathComponent("财政局.xlsx").path, r2.appendingPathComponent("财政局.xlsx").path,
                                                    #"{"1-002": {"进展情况": "推进中", "完成进度（%）": "约90%", "推进状态": "序时推进"}}"#, "2020-07-08"])
        XCTAssertEqual(typed.status, 0, typed.stderr)
        try tool(["collect", r2.path])
        let status = try tool(["status"])
        let report = folder.appendingPathComponent("汇总.xlsx")
        try tool(["report", "-o", report.path])
        let listed = try XCTUnwrap(try Openpyxl.inspect(report).sheet("问题清单")).table.dropFirst().map { $0.map(\.text) }

        let address = try serve(["-w", workspace.path])
        let seen = try json(try runPython("web_pages.py", [address, "财政局", "R2"]))
        XCTAssertEqual(seen["errors"] as? Int, listed.filter { $0[1] == "错误" }.count, "问题 page and 问题清单: errors")
        XCTAssertEqual(seen["warnings"] as? Int, listed.filter { $0[1] == "警告" }.count, "问题 page and 问题清单: warnings")
        XCTAssertGreaterThan(seen["warnings"] as? Int ?? 0, 0, "the warnings against R1 are on the page")
        let board = try XCTUnwrap(seen["board"] as? [String: [String]])
        XCTAssertEqual(board["商务局"]?[2], "原样退回")
        let units = Dictionary(uniqueKeysWithValues: (status["units"] as! [[String: Any]]).map { ($0["name"] as! String, $0) })
        let completion = try XCTUnwrap(units["工信局"]?["completion"] as? Double)
        XCTAssertEqual(board["工信局"]?[5], String(format: "%.1f%%", completion * 100), "the unit's own 完成率, as status")
        let lights = try XCTUnwrap(status["lights"] as? [String: Int])
        XCTAssertTrue((seen["lights"] as? String ?? "").contains("未报送 \(lights["unreported"]!)"), "\(seen["lights"] ?? "")")
        XCTAssertTrue((seen["unit_page"] as? String ?? "").contains("约90%（无效，未采用）"), "what the unit typed, marked")
        let again = try XCTUnwrap(seen["open_again"] as? [String: Any])
        XCTAssertEqual(again["status"] as? Int, 400)
        XCTAssertTrue((again["text"] as? String ?? "").contains("“R2”尚未结束，请先结束本期"), "said in Chinese: \(again)")
        XCTAssertEqual(again["navigation"] as? Bool, true, "the error page has the menu")
    }
}
