import Foundation

/// RFC 2047 encoded-words (`=?GBK?B?…?=`) in header text decoded. Words next to each other
/// are joined byte-wise before decoding when they share a charset: encoders that cut a Chinese
/// character between two words (many do) still give the whole character back.
enum EncodedWords {
    static func decode(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        var out = ""
        var pending: (charset: String, bytes: [UInt8])? = nil
        var gap = ""  // whitespace after a word: dropped if another word follows
        func flush() {
            if let word = pending { out += Charset.decode(word.bytes, label: word.charset) }
            pending = nil
        }
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let (charset, bytes, after) = word(at: rest) {
                if let current = pending, current.charset == charset {
                    pending!.bytes += bytes
                } else {
                    flush()
                    pending = (charset, bytes)
                }
                gap = ""
                rest = after
                continue
            }
            let character = rest.first!
            if pending != nil && character.isWhitespace {
                gap.append(character)
            } else {
                flush()
                out += gap
                gap = ""
                out.append(character)
            }
            rest = rest.dropFirst()
        }
        flush()
        return out + gap
    }

    /// `=?charset[*language]?B|Q?text?=` at the start of `text`.
    private static func word(at text: Substring) -> (String, [UInt8], Substring)? {
        let body = text.dropFirst(2)
        guard let first = body.firstIndex(of: "?") else { return nil }
        let encoding = body[body.index(after: first)...]
        guard encoding.count > 2, encoding.dropFirst().first == "?" else { return nil }
        let payload = encoding.dropFirst(2)
        guard let end = payload.range(of: "?=") else { return nil }
        let charset = String(body[..<first].split(separator: "*").first ?? "").lowercased()
        let data = Array(payload[..<end.lowerBound].utf8)
        guard !charset.isEmpty, !payload[..<end.lowerBound].contains(" ") else { return nil }
        let bytes: [UInt8]
        switch encoding.first! {
        case "B", "b": bytes = TransferEncoding.base64(data)
        case "Q", "q": bytes = TransferEncoding.quotedPrintable(data[...], underscoreIsSpace: true)
        default: return nil
        }
        return (charset, bytes, payload[end.upperBound...])
    }
}
