import Foundation
import WorkbookIO

/// Text in the charset a message names. Chinese mail names GB2312 or GBK for text that is often
/// GB18030 (their superset), so every one of them is read as GB18030; a label a mail client got
/// wrong (UTF-8 that is not) falls back as a Chinese mail client would.
enum Charset {
    static func decode<Bytes: Collection>(_ bytes: Bytes, label: String?) -> String where Bytes.Element == UInt8 {
        let array = Array(bytes)
        let name = (label ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        switch name {
        case "gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "windows-936", "csgb2312":
            if let text = TextDecoding.convert(array, from: "GB18030") { return text }
        case "", "utf-8", "utf8", "us-ascii", "ascii", "unknown-8bit", "x-unknown":
            break
        default:
            if let text = TextDecoding.convert(array, from: name) { return text }
        }
        if let text = String(validating: array, as: UTF8.self) { return text }
        if let text = TextDecoding.convert(array, from: "GB18030") { return text }
        return String(decoding: array, as: UTF8.self)
    }
}
