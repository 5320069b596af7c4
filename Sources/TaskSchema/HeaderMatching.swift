import Foundation
import WorkbookIO

/// Compares header and value texts the way people retype them: spaces of any width dropped,
/// full-width letters, digits and punctuation made half-width ("完成进度（%）" = "完成进度(%)").
public enum TextKey {
    public static func of(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if ColumnName.isSpace(scalar) || scalar == "\n" || scalar == "\r" { continue }
            if (0xFF01...0xFF5E).contains(scalar.value), let half = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalars.append(half)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars).lowercased()
    }

    /// A looser key: also without a bracketed suffix and "%", so "完成进度" matches "完成进度（%）".
    static func loose(_ text: String) -> String {
        var key = of(text)
        if let open = key.firstIndex(of: "("), key.hasSuffix(")") { key = String(key[..<open]) }
        return key.replacingOccurrences(of: "%", with: "")
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
                if case .text(let text)? = value { return TextKey.of(text) }
                return ""
            }
            var progress: [Int: Int] = [:]
            var id: Int? = nil
            var roles: [String: Int] = [:]
            for (column, key) in texts.enumerated() where !key.isEmpty {
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
