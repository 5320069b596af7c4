import Foundation
import WorkbookIO

/// Loads the master task list from whatever SOURCE is: the document (.docx or its text
/// export), or a master spreadsheet (.xlsx made by `import`, a .xls or CSV with the same
/// columns), decided by the file's content.
public enum MasterSource {
    public static func load(_ path: String) throws -> Master {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ImportError(path: path, message: "is a folder, not the task document or a master; SOURCE comes first (merge SOURCE RETURNED... -o merged.xlsx)")
        }
        if let special = SpecialFile.kind(path) { throw ImportError(path: path, message: "is \(special), not a task document") }
        let reader: any SpreadsheetReader
        do {
            reader = try Workbook.open(path, limits: .trusted)
        } catch where error.kind == .notSpreadsheet && error.found == .wordPackage {
            return MasterAssembler.assemble(try DocxReader(path: path).read())
        } catch where error.kind == .notSpreadsheet {
            throw ImportError(path: path, message: "not a task document or master spreadsheet: \(error.message)")
        } catch {
            throw ImportError(path: path, message: error.message)
        }
        guard reader.format == .csv else { return try fromSpreadsheet(reader) }
        // Text is a master in CSV when its first line names the id column, else the document's
        // text export.
        do {
            return try fromSpreadsheet(reader, requiringIDColumn: true)
        } catch is NotATable {
            return try DocumentImporter.importText(path)
        } catch is WorkbookError {
            return try DocumentImporter.importText(path)
        }
    }

    private struct NotATable: Error {}

    /// Every visible sheet whose first row is a task table, read in one pass: each row becomes a
    /// task as it streams by, no grid of the whole sheet.
    static func fromSpreadsheet(_ reader: any SpreadsheetReader, requiringIDColumn: Bool = false) throws -> Master {
        do {
            var builder = MasterTableBuilder(path: reader.path)
            for (index, sheet) in reader.sheets.enumerated() where sheet.state == .visible {
                var table: MasterTableBuilder.Table? = nil
                var first = true
                var texts: [String] = []
                try reader.readRows(ofSheet: index, keepingRows: true) { row in
                    guard let last = row.cells.last else { return }
                    texts.removeAll(keepingCapacity: true)
                    texts.append(contentsOf: repeatElement("", count: last.column + 1))
                    for cell in row.cells {
                        if case .text(let text) = cell.value {
                            texts[cell.column] = text
                        } else {
                            texts[cell.column] = cell.value.displayText(date1904: reader.date1904)
                        }
                    }
                    if first {
                        first = false
                        if requiringIDColumn && !MasterTableBuilder.namesIDColumn(texts) { throw NotATable() }
                        table = builder.beginTable(name: sheet.name, header: texts)
                    } else if table != nil {
                        try builder.add(row: texts, number: row.index + 1, to: &table!)
                    }
                }
                if first && requiringIDColumn { throw NotATable() }
                if let table { builder.finish(table) }
            }
            // A master written by import keeps the document's number and title in its properties.
            var master = try builder.master()
            master.documentNumber = reader.customProperties[DocumentProperty.document].flatMap { $0.isEmpty ? nil : $0 }
            master.title = reader.customProperties[DocumentProperty.title].flatMap { $0.isEmpty ? nil : $0 }
            return master
        } catch let error as WorkbookError where !requiringIDColumn {
            throw ImportError(path: reader.path, message: error.message)
        }
    }
}

/// Builds a master from spreadsheet rows, one row at a time.
///
/// Every sheet whose first row has 编号 and known task columns is a table; other sheets
/// (责任单位, 分管领导) are summaries and are skipped.
struct MasterTableBuilder {
    struct Table {
        var name: String
        var idColumn: Int
        var columnPositions: [Int]
        var columns: [TableColumn]
        /// (position among `columns`, role) of the columns that name people or units.
        var nameColumns: [(index: Int, role: ColumnRole)]
        var tasks: [Task] = []
    }

    let path: String
    private var tables: [TaskTable] = []
    /// Ids seen so far (a set, not a map to the sheet: half the memory; the rare error looks
    /// the first sheet up).
    private var seenIDs: Set<String> = []
    /// Names per distinct cell text: the same few unit lists recur across thousands of tasks,
    /// so they are parsed once and every task shares one array (a tenth of the master's memory).
    private var namesByCell: [UTF8Key: [String]] = [:]

    init(path: String) { self.path = path }

    /// The header row has the id column (编号) and at least one other.
    static func namesIDColumn(_ header: [String]) -> Bool {
        header.count > 1 && header.contains { TextKey.of($0) == TextKey.of(MasterWorkbook.idColumn) }
    }

    /// The table a sheet with this header row holds, or nil if the sheet is not a task table.
    func beginTable(name: String, header: [String]) -> Table? {
        let idKey = TextKey.of(MasterWorkbook.idColumn)
        guard let idColumn = header.firstIndex(where: { TextKey.of($0) == idKey }) else { return nil }
        let positions = header.indices.filter { $0 != idColumn && !header[$0].isEmpty }
        let columns = positions.map { TableColumn(name: ColumnName.normalise(header[$0]), role: ColumnRole.recognise(header[$0])) }
        guard columns.contains(where: { $0.role == .primaryUnits }) else { return nil }
        let nameColumns = columns.enumerated().compactMap { index, column -> (Int, ColumnRole)? in
            guard let role = column.role, [.leaders, .primaryUnits, .relatedUnits].contains(role) else { return nil }
            return (index, role)
        }
        return Table(name: name, idColumn: idColumn, columnPositions: positions, columns: columns, nameColumns: nameColumns)
    }

    mutating func add(row: [String], number: Int, to table: inout Table) throws {
        let id = table.idColumn < row.count ? NameList.clean(row[table.idColumn]) : ""
        guard !id.isEmpty else { return }
        if !seenIDs.insert(id).inserted {
            let other = tables.first { $0.tasks.contains { $0.id == id } }?.name ?? table.name
            throw ImportError(path: path, line: number, message: "task id \(id) appears twice (sheet \(table.name); first in \(other))")
        }
        let cells = table.columnPositions.map { $0 < row.count ? row[$0] : "" }
        var task = Task(id: id, table: tables.count, cells: cells, leaders: [], primaryUnits: [], relatedUnits: [],
                        sourceLine: number)
        for (index, role) in table.nameColumns {
            let text = cells[index]
            let names: [String]
            if let known = namesByCell[UTF8Key(text)] {
                names = known
            } else {
                // Most cells are one line; splitting by Character would walk grapheme clusters.
                let lines = text.utf8.contains(0x0A) ? text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) : [text]
                names = NameList(lines: lines).names
                namesByCell[UTF8Key(text)] = names
            }
            switch role {
            case .leaders: task.leaders = names
            case .primaryUnits: task.primaryUnits = names
            default: task.relatedUnits = names
            }
        }
        task.dropPrimaryFromRelated()
        table.tasks.append(task)
    }

    mutating func finish(_ table: Table) {
        tables.append(TaskTable(name: table.name, columns: table.columns, tasks: table.tasks))
    }

    func master() throws -> Master {
        guard !tables.isEmpty else {
            throw ImportError(path: path, message: "no master table: no sheet whose first row has 编号 and 主要责任单位 (or a synonym)")
        }
        return Master(documentNumber: nil, title: nil, tables: tables)
    }
}
