/// The white space people type, paste or get from Word, in one place for every rule that
/// drops it (header and value keys, names, task fingerprints): ASCII space, tab, CR, LF,
/// U+00A0 no-break space, U+2002 en and U+2003 em space, U+3000 ideographic space, U+FEFF.
enum WhiteSpace {
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\r", "\n", "\u{00A0}", "\u{2002}", "\u{2003}", "\u{3000}", "\u{FEFF}": return true
        default: return false
        }
    }

    /// The UTF-8 length of a white-space character at `index`, or 0: the same set on bytes,
    /// for the loops that fold millions of cells.
    @inline(__always)
    static func length(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return 1 }
        if byte < 0xC2 { return 0 }
        if byte == 0xC2 { return index + 1 < bytes.count && bytes[index + 1] == 0xA0 ? 2 : 0 }
        // Most non-ASCII text is CJK (lead bytes E4–E9): out before loading the next bytes.
        guard byte == 0xE2 || byte == 0xE3 || byte == 0xEF, index + 2 < bytes.count else { return 0 }
        let second = bytes[index + 1], third = bytes[index + 2]
        if byte == 0xE2 && second == 0x80 && (third == 0x82 || third == 0x83) { return 3 }
        if byte == 0xE3 && second == 0x80 && third == 0x80 { return 3 }
        if byte == 0xEF && second == 0xBB && third == 0xBF { return 3 }
        return 0
    }

    /// Whether `text` has any white space: most names and ids have none, and a byte scan says so
    /// without building a new string.
    static func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: return true
                case 0xC2, 0xE2, 0xE3, 0xEF: if length(bytes, at: index) > 0 { return true }
                default: continue
                }
            }
            return false
        }
    }

    /// `text` without its white space.
    static func removed(from text: String) -> String {
        guard occurs(in: text) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isSpace($0) }))
    }
}
