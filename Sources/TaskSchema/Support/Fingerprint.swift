/// A short, stable digest of text (64-bit FNV-1a, hex). It detects edits, not attacks:
/// a unit that changes a locked task text changes the fingerprint.
public enum Fingerprint {
    public static func of(_ parts: [String]) -> String {
        var digest = Digest()
        parts.forEach { digest.add($0) }
        return digest.hash.hex
    }

    /// FNV-1a over parts, with a unit separator (0x1F) between them.
    struct Digest {
        var hash = FNV1a()
        var started = false
        mutating func add(_ part: String) {
            if started { hash.add(0x1F) }
            started = true
            hash.add(part)
        }
    }

    /// A task's text as a unit sees it, compared after white space is removed so that a
    /// re-save that rewraps lines does not count as an edit.
    public static func of(task: Task) -> String {
        var hash = FNV1a()
        for (index, cell) in task.cells.enumerated() {
            if index > 0 { hash.add(0x1F) }
            var cell = cell
            cell.withUTF8 { bytes in
                var index = 0
                while index < bytes.count {
                    let skip = WhiteSpace.length(bytes, at: index)
                    if skip > 0 {
                        index += skip
                        continue
                    }
                    hash.add(bytes[index])
                    index += 1
                }
            }
        }
        return hash.hex
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
        return digest.hash.hex
    }
}
