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
                let lead = bytes[index]
                switch lead {
                case 0x20, 0x09, 0x0A, 0x0D:
                    index += 1
                case 0x41...0x5A:
                    out.append(lead + 32)
                    index += 1
                case 0xC2 where byte(1) == 0xA0:  // U+00A0
                    index += 2
                case 0xE2 where byte(1) == 0x80 && (byte(2) == 0x82 || byte(2) == 0x83),  // U+2002, U+2003
                    0xE3 where byte(1) == 0x80 && byte(2) == 0x80,  // U+3000
                    0xEF where byte(1) == 0xBB && byte(2) == 0xBF:  // U+FEFF
                    index += 3
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

    @inline(__always)
    static func lowered(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(scalar.value) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    /// Whether the text has white space, an ASCII capital or a full-width form (FF01–FF5E).
    static func needsFolding(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x41...0x5A: return true
            case 0xA0 where previous == 0xC2: return true
            case 0xBB...0xBD where previous == 0xEF: return true
            case 0x80 where previous == 0xE2 || previous == 0xE3: return true  // U+2000–, U+3000–
            default: break
            }
            previous = byte
        }
        return false
    }

    /// A looser key: also without a bracketed suffix and "%", so "完成进度" matches "完成进度（%）".
    static func loose(_ text: String) -> String {
        var key = of(text)
        if let open = key.firstIndex(of: "("), key.hasSuffix(")") { key = String(key[..<open]) }
        return String(key.unicodeScalars.filter { $0 != "%" }.map(Character.init))
    }
}

/// Where the task table of a returned sheet is: its header row and which column holds what.
struct TableLayout {
    /// Index into ``SheetContents/rows`` of the header row.
    var headerRow: Int
    var idColumn: Int?
    /// Progress column index in the template → sheet column.
    var progress: [Int: Int]
    /// Master table column index → sheet column, for the task columns found.
    var taskColumns: [Int: Int]
    var table: Int?

    /// Finds the header among the first rows: the row that names the most known columns, with
    /// at least one progress column and 编号 or a task column. Title rows, inserted blank rows,
    /// reordered and extra columns do not matter.
    static func find(in sheet: SheetContents, template: ReportTemplate, master: Master) -> TableLayout? {
        let progressKeys = template.columns.map { TextKey.of($0.name) }
        let progressLoose = template.columns.map { TextKey.loose($0.name) }
        var best: (layout: TableLayout, score: Int)? = nil
        for index in sheet.rows.indices.prefix(40) {
            let texts = sheet.rows[index].values.map { value -> String in
                // Column names are short; long cells are task texts and cannot be headers.
                if case .text(let text)? = value, text.utf8.count <= 60 { return TextKey.of(text) }
                return ""
            }
            var progress: [Int: Int] = [:]
            var id: Int? = nil
            var roles: [String: Int] = [:]
            for (column, key) in texts.enumerated() where !key.isEmpty {
                // Header cells are short; long texts are task contents, never column names.
                if let found = progressKeys.firstIndex(of: key) ?? progressLoose.firstIndex(of: TextKey.loose(key)) {
                    if progress[found] == nil { progress[found] = column }
                } else if key == TextKey.of(MasterWorkbook.idColumn) {
                    if id == nil { id = column }
                } else if roles[key] == nil {
                    roles[key] = column
                }
            }
            let known = roles.keys.filter { ColumnRole.recognise($0) != nil }.count
            guard !progress.isEmpty, id != nil || known > 0 else { continue }
            // The master table whose columns the header shares most.
            var table: Int? = nil
            var taskColumns: [Int: Int] = [:]
            for (tableIndex, candidate) in master.tables.enumerated() {
                var mapped: [Int: Int] = [:]
                for (columnIndex, column) in candidate.columns.enumerated() {
                    if let position = roles[TextKey.of(column.name)] { mapped[columnIndex] = position }
                }
                if mapped.count > taskColumns.count {
                    taskColumns = mapped
                    table = tableIndex
                }
            }
            let score = progress.count * 2 + (id == nil ? 0 : 2) + taskColumns.count
            if best == nil || score > best!.score {
                best = (TableLayout(headerRow: index, idColumn: id, progress: progress, taskColumns: taskColumns, table: table), score)
            }
        }
        return best?.layout
    }
}
