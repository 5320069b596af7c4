import Foundation
import Mail
import XCTest

/// Encoded-words as RFC 2047 bounds them, whatever the text: ASCII lines of at most 76
/// characters, words of at most 75, each word's bytes whole UTF-8, the text back exactly.
final class HeaderTextTests: XCTestCase {
    /// Decodes "=?UTF-8?B?…?=" words joined by folding, as a reader does (failing on a split sequence).
    func decode(_ field: String) throws -> String {
        let value = field.split(separator: ":", maxSplits: 1).dropFirst().joined().trimmingCharacters(in: .whitespaces)
        var text = ""
        for word in value.components(separatedBy: "\r\n ") {
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { text += word; continue }
            let data = try XCTUnwrap(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            text += try XCTUnwrap(String(data: data, encoding: .utf8), "a word ends inside a UTF-8 sequence: \(word)")
        }
        return text
    }

    func testLongChineseAndFourByteTextStaysWithinTheLimits() throws {
        let subjects = [
            "【请填报】太政发〔2020〕9号任务推进情况（2020年第二季度）——市场监督管理局高新区分局",
            String(repeating: "𠀀督查", count: 40),  // four-byte characters among three-byte ones
            "Re: 进度", "短",
        ]
        for subject in subjects {
            let field = try HeaderText.field("Subject", subject)
            for line in field.components(separatedBy: "\r\n") {
                XCTAssertLessThanOrEqual(line.count, 76, line)
                XCTAssertTrue(line.utf8.allSatisfy { $0 < 0x80 }, "ASCII: \(line)")
            }
            for word in field.components(separatedBy: CharacterSet(charactersIn: " \r\n")) where word.hasPrefix("=?") {
                XCTAssertLessThanOrEqual(word.count, 75, word)
            }
            XCTAssertEqual(try decode(field), subject)
        }
        XCTAssertEqual(try HeaderText.field("Subject", "Progress report"), "Subject: Progress report")
    }

    func testLineBreaksAreRefused() {
        XCTAssertThrowsError(try HeaderText.field("Subject", "进度\r\nBcc: x@evil.example"))
        XCTAssertThrowsError(try HeaderText.field("Subject", "a\nb"))
    }

    func testAddressesAndAttachmentNames() throws {
        guard case .success(let list) = MailAddress.list("a@b.cn；c.d@e.gov.cn, a@b.cn") else { return XCTFail("a valid list") }
        XCTAssertEqual(list.map(\.address), ["a@b.cn", "c.d@e.gov.cn"], "split on ；, and duplicates dropped")
        for bad in ["a@b", "a＠b.cn", "@b.cn", "a b@c.cn", "a@-b.cn", "a..b@c.cn"] {
            if case .success = MailAddress.check(bad) { XCTFail("\(bad) is not an address") }
        }
        XCTAssertEqual(HeaderText.extendedValue("发改委-2020.xlsx"), "UTF-8''%E5%8F%91%E6%94%B9%E5%A7%94-2020.xlsx")
    }
}
