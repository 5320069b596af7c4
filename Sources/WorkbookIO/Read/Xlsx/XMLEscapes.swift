/// Decoding of XML character data as spreadsheets store it, in the order ECMA-376 implies:
/// entity and character references, XML line-end normalisation (a literal CR LF or CR is a
/// line feed; `&#13;` stays a CR), then Excel's own `_xHHHH_` escapes (exactly four hex
/// digits; `_x005F_` is a literal underscore).
public enum XMLEscapes {
    /// Decodes bytes of character data into a String.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Fast path: nothing to decode (the common case).
        var special = false
        for byte in bytes where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "_") || byte == 13 {
            special = true
            break
        }
        if !special { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 13 {
                out.append(10)
                index += (index + 1 < count && bytes[index + 1] == 10) ? 2 : 1
                continue
            }
            if byte == UInt8(ascii: "&"), let (scalar, length) = reference(bytes, at: index) {
                appendUTF8(scalar, to: &out)
                index += length
                continue
            }
            out.append(byte)
            index += 1
        }
        return unescapeExcel(String(decoding: out, as: UTF8.self))
    }

    public static func decode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#10;` `&#x4E2D;` at `index`: the scalar and the length.
    static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        var end = index + 1
        while end < bytes.count, end - index < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
        let name = Array(bytes[(index + 1)..<end])
        let length = end - index + 1
        switch name {
        case Array("amp".utf8): return (38, length)
        case Array("lt".utf8): return (60, length)
        case Array("gt".utf8): return (62, length)
        case Array("quot".utf8): return (34, length)
        case Array("apos".utf8): return (39, length)
        default: break
        }
        guard name.first == UInt8(ascii: "#") else { return nil }
        let hex = name.count > 1 && (name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X"))
        let digits = name.dropFirst(hex ? 2 : 1)
        guard !digits.isEmpty, let value = UInt32(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10),
            Unicode.Scalar(value) != nil
        else { return nil }
        return (value, length)
    }

    static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(value) else { return }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// `_x000D_` → CR, `_x005F_` → "_"; anything else is left as written.
    public static func unescapeExcel(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
                let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                out.append(scalar)
                index += 7
                continue
            }
            out.append(scalars[index])
            index += 1
        }
        scalars.removeAll()
        return String(out)
    }
}
