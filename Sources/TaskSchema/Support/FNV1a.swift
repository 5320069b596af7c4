/// 64-bit FNV-1a: a fast, stable hash of bytes. It detects edits and spreads keys; it is not
/// a defence against someone forging a collision.
struct FNV1a {
    private(set) var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    mutating func add(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }

    mutating func add(_ text: String) { for byte in text.utf8 { add(byte) } }

    static func hash(_ text: String) -> UInt64 {
        var digest = FNV1a()
        digest.add(text)
        return digest.hash
    }

    /// 16 hex digits.
    var hex: String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
