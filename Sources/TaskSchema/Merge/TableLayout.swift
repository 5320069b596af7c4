import Foundation
import WorkbookIO

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
    /// Last round's columns a later round's workbook shows (``CarryOver``): not the unit's report.
    var reference: Set<Int> = []

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
            var reference: Set<Int> = []
            for (column, key) in texts.enumerated() where !key.isEmpty {
                // Header cells are short; long texts are task contents, never column names.
                if let found = progressKeys.firstIndex(of: key) ?? progressLoose.firstIndex(of: TextKey.loose(key)) {
                    if progress[found] == nil { progress[found] = column }
                } else if CarryOver.isReference(key) {
                    reference.insert(column)
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
                best = (TableLayout(headerRow: index, idColumn: id, progress: progress, taskColumns: taskColumns, table: table,
                                    reference: reference), score)
            }
        }
        return best?.layout
    }
}

/// Which task a row is when its 编号 does not say.
extension FileAnalysis {
    /// A row whose 编号 is missing or unknown: its task text, compared after whitespace is
    /// folded; the unit's own task first when a text repeats.
    func taskByText(_ values: CellRow, layout: TableLayout, index: MasterIndex, unit: String) -> Task? {
        guard let tableIndex = layout.table else { return nil }
        let table = index.master.tables[tableIndex]
        for role in [ColumnRole.content, .project] {
            guard let column = table.columnIndex(of: role), let position = layout.taskColumns[column], position < values.count,
                case .text(let text)? = values[position]
            else { continue }
            let tasks = index.tasks(withText: text)
            if tasks.isEmpty { continue }
            return tasks.first { index.isAssigned($0, to: unit) } ?? tasks.first
        }
        return nil
    }
}
