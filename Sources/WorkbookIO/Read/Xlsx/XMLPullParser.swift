/// A small pull parser for the little XML parts of a workbook (relationships, workbook,
/// styles, document properties). Names are reported without their prefix; attributes keep
/// their qualified name, and ``namespace(ofPrefix:)`` resolves a prefix through the
/// declarations in scope, so callers match by namespace URI rather than by prefix.
/// The large parts (sheets, shared strings) have their own byte scanner. Also used for the
/// body of Word documents, which are a few hundred kilobytes at most.
public struct XMLPullParser {
    public enum Event {
        case start(name: String, attributes: [(name: String, value: String)], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    private let bytes: [UInt8]
    private var index = 0
    private var scopes: [[String: String]] = [[:]]
    private var popScopeOnNext = false

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The URI bound to `prefix` ("" for the default namespace) where the parser now is.
    public func namespace(ofPrefix prefix: String) -> String? {
        for scope in scopes.reversed() { if let uri = scope[prefix] { return uri } }
        return nil
    }

    public static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    static func prefix(_ qualified: String) -> String {
        guard let colon = qualified.firstIndex(of: ":") else { return "" }
        return String(qualified[..<colon])
    }

    public mutating func next() -> Event? {
        if popScopeOnNext {
            scopes.removeLast()
            popScopeOnNext = false
        }
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                return .text(bytes[start..<index].withUnsafeBufferPointer { XMLEscapes.decode($0) })
            }
            // "<?…?>", "<!--…-->", "<!DOCTYPE…>", "<![CDATA[…]]>"
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?") {
                skip(past: Array("?>".utf8))
                continue
            }
            if match(Array("<![CDATA[".utf8)) {
                let start = index + 9
                skip(past: Array("]]>".utf8))
                let end = max(start, index - 3)
                return .text(String(decoding: bytes[start..<end], as: UTF8.self))
            }
            if match(Array("<!--".utf8)) {
                skip(past: Array("-->".utf8))
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "!") {
                skip(past: [UInt8(ascii: ">")])
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                index += 2
                let name = readName()
                skip(past: [UInt8(ascii: ">")])
                if scopes.count > 1 { scopes.removeLast() }
                return .end(name: XMLPullParser.localName(name))
            }
            index += 1
            let name = readName()
            var attributes: [(String, String)] = []
            var declarations: [String: String] = [:]
            var selfClosing = false
            while index < bytes.count {
                skipSpace()
                guard index < bytes.count else { break }
                if bytes[index] == UInt8(ascii: "/") {
                    selfClosing = true
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                let attribute = readName()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                    index += 1
                    continue
                }
                index += 1
                skipSpace()
                guard index < bytes.count else { break }
                let quote = bytes[index]
                index += 1
                let start = index
                while index < bytes.count, bytes[index] != quote { index += 1 }
                let value = bytes[start..<index].withUnsafeBufferPointer { XMLEscapes.decode($0) }
                index += 1
                if attribute == "xmlns" {
                    declarations[""] = value
                } else if attribute.hasPrefix("xmlns:") {
                    declarations[String(attribute.dropFirst(6))] = value
                }
                attributes.append((attribute, value))
            }
            scopes.append(declarations)
            // A self-closing element's declarations apply to its own attributes only: they are
            // dropped when the caller asks for the next event.
            popScopeOnNext = selfClosing
            return .start(name: XMLPullParser.localName(name), attributes: attributes, selfClosing: selfClosing)
        }
        return nil
    }

    private mutating func readName() -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                || byte == 9 || byte == 10 || byte == 13
            { break }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while index < bytes.count, [32, 9, 10, 13].contains(bytes[index]) { index += 1 }
    }

    private func match(_ pattern: [UInt8]) -> Bool {
        index + pattern.count <= bytes.count && Array(bytes[index..<(index + pattern.count)]) == pattern
    }

    private mutating func skip(past pattern: [UInt8]) {
        while index < bytes.count {
            if match(pattern) {
                index += pattern.count
                return
            }
            index += 1
        }
    }
}

extension Array where Element == (name: String, value: String) {
    /// The value of the attribute with this local name (any prefix).
    func value(_ localName: String) -> String? {
        first { XMLPullParser.localName($0.name) == localName && !$0.name.hasPrefix("xmlns") }?.value
    }
}
