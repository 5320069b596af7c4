import Foundation

/// One MIME entity: its headers (unfolded) and the bytes of its body, still transfer-encoded.
struct MimeEntity {
    var headers: [(name: String, value: String)]
    var body: ArraySlice<UInt8>

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Headers end at the first empty line; a message with no empty line is all headers.
    /// Raw 8-bit header text (GBK from old clients) is read as a Chinese client would.
    init(_ bytes: ArraySlice<UInt8>) {
        var headers: [(String, String)] = []
        var current: [UInt8] = []
        var index = bytes.startIndex
        var bodyStart = bytes.endIndex
        func finish() {
            guard !current.isEmpty else { return }
            let line = Charset.decode(current, label: nil)
            if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
            current = []
        }
        while index < bytes.endIndex {
            let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var line = bytes[index..<end]
            if line.last == 0x0D { line = line.dropLast() }
            let next = end < bytes.endIndex ? bytes.index(after: end) : end
            if line.isEmpty {
                bodyStart = next
                break
            }
            if line.first == 0x20 || line.first == 0x09 {
                current += line  // a folded line: unfolding removes only the line break
            } else {
                finish()
                current = Array(line)
            }
            index = next
        }
        finish()
        self.headers = headers
        body = bytes[bodyStart...]
    }

    var contentType: HeaderParameters { HeaderParameters(header("Content-Type") ?? "text/plain") }

    /// The body with its transfer encoding undone.
    var decodedBody: [UInt8] { TransferEncoding.decode(body, encoding: header("Content-Transfer-Encoding")) }

    /// The parts of a multipart body, split at the boundary lines (the line break before a
    /// boundary belongs to it). The preamble and epilogue are not parts.
    func parts(boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: ArraySlice<UInt8>.Index? = nil
        var index = body.startIndex
        while index < body.endIndex {
            let end = body[index...].firstIndex(of: 0x0A) ?? body.endIndex
            let line = body[index..<end]
            if line.starts(with: delimiter) {
                let after = line.dropFirst(delimiter.count)
                let closing = after.starts(with: [0x2D, 0x2D])
                if closing || after.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if let start = partStart {
                        var stop = index
                        if stop > start, body[body.index(before: stop)] == 0x0A { stop = body.index(before: stop) }
                        if stop > start, body[body.index(before: stop)] == 0x0D { stop = body.index(before: stop) }
                        parts.append(body[start..<max(start, stop)])
                    }
                    if closing { return parts }
                    partStart = end < body.endIndex ? body.index(after: end) : end
                }
            }
            index = end < body.endIndex ? body.index(after: end) : end
        }
        // No closing boundary (a message cut short): what came is kept.
        if let start = partStart, start < body.endIndex { parts.append(body[start...]) }
        return parts
    }
}
