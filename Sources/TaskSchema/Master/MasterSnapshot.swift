import Foundation

/// A master in a compact binary form that reads back in a fraction of the time master.xlsx
/// takes (a workspace reads its master on every command; for 100,000 tasks the workbook costs
/// most of a one-file collect). Hand-written because it is the fast path: length-prefixed UTF-8
/// and little-endian counts, nothing to parse. It is a cache, never the only copy: `source`
/// names what it was made from (the workspace stores master.xlsx's SHA-256), and a snapshot
/// that does not decode, or names another source, is simply made again.
public enum MasterSnapshot {
    static let magic = Array("xlsx-tasks master snapshot 1\n".utf8)

    public struct Decoded: Sendable {
        public var master: Master
        /// ``Fingerprint/of(master:)`` of the master, computed when the snapshot was made.
        public var fingerprint: String
        public var source: String
    }

    /// `fingerprint`: ``Fingerprint/of(master:)`` of `master` (the caller has usually just made it).
    public static func encode(_ master: Master, fingerprint: String, source: String) -> Data {
        var out = Writer()
        out.bytes.append(contentsOf: magic)
        out.string(source)
        out.string(fingerprint)
        out.optional(master.documentNumber)
        out.optional(master.title)
        out.count(master.warnings.count)
        for warning in master.warnings {
            out.string(warning.kind.rawValue)
            out.string(warning.message)
        }
        out.count(master.tables.count)
        for table in master.tables {
            out.string(table.name)
            out.count(table.columns.count)
            for column in table.columns {
                out.string(column.name)
                out.string(column.role?.rawValue ?? "")
            }
            out.count(table.tasks.count)
            for task in table.tasks {
                out.string(task.id)
                out.count(task.sourceLine)
                out.strings(task.cells)
                out.strings(task.leaders)
                out.strings(task.primaryUnits)
                out.strings(task.relatedUnits)
            }
        }
        return Data(out.bytes)
    }

    /// Nil when `data` is not a snapshot of this version or is cut short.
    public static func decode(_ data: Data) -> Decoded? {
        data.withUnsafeBytes { raw -> Decoded? in
            var input = Reader(bytes: raw.bindMemory(to: UInt8.self))
            guard input.expect(magic) else { return nil }
            guard let source = input.string(), let fingerprint = input.string(),
                  let number = input.optional(), let title = input.optional(), let warningCount = input.count()
            else { return nil }
            var warnings: [ImportWarning] = []
            for _ in 0..<warningCount {
                guard let kind = input.string().flatMap(ImportWarning.Kind.init(rawValue:)), let message = input.string() else { return nil }
                warnings.append(ImportWarning(kind: kind, message: message))
            }
            guard let tableCount = input.count() else { return nil }
            var tables: [TaskTable] = []
            for tableIndex in 0..<tableCount {
                guard let name = input.string(), let columnCount = input.count() else { return nil }
                var columns: [TableColumn] = []
                for _ in 0..<columnCount {
                    guard let column = input.string(), let role = input.string() else { return nil }
                    columns.append(TableColumn(name: column, role: ColumnRole(rawValue: role)))
                }
                guard let taskCount = input.count() else { return nil }
                var tasks: [Task] = []
                tasks.reserveCapacity(taskCount)
                for _ in 0..<taskCount {
                    guard let id = input.string(), let line = input.count(), let cells = input.strings(), let leaders = input.strings(),
                          let primary = input.strings(), let related = input.strings()
                    else { return nil }
                    tasks.append(Task(id: id, table: tableIndex, cells: cells, leaders: leaders, primaryUnits: primary,
                                      relatedUnits: related, sourceLine: line))
                }
                tables.append(TaskTable(name: name, columns: columns, tasks: tasks))
            }
            guard input.atEnd else { return nil }
            return Decoded(master: Master(documentNumber: number, title: title, tables: tables, warnings: warnings),
                           fingerprint: fingerprint, source: source)
        }
    }

    struct Writer {
        var bytes: [UInt8] = []
        mutating func count(_ value: Int) {
            let value = UInt32(clamping: value)
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }
        mutating func string(_ text: String) {
            count(text.utf8.count)
            bytes.append(contentsOf: text.utf8)
        }
        mutating func optional(_ text: String?) {
            bytes.append(text == nil ? 0 : 1)
            if let text { string(text) }
        }
        mutating func strings(_ list: [String]) {
            count(list.count)
            list.forEach { string($0) }
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0
        var atEnd: Bool { offset == bytes.count }

        mutating func expect(_ prefix: [UInt8]) -> Bool {
            guard bytes.count >= prefix.count, bytes[0..<prefix.count].elementsEqual(prefix) else { return false }
            offset = prefix.count
            return true
        }
        mutating func count() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            var value = 0
            for place in 0..<4 { value |= Int(bytes[offset + place]) << (8 * place) }
            offset += 4
            return value
        }
        mutating func string() -> String? {
            guard let length = count(), offset + length <= bytes.count else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
            offset += length
            return text
        }
        mutating func optional() -> String?? {
            guard offset < bytes.count else { return nil }
            offset += 1
            return bytes[offset - 1] == 0 ? .some(nil) : string().map { .some($0) }
        }
        mutating func strings() -> [String]? {
            guard let count = count(), count <= bytes.count - offset else { return nil }
            var list: [String] = []
            list.reserveCapacity(count)
            for _ in 0..<count {
                guard let text = string() else { return nil }
                list.append(text)
            }
            return list
        }
    }
}
