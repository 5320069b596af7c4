import Foundation

/// A structured header (`Content-Type`, `Content-Disposition`) read as its value and parameters.
/// Names come in every form mail clients write: RFC 2231 (`filename*=UTF-8''%E5%8F…`, split into
/// `filename*0*=`, `filename*1*=` continuations), quoted RFC 2047 words (`name="=?GBK?B?…?="`,
/// Outlook and Foxmail) and raw 8-bit text.
struct HeaderParameters {
    /// The value before the first `;`, lower-cased (`multipart/mixed`, `attachment`).
    var value: String
    /// Parameter names lower-cased, values decoded.
    var parameters: [String: String]

    init(_ header: String) {
        var scanner = Substring(header)
        value = Self.token(&scanner, until: ";").trimmingCharacters(in: .whitespaces).lowercased()
        var plain: [String: String] = [:]
        // name → (segment number → (encoded, raw text)), for RFC 2231.
        var extended: [String: [Int: (Bool, String)]] = [:]
        while !scanner.isEmpty {
            if scanner.first == ";" { scanner = scanner.dropFirst() }
            let name = Self.token(&scanner, until: "=;").trimmingCharacters(in: .whitespaces).lowercased()
            guard scanner.first == "=" else { continue }
            scanner = scanner.dropFirst()
            while scanner.first == " " || scanner.first == "\t" { scanner = scanner.dropFirst() }
            let raw = scanner.first == "\"" ? Self.quoted(&scanner) : Self.token(&scanner, until: ";").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                let marks = name[name.index(after: star)...]
                let encoded = marks.hasSuffix("*") || marks.isEmpty
                let number = Int(marks.filter(\.isNumber)) ?? 0
                extended[base, default: [:]][number] = (encoded, raw)
            } else {
                plain[name] = EncodedWords.decode(raw)
            }
        }
        for (name, segments) in extended {
            var charset: String? = nil
            var bytes: [UInt8] = []
            for number in segments.keys.sorted() {
                let (encoded, raw) = segments[number]!
                var text = Substring(raw)
                if encoded && number == segments.keys.min() {
                    // charset'language'percent-encoded
                    let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if parts.count == 3 {
                        charset = String(parts[0])
                        text = parts[2]
                    }
                }
                bytes += encoded ? Self.percentDecoded(text) : Array(text.utf8)
            }
            plain[name] = Charset.decode(bytes, label: charset)
        }
        parameters = plain
    }

    subscript(name: String) -> String? { parameters[name] }

    private static func token(_ scanner: inout Substring, until stops: String) -> String {
        let end = scanner.firstIndex { stops.contains($0) } ?? scanner.endIndex
        defer { scanner = scanner[end...] }
        return String(scanner[..<end])
    }

    /// A quoted string, backslash escapes undone; the scanner left after its closing quote.
    private static func quoted(_ scanner: inout Substring) -> String {
        var out = ""
        var index = scanner.index(after: scanner.startIndex)
        while index < scanner.endIndex {
            let character = scanner[index]
            if character == "\\", scanner.index(after: index) < scanner.endIndex {
                index = scanner.index(after: index)
                out.append(scanner[index])
            } else if character == "\"" {
                index = scanner.index(after: index)
                break
            } else {
                out.append(character)
            }
            index = scanner.index(after: index)
        }
        scanner = scanner[index...]
        _ = token(&scanner, until: ";")
        return out
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = TransferEncoding.hex(bytes[index + 1]), let low = TransferEncoding.hex(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
