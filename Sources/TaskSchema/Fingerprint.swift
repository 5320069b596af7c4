/// A short, stable digest of text (64-bit FNV-1a, hex). It detects edits, not attacks:
/// a unit that changes a locked task text changes the fingerprint.
public enum Fingerprint {
    public static func of(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 { hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3 }  // unit separator between parts
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A task's text as a unit sees it, compared after whitespace is removed so that a
    /// re-save that rewraps lines does not count as an edit.
    public static func of(task: Task) -> String {
        of(task.cells.map(NameList.clean).map { $0.replacingOccurrences(of: "\n", with: "") })
    }

    /// The whole master: ids and task texts, in order.
    public static func of(master: Master) -> String {
        of(master.tables.flatMap { table in [table.name] + table.tasks.flatMap { [$0.id, of(task: $0)] } })
    }
}
