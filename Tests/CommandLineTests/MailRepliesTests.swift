import Foundation
import TestSupport
import XCTest

/// Replies in: mail made by Python's `email` package and an Outlook .msg made by
/// independentsoft-msg (read back by extract-msg), collected into a round as the clerk saves them.
final class MailRepliesTests: WorkspaceTestCase {
    let period = "2020年第二季度"

    /// The round, the contacts and the notices: unit → (its address, our Message-ID).
    private func openRoundWithNotices(extra: String = "{}") throws -> [(unit: String, address: String, messageID: String)] {
        try tool(["init", Repository.seed.path])
        try tool(["round", "open", period, "--due", "2020-07-10"])
        let template = folder.appendingPathComponent("联系人.xlsx"), filled = folder.appendingPathComponent("联系人-已填.xlsx")
        try tool(["contacts", "template", "-o", template.path])
        let fill = try runPython("fill_contacts.py", [template.path, filled.path, extra])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        try tool(["contacts", "import", filled.path])
        let messages = try XCTUnwrap(try tool(["mail", "--from", "ducha@example.gov.cn"])["messages"] as? [[String: Any]])
        return messages.map { ($0["unit"] as! String, ($0["to"] as! [String]).first ?? "", $0["messageID"] as! String) }
    }

    private func fillWorkbooks() throws -> URL {
        let filled = folder.appendingPathComponent("filled")
        let result = try runPython("fill_workbooks.py", [workspace.appendingPathComponent("rounds/\(period)/outbox").path, filled.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return filled
    }

    /// Writes the mails (make_replies.py); what Python's own reader decodes as each file's attachment names.
    private func makeReplies(_ specs: [[String: Any]]) throws -> [String: [String]] {
        let spec = folder.appendingPathComponent("replies.json")
        try JSONSerialization.data(withJSONObject: specs).write(to: spec)
        let result = try runProgram("/bin/sh", ["-c", "python3 '\(Repository.root.path)/Tests/Helpers/make_replies.py' < '\(spec.path)'"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String]])
    }

    private func sha256(_ file: URL) throws -> String {
        String(try runProgram("/usr/bin/env", ["sha256sum", file.path]).stdout.prefix(64))
    }

    func testRepliesOfEveryKindAreCollectedWithTheirSender() throws {
        let notices = try openRoundWithNotices()
        let filled = try fillWorkbooks()
        let mail = folder.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mail, withIntermediateDirectories: true)
        let u = notices.map(\.unit)
        func book(_ index: Int) -> String { filled.appendingPathComponent("\(u[index]).xlsx").path }
        func out(_ name: String) -> String { mail.appendingPathComponent(name).path }
        func from(_ index: Int) -> String { "\(u[index])办公室 <\(notices[index].address)>" }
        let longName = "\(u[0])关于太政发〔2020〕9号文件重点工作任务第二季度推进情况的报送材料（请审阅）.xlsx"
        let pdf = folder.appendingPathComponent("扫描件.pdf")
        try Data("%PDF-1.4\n%\u{00e2}\n".utf8).write(to: pdf)
        let specs: [[String: Any]] = [
            // A reply to our notice; a long UTF-8 name, which Python writes as RFC 2231 continuations.
            ["kind": "eml", "out": out("回复1.eml"), "from": from(0), "in_reply_to": notices[0].messageID,
             "attachments": [["path": book(0), "name": longName]]],
            // GBK names as Outlook and Foxmail write them: an RFC 2047 word inside the quotes.
            ["kind": "eml", "out": out("回复2.eml"), "from": from(1), "attachments": [["path": book(1), "name": "\(u[1])报送.xlsx", "style": "rfc2047", "charset": "gbk"]]],
            // RFC 2231 in GBK, quoted-printable.
            ["kind": "eml", "out": out("回复3.eml"), "from": from(2),
             "attachments": [["path": book(2), "name": "\(u[2])进展.xlsx", "charset": "gbk", "cte": "quoted-printable"]]],
            // Forwarded by someone the office does not know: the unit's workbook inside message/rfc822.
            ["kind": "eml", "out": out("转发.eml"), "forward": true, "from": from(3), "attachments": [["path": book(3), "name": "\(u[3]).xlsx"]]],
            // An mbox of three; one name tries to climb out of the folder.
            ["kind": "mbox", "out": out("导出.mbox"), "messages": [
                ["from": from(4), "attachments": [["path": book(4), "name": "\(u[4]).xlsx"]]],
                ["from": from(5), "in_reply_to": notices[5].messageID, "attachments": [["path": book(5), "name": "\(u[5])二季度.xlsx"]]],
                ["from": from(6), "attachments": [["path": book(6), "name": "../../\(u[6])-逃逸.xlsx"]]],
            ]],
            ["kind": "msg", "out": out("回复7.msg"), "from": from(7), "attachments": [["path": book(7), "name": "\(u[7])二季度报送.xlsx"]]],
            // Nothing in a CSV names its unit: the sender's address does, or the notice it answers.
            ["kind": "eml", "out": out("回复8.eml"), "from": from(8), "attachments": [["csv_from": book(8), "name": "进展情况.csv"]]],
            ["kind": "eml", "out": out("回复9.eml"), "from": "某人 <someone@example.com>", "in_reply_to": notices[9].messageID,
             "attachments": [["csv_from": book(9), "name": "进展情况.csv", "style": "rfc2047", "charset": "gbk"]]],
            // A scan instead of the workbook.
            ["kind": "eml", "out": out("回复10.eml"), "from": from(10), "attachments": [["path": pdf.path, "name": "扫描件.pdf"]]],
            // One unit's address sending another unit's workbook.
            ["kind": "eml", "out": out("代报.eml"), "from": from(0), "attachments": [["path": book(11), "name": "\(u[11]).xlsx"]]],
        ]
        let decoded = try makeReplies(specs)
        let inputs = try FileManager.default.contentsOfDirectory(atPath: mail.path).sorted()
        let before = try inputs.map { try sha256(mail.appendingPathComponent($0)) }

        let collected = try tool(["collect", mail.path])
        let files = Dictionary(uniqueKeysWithValues: try XCTUnwrap(collected["files"] as? [[String: Any]]).map { ($0["path"] as! String, $0) })
        func attachment(_ mailName: String, _ index: Int, named name: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
            let shown = decoded[out(mailName)]![index]
            let path = "\(mailName)/\(name ?? shown)"
            return try XCTUnwrap(files[path], "\(path) not in \(files.keys.sorted())", file: file, line: line)
        }
        func accepted(_ entry: [String: Any], _ unit: Int, by how: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(entry["status"] as? String, "accepted", "\(entry)", file: file, line: line)
            XCTAssertEqual(entry["unit"] as? String, u[unit], file: file, line: line)
            if let how { XCTAssertEqual(entry["identifiedBy"] as? String, how, file: file, line: line) }
        }
        // Names decode exactly as Python's reader decodes them.
        XCTAssertEqual(decoded[out("回复1.eml")], [longName])
        accepted(try attachment("回复1.eml", 0), 0, by: "properties")
        accepted(try attachment("回复2.eml", 0), 1)
        XCTAssertEqual(decoded[out("回复2.eml")], ["\(u[1])报送.xlsx"])
        accepted(try attachment("回复3.eml", 0), 2)
        XCTAssertEqual(decoded[out("回复3.eml")], ["\(u[2])进展.xlsx"])
        accepted(try attachment("转发.eml", 0), 3)
        accepted(try XCTUnwrap(files["导出.mbox/1.eml/\(u[4]).xlsx"]), 4)
        accepted(try XCTUnwrap(files["导出.mbox/2.eml/\(u[5])二季度.xlsx"]), 5)
        accepted(try XCTUnwrap(files["导出.mbox/3.eml/\(u[6])-逃逸.xlsx"], "the path is dropped, the name kept"), 6)
        XCTAssertEqual(decoded[out("导出.mbox")]?.last, "../../\(u[6])-逃逸.xlsx")
        XCTAssertEqual(files["导出.mbox"]?["status"] as? String, "unpacked")
        // The .msg: our reader and extract-msg agree on the name.
        XCTAssertEqual(decoded[out("回复7.msg")], ["\(u[7])二季度报送.xlsx"])
        accepted(try attachment("回复7.msg", 0), 7)
        accepted(try attachment("回复8.eml", 0), 8, by: "sender")
        accepted(try attachment("回复9.eml", 0), 9, by: "reply")

        // Each mail keeps who sent it and when; a reply to our notice names its round.
        let first = try XCTUnwrap(files["回复1.eml"]?["mail"] as? [String: Any])
        XCTAssertEqual(first["fromAddress"] as? String, notices[0].address)
        XCTAssertEqual(first["fromName"] as? String, "\(u[0])办公室")
        XCTAssertEqual(first["answersRound"] as? String, period)
        XCTAssertNotNil(first["date"])
        XCTAssertEqual((try attachment("回复1.eml", 0)["mail"] as? [String: Any])?["messageID"] as? String, first["messageID"] as? String)
        XCTAssertEqual((files["转发.eml"]?["mail"] as? [String: Any])?["fromAddress"] as? String, "forward@example.cn",
                       "a forwarded reply came from the one who forwarded it")

        // A mail with no workbook is a rejected file that says so; the others are used.
        let scan = try XCTUnwrap(files["回复10.eml"])
        XCTAssertEqual(scan["status"] as? String, "rejected")
        let reason = (scan["problems"] as? [[String: Any]])?.first
        XCTAssertTrue((reason?["message"] as? String ?? "").contains("no spreadsheet attached"), "\(scan)")
        XCTAssertTrue((reason?["chinese"] as? String ?? "").contains("扫描件.pdf"), "\(scan)")
        // The workbook names its unit; the sender's address is another's: used, with a warning.
        let forOther = try attachment("代报.eml", 0)
        accepted(forOther, 11, by: "properties")
        let warning = try XCTUnwrap((forOther["problems"] as? [[String: Any]])?.first { $0["kind"] as? String == "other-sender" }, "\(forOther)")
        XCTAssertEqual(warning["level"] as? String, "warning")

        let missing = Set(collected["missing"] as? [String] ?? [])
        for index in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11] { XCTAssertFalse(missing.contains(u[index]), u[index]) }
        XCTAssertTrue(missing.contains(u[10]))
        // Inputs untouched; nothing escaped into the folder.
        XCTAssertEqual(try inputs.map { try sha256(mail.appendingPathComponent($0)) }, before)
        let escaped = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.contains("逃逸") }
        XCTAssertEqual(escaped, [], "an attachment is never written under its own path")
        // The same mailbox again is a duplicate, read no further.
        let again = try tool(["collect", mail.appendingPathComponent("导出.mbox").path])
        XCTAssertEqual((again["files"] as? [[String: Any]])?.map { $0["status"] as? String }, ["duplicate"])

        // The report's 收文清单 says where each file came from.
        let report = folder.appendingPathComponent("汇总.xlsx")
        try tool(["report", "-o", report.path])
        let rows = try XCTUnwrap(try Openpyxl.inspect(report).sheet("收文清单")).table.map { $0.map(\.text) }
        let header = try XCTUnwrap(rows.first { $0.contains("来源邮件") })
        let source = try XCTUnwrap(header.firstIndex(of: "来源邮件")), path = try XCTUnwrap(header.firstIndex(of: "文件"))
        let listed = try XCTUnwrap(rows.first { $0.count > path && $0[path] == "回复8.eml/进展情况.csv" })
        XCTAssertTrue(listed[source].contains(notices[8].address), "\(listed)")
    }

    /// A reply to the notice of a closed round, collected into the next: used, with a warning.
    func testAReplyToAnEarlierRoundsNoticeIsNamed() throws {
        let notices = try openRoundWithNotices()
        try tool(["round", "close", period, "--force"])
        try tool(["round", "open", "2020年第三季度", "--due", "2020-10-10"])
        let next = folder.appendingPathComponent("next")
        let result = try runPython("fill_workbooks.py", [workspace.appendingPathComponent("rounds/2020年第三季度/outbox").path, next.path, "1", "2020-09-30"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let reply = folder.appendingPathComponent("迟复.eml")
        _ = try makeReplies([["kind": "eml", "out": reply.path, "from": "x <\(notices[0].address)>", "in_reply_to": notices[0].messageID,
                              "attachments": [["path": next.appendingPathComponent("\(notices[0].unit).xlsx").path, "name": "\(notices[0].unit).xlsx"]]]])
        let files = try XCTUnwrap(try tool(["collect", reply.path])["files"] as? [[String: Any]])
        let attached = try XCTUnwrap(files.first { ($0["path"] as? String ?? "").hasSuffix("迟复.eml/\(notices[0].unit).xlsx") }, "\(files)")
        XCTAssertEqual(attached["status"] as? String, "accepted")
        let kinds = (attached["problems"] as? [[String: Any]] ?? []).map { $0["kind"] as? String }
        XCTAssertTrue(kinds.contains("other-round-reply"), "\(kinds)")
    }
}
