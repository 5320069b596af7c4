import Foundation
import XCTest

@testable import MailReader

/// The reading side on what mail clients really write, beyond what Python's writer makes
/// (those are in CommandLineTests/MailRepliesTests).
final class MailReaderTests: XCTestCase {
    private func message(_ lines: [String]) -> MailMessage { MailMessage.parse(Array(lines.joined(separator: "\r\n").utf8)) }

    func testRFC2231ContinuationsMixEncodedAndPlainSegmentsInTheFirstSegmentsCharset() {
        let gbk: [UInt8] = [178, 198, 213, 254, 190, 214, 177, 168, 203, 205, 178, 196, 193, 207, 46, 120, 108, 115, 120]  // 财政局报送材料.xlsx in GBK
        let encoded = gbk.map { String(format: "%%%02X", $0) }.joined()
        let cut = encoded.index(encoded.startIndex, offsetBy: 18)  // between two whole %XX
        let parameters = HeaderParameters("attachment; filename*1*=\(encoded[cut...]); filename*0*=gbk'zh'\(encoded[..<cut]); size=12")
        XCTAssertEqual(parameters.value, "attachment")
        XCTAssertEqual(parameters["filename"], "财政局报送材料.xlsx", "segments put in order, bytes joined before decoding")
        XCTAssertEqual(parameters["size"], "12")
        let plain = HeaderParameters(#"application/octet-stream; name*0="report "; name*1="of; Q2.xlsx""#)
        XCTAssertEqual(plain["name"], "report of; Q2.xlsx", "quoted plain continuations, a ; inside quotes")
    }

    func testEncodedWordsSplitInsideACharacterAreJoinedFirst() {
        let bytes = Array("发改委".utf8)  // 9 bytes: cut after 4, inside 改
        let first = Data(bytes[..<4]).base64EncodedString(), second = Data(bytes[4...]).base64EncodedString()
        XCTAssertEqual(EncodedWords.decode("=?UTF-8?B?\(first)?=\r\n =?UTF-8?B?\(second)?= 报送"), "发改委 报送")
        XCTAssertEqual(EncodedWords.decode("=?gb2312?Q?=B2=C6=D5=FE=BE=D6?= and =?utf-8?q?a_b?="), "财政局 and a b")
        XCTAssertEqual(EncodedWords.decode("no words =? here"), "no words =? here")
    }

    func testNestedPartsQuotedPrintableAndAForwardedMessage() {
        let csv = "编号,进展\r\n1-001,已完成"
        let qp = Array(csv.utf8).map { $0 < 0x80 && $0 != UInt8(ascii: "=") ? String(UnicodeScalar($0)) : String(format: "=%02X", $0) }.joined()
        let folded = qp.prefix(40) + "=\r\n" + qp.dropFirst(40)  // a soft line break
        let parsed = message([
            "From: =?UTF-8?B?\(Data("督查室".utf8).base64EncodedString())?= <DuCha@Example.gov.cn>",
            "Date: Tue, 30 Jun 2020 09:00:00 +0800 (CST)",
            "Message-ID: <a1@example>", "In-Reply-To: <n1@office>", "References: <n0@office> <n1@office>",
            "Subject: =?UTF-8?B?\(Data("回复：报送".utf8).base64EncodedString())?=",
            "Content-Type: multipart/mixed; boundary=outer", "",
            "preamble", "--outer",
            "Content-Type: multipart/alternative; boundary=\"inner\"", "",
            "--inner", "Content-Type: text/plain", "", "body", "--inner", "Content-Type: text/html", "", "<p>body</p>", "--inner--",
            "--outer",
            "Content-Type: text/csv; charset=utf-8; name=\"a.csv\"", "Content-Transfer-Encoding: quoted-printable", "",
            String(folded),
            "--outer",
            "Content-Type: message/rfc822", "",
            "From: x@y", "Content-Type: multipart/mixed; boundary=fw", "",
            "--fw", "Content-Type: application/octet-stream", "Content-Disposition: attachment; filename=b.xlsx",
            "Content-Transfer-Encoding: base64", "", "UEsDBA", "==", "--fw--",
            "--outer--", "epilogue",
        ])
        XCTAssertEqual(parsed.fromAddress, "ducha@example.gov.cn")
        XCTAssertEqual(parsed.fromName, "督查室")
        XCTAssertEqual(parsed.subject, "回复：报送")
        XCTAssertEqual(parsed.messageID, "<a1@example>")
        XCTAssertEqual(parsed.answers, ["<n1@office>", "<n0@office>", "<n1@office>"])
        XCTAssertEqual(parsed.date, Date(timeIntervalSince1970: 1_593_478_800))
        XCTAssertEqual(parsed.attachments.map(\.name), ["a.csv", "b.xlsx"], "the text parts are the message's own")
        XCTAssertEqual(String(decoding: parsed.attachments[0].data, as: UTF8.self), csv)
        XCTAssertEqual(parsed.attachments[1].data, [0x50, 0x4B, 0x03, 0x04])
        XCTAssertEqual(parsed.attachments.map(\.forwarded), [false, true])
    }

    func testDatesAsClientsWriteThem() {
        let expected = Date(timeIntervalSince1970: 1_593_478_800)
        for text in ["Tue, 30 Jun 2020 09:00:00 +0800", "30 Jun 2020 09:00 +0800", "Tue, 30 Jun 20 01:00:00 GMT", "Tue, 30 Jun 2020 09:00:00 CST"] {
            XCTAssertEqual(MailDate.parse(text), expected, text)
        }
        XCTAssertNil(MailDate.parse("yesterday"))
    }

    func testMboxSplitsAtFromLinesAndUndoesOneQuote() {
        let box = ["From a@b Tue Jun 30 09:00:00 2020", "From: a@b", "Subject: one", "", ">From the office", ">>From quoted", "",
                   "From c@d Tue Jun 30 10:00:00 2020", "From: c@d", "Subject: two", "", "text", "From after text is not a start", ""]
            .joined(separator: "\n")
        let messages = MboxFile.messages(Array(box.utf8)).map { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(messages.count, 2)
        XCTAssertEqual(messages[0], "From: a@b\nSubject: one\n\nFrom the office\n>From quoted\n")
        XCTAssertTrue(messages[1].hasSuffix("text\nFrom after text is not a start"), messages[1])
    }

    func testAMessageWithoutABoundaryOrAttachmentsHasNone() {
        XCTAssertEqual(message(["From: a@b", "Content-Type: multipart/mixed", "", "text"]).attachments.count, 0)
        XCTAssertEqual(message(["From: a@b", "Subject: hi", "", "just text"]).attachments.count, 0)
        XCTAssertThrowsError(try OutlookMessage.parse(Array(repeating: 0, count: 600)))
    }
}
