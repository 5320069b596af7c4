import Foundation

/// Content-Transfer-Encoding undone, leniently: mail clients wrap base64 at any width, leave
/// stray characters and cut padding; quoted-printable from some gateways has bare `=`.
enum TransferEncoding {
    static func decode(_ body: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch (encoding ?? "").trimmingCharacters(in: .whitespaces).lowercased() {
        case "base64": return base64(body)
        case "quoted-printable": return quotedPrintable(body)
        default: return Array(body)
        }
    }

    static func base64<Bytes: Sequence>(_ text: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        var buffer: UInt32 = 0, bits = 0
        for byte in text {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            default: continue  // line breaks, padding, stray characters
            }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }

    /// `underscoreIsSpace`: the Q encoding of RFC 2047 words.
    static func quotedPrintable(_ text: ArraySlice<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "=") {
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == 0x0A { index = text.index(after: next); continue }  // soft break
                if next < text.endIndex, text[next] == 0x0D {
                    let after = text.index(after: next)
                    index = after < text.endIndex && text[after] == 0x0A ? text.index(after: after) : after
                    continue
                }
                if text.distance(from: next, to: text.endIndex) >= 2, let high = hex(text[next]), let low = hex(text[text.index(after: next)]) {
                    out.append(high << 4 | low)
                    index = text.index(next, offsetBy: 2)
                    continue
                }
                out.append(byte)  // a bare "=" kept as it is
            } else if underscoreIsSpace && byte == UInt8(ascii: "_") {
                out.append(0x20)
            } else {
                out.append(byte)
            }
            index = text.index(after: index)
        }
        return out
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
