import Foundation
import WorkbookIO

/// Loads the master task list from whatever SOURCE is: the document's text export, or a
/// master spreadsheet (.xlsx made by `import`, or a CSV with the same columns), decided by
/// the file's first bytes.
public enum MasterSource {
    public static func load(_ path: String) throws -> Master {
        let kind: FileKind
        do {
            kind = try FileKind.sniff(path: path)
        } catch let error as WorkbookError {
            throw ImportError(path: path, message: error.message)
        }
        switch kind {
        case .zip:
            return try fromXlsx(path)
        case .text:
            if let table = try? CSVReader.read(path: path), let header = table.rows.first,
                header.contains(where: { TextKey.of($0) == TextKey.of(MasterWorkbook.idColumn) }), header.count > 1
            {
                return try fromGrid(path: path, sheets: [(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
                                                          table.rows.enumerated().map { ($0.offset + 1, $0.element) })])
            }
            return try DocumentImporter.importMaster(from: path)
        case .empty:
            throw ImportError(path: path, message: "the file is empty")
        default:
            throw ImportError(path: path, message: "not a task document or master spreadsheet: \(kind.description)")
        }
    }

    static func fromXlsx(_ path: String) throws -> Master {
        do {
            let reader = try XlsxReader(path: path)
            var sheets: [(String, [(Int, [String])])] = []
            for (index, sheet) in reader.sheets.enumerated() where sheet.state == .visible && sheet.part != nil {
                var rows: [(Int, [String])] = []
                try reader.forEachRow(inSheet: index) { row in
                    guard let last = row.cells.last else { return }
                    var texts = [String](repeating: "", count: last.column + 1)
                    for cell in row.cells { texts[cell.column] = try reader.resolve(cell.value).displayText(date1904: reader.date1904) }
                    rows.append((row.index + 1, texts))
                }
                sheets.append((sheet.name, rows))
            }
            return try fromGrid(path: path, sheets: sheets)
        } catch let error as WorkbookError {
            throw ImportError(path: path, message: error.message)
        }
    }

    /// Every sheet whose first row has 编号 and known task columns is a table; other sheets
    /// (责任单位, 分管领导) are summaries and are skipped.
    static func fromGrid(path: String, sheets: [(name: String, rows: [(number: Int, cells: [String])])]) throws -> Master {
        var tables: [TaskTable] = []
        var seen: [String: String] = [:]
        for sheet in sheets {
            guard let header = sheet.rows.first?.cells,
                let idColumn = header.firstIndex(where: { TextKey.of($0) == TextKey.of(MasterWorkbook.idColumn) })
            else { continue }
            let columnPositions = header.indices.filter { $0 != idColumn && !header[$0].isEmpty }
            let columns = columnPositions.map { TableColumn(name: ColumnName.normalise(header[$0]), role: ColumnRole.recognise(header[$0])) }
            guard columns.contains(where: { $0.role == .primaryUnits }) else { continue }
            var tasks: [Task] = []
            for row in sheet.rows.dropFirst() {
                let id = idColumn < row.cells.count ? NameList.clean(row.cells[idColumn]) : ""
                guard !id.isEmpty else { continue }
                if let other = seen[id] {
                    throw ImportError(path: path, line: row.number, message: "task id \(id) appears twice (sheet \(sheet.name); first in \(other))")
                }
                seen[id] = sheet.name
                let cells = columnPositions.map { $0 < row.cells.count ? row.cells[$0] : "" }
                var task = Task(id: id, table: tables.count, cells: cells, leaders: [], primaryUnits: [], relatedUnits: [],
                                sourceLine: row.number)
                for (column, text) in zip(columns, cells) {
                    // Most cells are one line; splitting by Character would walk grapheme clusters.
                    let lines = text.utf8.contains(0x0A) ? text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) : [text]
                    let names = NameList(lines: lines).names
                    switch column.role {
                    case .leaders: task.leaders = names
                    case .primaryUnits: task.primaryUnits = names
                    case .relatedUnits: task.relatedUnits = names
                    default: break
                    }
                }
                task.relatedUnits.removeAll { task.primaryUnits.contains($0) }
                tasks.append(task)
            }
            tables.append(TaskTable(name: sheet.name, columns: columns, tasks: tasks))
        }
        guard !tables.isEmpty else {
            throw ImportError(path: path, message: "no master table: no sheet whose first row has 编号 and 主要责任单位 (or a synonym)")
        }
        return Master(documentNumber: nil, title: nil, tables: tables)
    }
}
