import Foundation
import TestSupport
import XCTest

/// The messages out, read back by Python's own `email` parser: a draft per unit of the seed with
/// its workbook attached, Chinese subject and attachment name decoded exactly, ASCII headers.
final class MailDraftTests: WorkspaceTestCase {
    let period = "2020年第二季度"

    private func parse(_ files: [URL]) throws -> [String: [String: Any]] {
        let parsed = try runPython("parse_eml.py", files.map(\.path))
        XCTAssertEqual(parsed.status, 0, parsed.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: [String: Any]])
    }

    private func sha256(_ file: URL) throws -> String {
        let result = try runProgram("/usr/bin/env", ["sha256sum", file.path])
        return String(result.stdout.prefix(64))
    }

    func testADraftPerUnitReadsBackInPythonsEmailPackage() throws {
        try tool(["init", Repository.seed.path])
        try tool(["round", "open", period, "--due", "2020-07-10"])
        let template = folder.appendingPathComponent("联系人.xlsx"), filled = folder.appendingPathComponent("联系人-已填.xlsx")
        try tool(["contacts", "template", "-o", template.path])
        // A clerk's row for 关工委 without an address: its draft goes without To.
        let fill = try runPython("fill_contacts.py", [template.path, filled.path, #"{"关工委": {"邮箱": ""}}"#])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        let imported = try tool(["contacts", "import", filled.path])
        XCTAssertEqual(imported["contacts"] as? Int, 53)
        XCTAssertEqual(imported["withoutAddress"] as? [String], ["关工委"])

        let written = try tool(["mail", "--from", "ducha@example.gov.cn", "--contact", "督查室 张三 0512-53500000"])
        let messages = try XCTUnwrap(written["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.count, 53)
        XCTAssertEqual(written["withoutAddress"] as? [String], ["关工委"])
        let files = messages.map { workspace.appendingPathComponent($0["path"] as! String) }
        let parsed = try parse(files)
        let outbox = workspace.appendingPathComponent("rounds/\(period)/outbox")
        for (message, file) in zip(messages, files) {
            let unit = try XCTUnwrap(message["unit"] as? String)
            let eml = try XCTUnwrap(parsed[file.path], unit)
            XCTAssertEqual(eml["subject"] as? String, "【请填报】太政发〔2020〕9号任务推进情况（\(period)）——\(unit)")
            XCTAssertEqual(eml["x_unsent"] as? String, "1")
            XCTAssertEqual(eml["ascii"] as? Bool, true, "\(unit): headers in ASCII")
            XCTAssertLessThanOrEqual(eml["longest_line"] as? Int ?? 999, 998)
            XCTAssertEqual(eml["bare_lf"] as? Bool, false, "CRLF line ends")
            XCTAssertEqual(eml["from"] as? String, "ducha@example.gov.cn")
            XCTAssertEqual(eml["message_id"] as? String, message["messageID"] as? String)
            let attachment = try XCTUnwrap((eml["attachments"] as? [[String: Any]])?.first, unit)
            XCTAssertEqual(attachment["name"] as? String, "\(unit)-\(period).xlsx", "filename*= decodes to the exact name")
            XCTAssertEqual(attachment["name_param"] as? String, "\(unit)-\(period).xlsx", "and so does Outlook's name=")
            XCTAssertEqual(attachment["sha256"] as? String, try sha256(outbox.appendingPathComponent("\(unit).xlsx")), "\(unit): the workbook, byte for byte")
            let body = try XCTUnwrap(eml["body"] as? String)
            XCTAssertTrue(body.contains("本单位") && body.contains("报送截止时间：2020年7月10日") && body.contains("联系人：督查室 张三 0512-53500000"), body)
            XCTAssertTrue(body.contains("\(unit)-\(period).xlsx"), body)
            if unit == "关工委" {
                XCTAssertEqual(eml["to"] as? String, "")
            } else {
                XCTAssertTrue((eml["to"] as? String ?? "").contains("@example.gov.cn"), "\(unit): \(eml["to"] ?? "")")
            }
        }
        // The second unit: two addresses and a 抄送; its 联系人 by name.
        let second = try XCTUnwrap(parsed[files[1].path])
        XCTAssertEqual(second["to"] as? String, "联系人2 <a2@example.gov.cn>, 联系人2 <b2@example.gov.cn>")
        XCTAssertEqual(second["cc"] as? String, "leader@example.gov.cn")
        XCTAssertTrue((second["body"] as? String ?? "").hasPrefix("联系人2同志：您好！"))

        // Reminders: only the units with no accepted file, firmer after the due date.
        let returned = folder.appendingPathComponent("returned")
        let filledBooks = try runPython("fill_workbooks.py", [outbox.path, returned.path])
        XCTAssertEqual(filledBooks.status, 0, filledBooks.stderr)
        for name in try FileManager.default.contentsOfDirectory(atPath: returned.path) where name != "发改委.xlsx" && name != "财政局.xlsx" {
            try FileManager.default.removeItem(at: returned.appendingPathComponent(name))
        }
        try tool(["collect", returned.path])
        let reminders = try XCTUnwrap(try tool(["mail", "--late", "--today", "2020-07-12"])["messages"] as? [[String: Any]])
        XCTAssertEqual(reminders.count, 51)
        XCTAssertFalse(reminders.contains { ["发改委", "财政局"].contains($0["unit"] as? String ?? "") })
        let reminder = try parse([workspace.appendingPathComponent(reminders[0]["path"] as! String)]).values.first!
        XCTAssertTrue((reminder["subject"] as? String ?? "").hasPrefix("【逾期催报】"), "\(reminder["subject"] ?? "")")
        let early = try XCTUnwrap(try tool(["mail", "--late", "--today", "2020-07-01", "-o", folder.appendingPathComponent("提醒").path])["messages"] as? [[String: Any]])
        let gentle = try parse([URL(fileURLWithPath: early[0]["path"] as! String)]).values.first!
        XCTAssertTrue((gentle["subject"] as? String ?? "").hasPrefix("【催报】"))
    }

    /// Each draft has a kind; `--send` sends the invitations, `--late --send` the reminders, and a
    /// reminder to a unit that returned after it was written is dropped and said so. The office's
    /// sender (a display name too) and 联系人 are kept for every later draft.
    func testMailKindsGoWhereTheyShould() throws {
        try tool(["init", Repository.seed.path])
        try tool(["round", "open", period, "--due", "2020-07-10", "--contact", "市政府督查室 李四 0512-53520000"])
        let template = folder.appendingPathComponent("联系人.xlsx"), filled = folder.appendingPathComponent("联系人-已填.xlsx")
        try tool(["contacts", "template", "-o", template.path])
        XCTAssertEqual(try runPython("fill_contacts.py", [template.path, filled.path]).status, 0)
        try tool(["contacts", "import", filled.path])
        let invitations = try XCTUnwrap(try tool(["mail", "--from", "市政府督查室 <ducha@example.gov.cn>"])["messages"] as? [[String: Any]])
        XCTAssertEqual(Set(invitations.compactMap { $0["kind"] as? String }), ["invitation"])
        let draft = try XCTUnwrap(try parse([workspace.appendingPathComponent(invitations[0]["path"] as! String)]).values.first)
        XCTAssertEqual(draft["from"] as? String, "市政府督查室 <ducha@example.gov.cn>", "the display name, as Python decodes it")
        XCTAssertTrue((draft["body"] as? String ?? "").contains("市政府督查室 李四 0512-53520000"), "the contact given to round open")

        // 发改委 returns; reminders go to the other 52, then 财政局 returns too.
        let outbox = workspace.appendingPathComponent("rounds/\(period)/outbox")
        let returned = folder.appendingPathComponent("returned")
        XCTAssertEqual(try runPython("fill_workbooks.py", [outbox.path, returned.path]).status, 0)
        try tool(["collect", returned.appendingPathComponent("发改委.xlsx").path])
        let reminders = try XCTUnwrap(try tool(["mail", "--late", "--today", "2020-07-12"])["messages"] as? [[String: Any]])
        XCTAssertEqual(reminders.count, 52)
        XCTAssertEqual(Set(reminders.compactMap { $0["kind"] as? String }), ["reminder-overdue"])
        let reminder = try XCTUnwrap(try parse([workspace.appendingPathComponent(reminders[0]["path"] as! String)]).values.first)
        XCTAssertEqual(reminder["from"] as? String, "市政府督查室 <ducha@example.gov.cn>", "the sender is kept")
        XCTAssertTrue((reminder["body"] as? String ?? "").contains("0512-53520000"), "so is the contact")
        try tool(["collect", returned.appendingPathComponent("财政局.xlsx").path])

        let sendInvitations = try XCTUnwrap(try tool(["mail", "--send", "--dry-run"])["messages"] as? [[String: Any]])
        XCTAssertEqual(sendInvitations.count, 53)
        XCTAssertEqual(Set(sendInvitations.compactMap { $0["kind"] as? String }), ["invitation"], "--send sends only the invitations")
        let sendReminders = try XCTUnwrap(try tool(["mail", "--late", "--send", "--dry-run"])["messages"] as? [[String: Any]])
        XCTAssertEqual(sendReminders.filter { $0["status"] as? String == "would-send" }.count, 51)
        XCTAssertEqual(sendReminders.filter { $0["status"] as? String == "dropped" }.compactMap { $0["unit"] as? String }, ["财政局"])
        XCTAssertFalse(sendReminders.contains { $0["unit"] as? String == "发改委" })
        // The human output says kind, unit and address per message.
        let shown = try runTool(["mail", "--late", "--send", "--dry-run", "-w", workspace.path])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("reminder-overdue\t"), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("财政局") && shown.stdout.contains("dropped"), shown.stdout)
        // A draft deleted by hand: said in words, not a raw system error.
        try FileManager.default.removeItem(at: workspace.appendingPathComponent(reminders[1]["path"] as! String))
        let gone = try XCTUnwrap(try tool(["mail", "--late", "--send", "--dry-run"])["messages"] as? [[String: Any]])
        let missing = try XCTUnwrap(gone.first { $0["unit"] as? String == reminders[1]["unit"] as? String })
        XCTAssertEqual(missing["status"] as? String, "skipped")
        XCTAssertTrue((missing["reason"] as? String ?? "").contains("is gone"), "\(missing)")
    }

    func testBadAddressesAndLineBreaksAreRefusedNamingTheRow() throws {
        try tool(["init", Repository.seed.path])
        let template = folder.appendingPathComponent("联系人.xlsx"), filled = folder.appendingPathComponent("坏.xlsx")
        try tool(["contacts", "template", "-o", template.path])
        XCTAssertEqual(try runPython("fill_contacts.py", [template.path, filled.path, #"{"财政局": {"邮箱": "caizheng＠example"}}"#]).status, 0)
        let bad = try runTool(["contacts", "import", filled.path, "-w", workspace.path])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("row 3, 邮箱") && bad.stderr.contains("caizheng＠example"), bad.stderr)
        let injected = folder.appendingPathComponent("注入.xlsx")
        XCTAssertEqual(try runPython("fill_contacts.py", [template.path, injected.path, #"{"发改委": {"联系人": "张三\r\nBcc: x@evil.example"}}"#]).status, 0)
        let refused = try runTool(["contacts", "import", injected.path, "-w", workspace.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("line break"), refused.stderr)
    }
}

/// `mail --send` against a real SMTP server on 127.0.0.1 (aiosmtpd, STARTTLS required, AUTH, a
/// self-signed certificate): every message arrives once, also when a send is killed midway and run again.
final class MailSendTests: WorkspaceTestCase {
    var server: Process?
    override func tearDownWithError() throws {
        server?.terminate()
        server?.waitUntilExit()
        try super.tearDownWithError()
    }

    /// Starts the server; returns its port and the folder it saves messages in.
    private func startServer() throws -> (port: String, inbox: URL, ca: URL) {
        let cert = folder.appendingPathComponent("cert.pem"), key = folder.appendingPathComponent("key.pem")
        let made = try runProgram("/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", cert.path,
                                                   "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let portFile = folder.appendingPathComponent("port"), inbox = folder.appendingPathComponent("received")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.path("Tests/Helpers/smtp_server.py").path, cert.path, key.path, portFile.path, inbox.path,
                             "ducha@example.gov.cn", "授权码-secret"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        server = process
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: portFile.path) { Thread.sleep(forTimeInterval: 0.1) }
        return (try String(contentsOf: portFile, encoding: .utf8), inbox, cert)
    }

    private func send(_ port: String, ca: URL, interval: String = "0") throws -> Process {
        let process = Process()
        process.executableURL = Repository.tool
        process.arguments = ["mail", "--send", "--smtp", "smtp://127.0.0.1:\(port)", "--user", "ducha@example.gov.cn", "--ca-file", ca.path,
                             "--interval", interval, "-w", workspace.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["XLSX_TASKS_SMTP_PASSWORD": "授权码-secret"]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func received(_ inbox: URL) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: inbox.path)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.sorted().map { name in
            let text = try String(contentsOf: inbox.appendingPathComponent(name), encoding: .utf8)
            return String(text.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: ") }!.dropFirst(12))
        }
    }

    func testEveryMessageArrivesOnceEvenAfterAKilledSend() throws {
        try tool(["init", Repository.seed.path])
        try tool(["round", "open", "2020年第二季度", "--due", "2020-07-10"])
        let template = folder.appendingPathComponent("联系人.xlsx"), filled = folder.appendingPathComponent("联系人-已填.xlsx")
        try tool(["contacts", "template", "-o", template.path])
        XCTAssertEqual(try runPython("fill_contacts.py", [template.path, filled.path]).status, 0)
        try tool(["contacts", "import", filled.path])
        let written = try XCTUnwrap(try tool(["mail", "--from", "ducha@example.gov.cn"])["messages"] as? [[String: Any]])
        let ids = Set(written.compactMap { $0["messageID"] as? String })
        XCTAssertEqual(ids.count, 53)
        let dry = try tool(["mail", "--send", "--dry-run"])
        XCTAssertEqual((dry["messages"] as? [[String: Any]])?.filter { $0["status"] as? String == "would-send" }.count, 53)

        let (port, inbox, ca) = try startServer()
        // Killed after a few messages (a quarter second apart), then run again.
        let first = try send(port, ca: ca, interval: "0.25")
        for _ in 0..<100 where try received(inbox).count < 5 { Thread.sleep(forTimeInterval: 0.1) }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let before = try received(inbox).count
        XCTAssertGreaterThanOrEqual(before, 5)
        XCTAssertLessThan(before, 53, "killed midway")
        let second = try send(port, ca: ca)
        second.waitUntilExit()
        XCTAssertEqual(second.terminationStatus, 0)
        let arrived = try received(inbox)
        XCTAssertEqual(arrived.count, 53, "every message once (\(before) before the kill)")
        XCTAssertEqual(Set(arrived), ids)
        // Each over TLS, to the unit's addresses.
        let envelope = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: inbox.appendingPathComponent("0002.json"))) as? [String: Any])
        XCTAssertEqual(envelope["tls"] as? Bool, true)
        XCTAssertEqual(envelope["from"] as? String, "ducha@example.gov.cn")
        // Nothing left: a third run says so and sends nothing.
        let third = try runTool(["mail", "--send", "--dry-run", "-w", workspace.path])
        XCTAssertNotEqual(third.status, 0)
        XCTAssertTrue(third.stderr.contains("no message waiting"), third.stderr)
        XCTAssertEqual(try received(inbox).count, 53)
    }

    func testAWrongPasswordSendsNothingAndSaysWhy() throws {
        try tool(["init", Repository.seed.path])
        try tool(["round", "open", "2020年第二季度"])
        let template = folder.appendingPathComponent("联系人.xlsx"), filled = folder.appendingPathComponent("联系人-已填.xlsx")
        try tool(["contacts", "template", "-o", template.path])
        XCTAssertEqual(try runPython("fill_contacts.py", [template.path, filled.path]).status, 0)
        try tool(["contacts", "import", filled.path])
        try tool(["mail", "--from", "ducha@example.gov.cn"])
        let (port, inbox, ca) = try startServer()
        let result = try runProgram("/usr/bin/env", ["XLSX_TASKS_SMTP_PASSWORD=wrong", Repository.tool.path, "mail", "--send", "--smtp",
                                                     "smtp://127.0.0.1:\(port)", "--user", "ducha@example.gov.cn", "--ca-file", ca.path,
                                                     "--interval", "0", "-w", workspace.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("failed"), result.stdout)
        XCTAssertEqual(try received(inbox).count, 0)
        XCTAssertFalse(result.stdout.contains("wrong") || result.stderr.contains("wrong"), "the password is never printed")
    }
}
