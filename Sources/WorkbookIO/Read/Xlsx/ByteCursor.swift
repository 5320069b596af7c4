#if canImport(Glibc)
    import Glibc
#endif

/// Byte-level helpers over a buffer of XML, used by the sheet and shared-string scanners.
/// Every lookup that runs off the end of the buffer returns nil, so callers can wait for the
/// next chunk instead of failing.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var count: Int { bytes.count }

    // MARK: Searching

    func find(_ byte: UInt8, from start: Int? = nil) -> Int? {
        let from = start ?? position
        guard from < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), bytes.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    struct Tag {
        var isEnd: Bool
        var localStart: Int
        var nameEnd: Int
    }

    /// The element name after the `<` at `open`.
    func tagName(at open: Int) -> Tag? {
        var index = open + 1
        guard index < bytes.count else { return nil }
        let isEnd = bytes[index] == UInt8(ascii: "/")
        if isEnd { index += 1 }
        var localStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") {
                localStart = index + 1
            } else if byte == 32 || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 9 || byte == 10 || byte == 13 {
                return Tag(isEnd: isEnd, localStart: localStart, nameEnd: index)
            }
            index += 1
        }
        return nil
    }

    func localNameEquals(_ tag: Tag, _ name: StaticString) -> Bool {
        let length = name.utf8CodeUnitCount
        guard tag.nameEnd - tag.localStart == length else { return false }
        let pattern = name.utf8Start
        for offset in 0..<length where bytes[tag.localStart + offset] != pattern[offset] { return false }
        return true
    }

    /// The `>` closing the tag that starts at `open`, skipping quoted attribute values.
    func endOfTag(from open: Int) -> Int? {
        var index = open + 1
        var quote: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }

    func isSelfClosing(_ tagEnd: Int) -> Bool { tagEnd > 0 && bytes[tagEnd - 1] == UInt8(ascii: "/") }

    // MARK: Attributes

    /// The value range of the attribute whose local name is `name`, in the tag `range`.
    func attribute(_ name: StaticString, in range: Range<Int>) -> Range<Int>? {
        var found: Range<Int>? = nil
        forEachAttribute(in: range) { nameRange, value in
            if found == nil, localName(nameRange, equals: name) { found = value }
        }
        return found
    }

    enum CellAttribute { case r, t, s }

    /// Calls `body` for the `r`, `t` and `s` attributes of a `<c>` tag.
    func forEachCellAttribute(in range: Range<Int>, _ body: (CellAttribute, Range<Int>) -> Void) {
        forEachAttribute(in: range) { name, value in
            guard name.count == 1 else { return }
            switch bytes[name.lowerBound] {
            case UInt8(ascii: "r"): body(.r, value)
            case UInt8(ascii: "t"): body(.t, value)
            case UInt8(ascii: "s"): body(.s, value)
            default: break
            }
        }
    }

    func forEachAttribute(in range: Range<Int>, _ body: (Range<Int>, Range<Int>) -> Void) {
        var index = range.lowerBound + 1
        // Skip the element name.
        while index < range.upperBound, !isSpace(bytes[index]) { index += 1 }
        while index < range.upperBound {
            while index < range.upperBound, isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < range.upperBound, bytes[index] != UInt8(ascii: "="), !isSpace(bytes[index]),
                bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: ">")
            { index += 1 }
            let nameEnd = index
            while index < range.upperBound, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") {
                if bytes[index] == UInt8(ascii: ">") { return }
                index += 1
            }
            guard index < range.upperBound else { return }
            let quote = bytes[index]
            let valueStart = index + 1
            index = valueStart
            while index < range.upperBound, bytes[index] != quote { index += 1 }
            if nameEnd > nameStart { body(nameStart..<nameEnd, valueStart..<index) }
            index += 1
        }
    }

    private func localName(_ range: Range<Int>, equals name: StaticString) -> Bool {
        var start = range.lowerBound
        for index in range where bytes[index] == UInt8(ascii: ":") { start = index + 1 }
        return localNameEquals(Tag(isEnd: false, localStart: start, nameEnd: range.upperBound), name)
    }

    @inline(__always) private func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

    // MARK: Values

    enum CellType { case number, sharedString, inlineString, bool, error, other }

    func cellType(_ range: Range<Int>) -> CellType {
        switch range.count {
        case 0: return .number
        case 1:
            switch bytes[range.lowerBound] {
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "s"): return .sharedString
            case UInt8(ascii: "b"): return .bool
            case UInt8(ascii: "e"): return .error
            default: return .other
            }
        default:
            return hasPrefix(range, "inlineStr") ? .inlineString : .other
        }
    }

    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for index in range {
            let digit = Int(bytes[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            // A number too large for Int is no number (it wrapped negative before).
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// Zero-based column of a reference such as "AB12"; nil when there are no letters or more
    /// than seven letters: Int.max (far past XFD; before the arithmetic could overflow).
    func column(_ range: Range<Int>) -> Int? {
        var value = 0
        var letters = 0
        for index in range {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { break }
            letters += 1
            guard letters <= 7 else { return Int.max }
            value = value * 26 + Int(byte - UInt8(ascii: "A") + 1)
        }
        return letters == 0 ? nil : value - 1
    }

    func hasPrefix(_ range: Range<Int>, _ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard range.count >= length else { return false }
        for offset in 0..<length where bytes[range.lowerBound + offset] != prefix.utf8Start[offset] { return false }
        return true
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func text(_ range: Range<Int>) -> String {
        XMLEscapes.decode(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// The id in `_xlfn.DISPIMG("ID_…",1)`.
    func imageID(_ range: Range<Int>) -> String {
        let formula = text(range)
        let parts = formula.split(separator: "\"")
        return parts.count > 1 ? String(parts[1]) : formula
    }

    /// A number as Excel stores it ("42", "-0.5", "1.25E-3"). Simple decimals are converted
    /// exactly here (Clinger's fast path: an integer mantissa below 2^53 and a power of ten up
    /// to 10^22 are both exact, so one multiplication or division rounds correctly); anything
    /// else goes to strtod.
    func number(_ range: Range<Int>) -> Double? {
        var index = range.lowerBound
        let end = range.upperBound
        guard index < end else { return nil }
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        } else if bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var sawDigit = false
        while index < end, bytes[index] >= 48, bytes[index] <= 57 {
            if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - 48); if mantissa > 0 { digits += 1 } } else { scale += 1 }
            sawDigit = true
            index += 1
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < end, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(bytes[index] - 48)
                    if mantissa > 0 { digits += 1 }
                    scale -= 1
                }
                sawDigit = true
                index += 1
            }
        }
        guard sawDigit else { return slowNumber(range) }
        if index < end {
            guard bytes[index] == UInt8(ascii: "E") || bytes[index] == UInt8(ascii: "e") else { return slowNumber(range) }
            index += 1
            var exponentNegative = false
            if index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while index < end, bytes[index] >= 48, bytes[index] <= 57, exponent < 10_000 {
                exponent = exponent * 10 + Int(bytes[index] - 48)
                exponentDigits += 1
                index += 1
            }
            guard index == end, exponentDigits > 0 else { return slowNumber(range) }
            scale += exponentNegative ? -exponent : exponent
        }
        guard mantissa < (1 << 53), scale >= -22, scale <= 22 else { return slowNumber(range) }
        var value = Double(mantissa)
        if scale < 0 { value /= ByteCursor.powersOfTen[-scale] } else if scale > 0 { value *= ByteCursor.powersOfTen[scale] }
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    private func slowNumber(_ range: Range<Int>) -> Double? {
        let text = string(range).trimmingCharactersInSet()
        guard !text.isEmpty else { return nil }
        return Double(text)
    }

    // MARK: Rich text

    /// Where a `<c>`'s children are: the `<v>` text, the `<f>` text, the `<is>` content, and
    /// the position after `</c>`.
    struct CellParts {
        var value: Range<Int>?
        var formula: Range<Int>?
        var inline: Range<Int>?
        var end: Int
    }

    func cellParts(from start: Int) -> CellParts? {
        var parts = CellParts(value: nil, formula: nil, inline: nil, end: start)
        var index = start
        while true {
            guard let open = find(UInt8(ascii: "<"), from: index), let tag = tagName(at: open),
                let close = endOfTag(from: open)
            else { return nil }
            if tag.isEnd {
                index = close + 1
                if localNameEquals(tag, "c") {
                    parts.end = index
                    return parts
                }
                continue
            }
            let isValue = localNameEquals(tag, "v")
            let isFormula = !isValue && localNameEquals(tag, "f")
            let isInline = !isValue && !isFormula && localNameEquals(tag, "is")
            if isSelfClosing(close) {
                if isValue { parts.value = (close + 1)..<(close + 1) }
                index = close + 1
                continue
            }
            if isValue || isFormula {
                guard let contentEnd = find(UInt8(ascii: "<"), from: close + 1) else { return nil }
                if isValue { parts.value = (close + 1)..<contentEnd } else { parts.formula = (close + 1)..<contentEnd }
                index = contentEnd
                continue
            }
            if isInline {
                guard let contentEnd = endElement("is", from: close + 1) else { return nil }
                parts.inline = (close + 1)..<contentEnd
                index = contentEnd
                continue
            }
            index = close + 1
        }
    }

    /// The position of the `<` of the end tag `</name>` (any prefix) after `start`.
    func endElement(_ name: StaticString, from start: Int) -> Int? {
        var index = start
        while let open = find(UInt8(ascii: "<"), from: index) {
            guard let tag = tagName(at: open) else { return nil }
            if tag.isEnd && localNameEquals(tag, name) { return open }
            index = open + 1
        }
        return nil
    }

    /// The text of a shared-string item or inline string: every `<t>` concatenated (rich-text
    /// runs `<r><t>`), phonetic runs `<rPh>` skipped.
    func decodeRuns(_ range: Range<Int>) -> String {
        var text = ""
        var index = range.lowerBound
        var phonetic = 0
        while index < range.upperBound, let open = find(UInt8(ascii: "<"), from: index), open < range.upperBound,
            let tag = tagName(at: open), let close = endOfTag(from: open)
        {
            index = close + 1
            if localNameEquals(tag, "rPh") {
                if tag.isEnd { phonetic -= 1 } else if !isSelfClosing(close) { phonetic += 1 }
                continue
            }
            guard !tag.isEnd, localNameEquals(tag, "t"), !isSelfClosing(close) else { continue }
            guard let contentEnd = find(UInt8(ascii: "<"), from: close + 1) else { break }
            if phonetic == 0 { text += self.text((close + 1)..<contentEnd) }
            index = contentEnd
        }
        return text
    }
}

extension String {
    fileprivate func trimmingCharactersInSet() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
