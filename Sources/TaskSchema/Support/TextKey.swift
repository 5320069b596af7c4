import Foundation
import WorkbookIO

/// Compares header and value texts the way people retype them: spaces of any width dropped,
/// full-width letters, digits and punctuation made half-width ("完成进度（%）" = "完成进度(%)").
public enum TextKey {
    public static func of(_ text: String) -> String {
        // Most texts (task contents, unit names) have nothing to fold: a byte scan says so
        // without building a new string. Merging 150,000 rows calls this millions of times.
        guard needsFolding(text) else { return text }
        // Folded on UTF-8 bytes (the slow part was building a string scalar by scalar).
        var text = text
        return text.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            let count = bytes.count
            func byte(_ offset: Int) -> UInt8 { index + offset < count ? bytes[index + offset] : 0 }
            while index < count {
                let space = WhiteSpace.length(bytes, at: index)
                if space > 0 {
                    index += space
                    continue
                }
                let lead = bytes[index]
                switch lead {
                case 0x41...0x5A:
                    out.append(lead + 32)
                    index += 1
                case 0xEF where byte(1) == 0xBC && (0x81...0xBF).contains(byte(2)):  // U+FF01–FF3F
                    let half = byte(2) - 0x60
                    out.append((0x41...0x5A).contains(half) ? half + 32 : half)
                    index += 3
                case 0xEF where byte(1) == 0xBD && (0x80...0x9E).contains(byte(2)):  // U+FF40–FF5E
                    out.append(byte(2) - 0x20)
                    index += 3
                default:
                    out.append(lead)
                    index += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether the text has white space, an ASCII capital or a full-width form (FF01–FF5E).
    static func needsFolding(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D, 0x41...0x5A: return true
                case 0xEF where index + 1 < bytes.count && (bytes[index + 1] == 0xBC || bytes[index + 1] == 0xBD): return true
                case 0xC2, 0xE2, 0xE3, 0xEF: if WhiteSpace.length(bytes, at: index) > 0 { return true }
                default: continue
                }
            }
            return false
        }
    }

    /// A looser key: also without a bracketed suffix and "%", so "完成进度" matches "完成进度（%）".
    static func loose(_ text: String) -> String {
        var key = of(text)
        if let open = key.firstIndex(of: "("), key.hasSuffix(")") { key = String(key[..<open]) }
        return String(key.unicodeScalars.filter { $0 != "%" }.map(Character.init))
    }
}
