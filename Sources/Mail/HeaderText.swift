import Foundation

/// Header text that mail clients show correctly: ASCII only (raw UTF-8 in a header needs
/// SMTPUTF8 and bounces on older servers), non-ASCII as RFC 2047 B encoded-words of at most 75
/// characters, each line of the field at most 76, never splitting a UTF-8 sequence.
public enum HeaderText {
    /// "Subject: =?UTF-8?B?…?=\r\n =?UTF-8?B?…?=" for `value` under `name`; plain when it is
    /// printable ASCII that fits. No line ending at the end.
    public static func field(_ name: String, _ value: String) throws -> String {
        try checkNoLineBreak(value, in: name)
        let prefix = name + ": "
        if isPlainASCII(value) && prefix.count + value.count <= 76 { return prefix + value }
        if isPlainASCII(value) { return prefix + fold(value, first: prefix.count) }
        return prefix + encodedWords(value, firstLineUsed: prefix.count).joined(separator: "\r\n ")
    }

    /// The value's encoded-words, the first one short enough to follow `firstLineUsed`
    /// characters on its line, the others each on a line of its own after one space.
    public static func encodedWords(_ value: String, firstLineUsed: Int) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        // "=?UTF-8?B?" + base64 + "?=": 12 characters around the base64, which is 4 per 3 bytes.
        func capacity(_ used: Int) -> Int { max(3, (min(75, 76 - used) - 12) / 4 * 3) }
        var limit = capacity(firstLineUsed)
        for scalar in value.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > limit {
                words.append(word(chunk))
                chunk = []
                limit = capacity(1)
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?=" }

    /// ASCII text folded at spaces so that lines stay near 76 characters.
    static func fold(_ value: String, first: Int) -> String {
        var lines: [String] = [], line = "", used = first
        for part in value.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && used + line.count + 1 + part.count > 76 {
                lines.append(line)
                line = String(part)
                used = 0
            } else {
                line += (line.isEmpty ? "" : " ") + part
            }
        }
        lines.append(line)
        return lines.joined(separator: "\r\n ")
    }

    public static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// CR or LF in a header value would start a header of its own (header injection).
    public static func checkNoLineBreak(_ value: String, in field: String) throws {
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0.value == 0 }) {
            throw MailError("\(field): a line break in the value (refused: it could inject a header)")
        }
    }

    /// RFC 2231 `filename*=UTF-8''…`: every byte outside the attribute characters percent-encoded.
    public static func extendedValue(_ value: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        return "UTF-8''" + value.utf8.map { allowed.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
    }
}

public struct MailError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
