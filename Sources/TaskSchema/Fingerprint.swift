/// A short, stable digest of text (64-bit FNV-1a, hex). It detects edits, not attacks:
/// a unit that changes a locked task text changes the fingerprint.
public enum Fingerprint {
    public static func of(_ parts: [String]) -> String {
        var digest = Digest()
        parts.forEach { digest.add($0) }
        return hex(digest.hash)
    }

    /// FNV-1a over parts, with a unit separator between them.
    struct Digest {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var started = false
        mutating func add(_ part: String) {
            if started { hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3 }
            started = true
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
    }

    /// The UTF-8 length of a white-space character at `index` (space, tab, CR, LF, U+00A0,
    /// U+2002, U+2003, U+3000, U+FEFF), or 0.
    @inline(__always)
    static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return 1 }
        if byte < 0xC2 { return 0 }
        if byte == 0xC2 { return index + 1 < bytes.count && bytes[index + 1] == 0xA0 ? 2 : 0 }
        guard index + 2 < bytes.count else { return 0 }
        let second = bytes[index + 1], third = bytes[index + 2]
        if byte == 0xE2 && second == 0x80 && (third == 0x82 || third == 0x83) { return 3 }
        if byte == 0xE3 && second == 0x80 && third == 0x80 { return 3 }
        if byte == 0xEF && second == 0xBB && third == 0xBF { return 3 }
        return 0
    }

    static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A task's text as a unit sees it, compared after whitespace is removed so that a
    /// re-save that rewraps lines does not count as an edit.
    public static func of(task: Task) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, cell) in task.cells.enumerated() {
            if index > 0 { hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3 }
            // Bytes of the cell without white space (the same scalars ColumnName.isSpace names).
            var cell = cell
            cell.withUTF8 { bytes in
                var index = 0
                while index < bytes.count {
                    let skip = Fingerprint.spaceLength(bytes, at: index)
                    if skip > 0 {
                        index += skip
                        continue
                    }
                    hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
                    index += 1
                }
            }
        }
        return hex(hash)
    }

    /// The whole master: ids and task texts, in order.
    public static func of(master: Master) -> String {
        // Fed part by part: the same digest as of([name, id, fingerprint, ...]) without the array.
        var digest = Digest()
        for table in master.tables {
            digest.add(table.name)
            for task in table.tasks {
                digest.add(task.id)
                digest.add(of(task: task))
            }
        }
        return hex(digest.hash)
    }
}
