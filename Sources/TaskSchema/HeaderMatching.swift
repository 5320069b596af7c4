import Foundation
import WorkbookIO

/// Compares header and value texts the way people retype them: spaces of any width dropped,
/// full-width letters, digits and punctuation made half-width ("完成进度（%）" = "完成进度(%)").
public enum TextKey {
    public static func of(_ text: String) -> String {
        // Most texts (task contents, unit names) have nothing to fold: a byte scan says so
        // without building a new string. Merging 150,000 rows calls this millions of times.
        guard needsFolding(text) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if ColumnName.isSpace(scalar) || scalar == "\n" || scalar == "\r" { continue }
            if (0xFF01...0xFF5E).contains(scalar.value), let half = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalars.append(lowered(half))
            } else {
                scalars.append(lowered(scalar))
            }
        }
        return String(scalars)
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
    /// Index into ``ReturnedSheet/rows`` of the header row.
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
    static func find(in sheet: ReturnedSheet, template: ReportTemplate, master: Master) -> TableLayout? {
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
