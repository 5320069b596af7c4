import Foundation

/// Turns the raw tables of any source reader into the master task list: recognises the
/// column roles, fills vertically merged cells, splits name lists, corrects stray characters
/// in categories and gives every task its id. Shared by all importers, so a document reads
/// the same whatever format it arrived in.
public enum MasterAssembler {
    public static func assemble(_ raw: RawDocument) -> Master {
        var warnings: [ImportWarning] = []
        var tables: [TaskTable] = []
        for (index, rawTable) in raw.tables.enumerated() {
            let number = index + 1
            let name = rawTable.title ?? "附件\(number)"
            warnings += rawTable.notes.map { ImportWarning(kind: .notice, message: "\(name): \($0)") }
            let columns = rawTable.header.map { TableColumn(name: ColumnName.normalise($0), role: ColumnRole.recognise($0)) }
            var rows = fillMergedCells(rawTable.rows, width: columns.count)
            if let category = columns.firstIndex(where: { $0.role == .category }) {
                warnings += CategoryCorrection.correct(column: category, of: &rows, table: name, columnName: columns[category].name,
                                                      position: rawTable.position)
            }
            let width = String(max(rows.count, 100)).count
            let tasks = rows.enumerated().map { offset, row in
                makeTask(id: "\(number)-" + pad(offset + 1, to: width), table: index, row: row, columns: columns)
            }
            let table = TaskTable(name: name, columns: columns, tasks: tasks)
            for role in [ColumnRole.category, .project] {
                if let column = table.columnIndex(of: role) {
                    warnings += Lookalikes.find(in: tasks.map { $0.cells[column] }, table: name, columnName: columns[column].name)
                }
            }
            tables.append(table)
        }
        return Master(documentNumber: raw.documentNumber, title: raw.title, tables: tables, warnings: warnings)
    }

    /// A row's cells as text lines, after merged cells were filled.
    struct FilledRow {
        var line: Int
        var cells: [[String]]
    }

    /// A vertically merged cell takes the value above it in the same table. Where the source
    /// marks merges (.docx), only marked cells are filled; otherwise (a text export) an empty
    /// cell below a filled one is taken as merged.
    static func fillMergedCells(_ rows: [RawRow], width: Int) -> [FilledRow] {
        var filled: [FilledRow] = []
        var above = [[String]](repeating: [], count: width)
        for row in rows {
            var cells = row.cells + [[String]](repeating: [], count: max(0, width - row.cells.count))
            for column in 0..<width {
                let lines = cells[column].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                let merged = row.mergedFromAbove.map { column < $0.count && $0[column] } ?? lines.isEmpty
                cells[column] = merged ? above[column] : lines
            }
            above = cells
            filled.append(FilledRow(line: row.line, cells: cells))
        }
        return filled
    }

    static func makeTask(id: String, table: Int, row: FilledRow, columns: [TableColumn]) -> Task {
        var cells: [String] = []
        var leaders: [String] = []
        var primary: [String] = []
        var related: [String] = []
        for (column, lines) in zip(columns, row.cells) {
            switch column.role {
            case .leaders, .primaryUnits, .relatedUnits:
                let list = NameList(lines: lines)
                cells.append(list.displayText)
                if column.role == .leaders { leaders = list.names }
                if column.role == .primaryUnits { primary = list.names }
                if column.role == .relatedUnits { related = list.names }
            case .category, .sequence:
                // Narrow columns where Word wraps text one character per line: "综\n合\n指\n标".
                cells.append(lines.map { NameList.clean($0) }.joined())
            default:
                cells.append(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n"))
            }
        }
        var task = Task(id: id, table: table, cells: cells, leaders: leaders, primaryUnits: primary,
                        relatedUnits: related, sourceLine: row.line)
        task.dropPrimaryFromRelated()
        return task
    }

    static func pad(_ number: Int, to width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
