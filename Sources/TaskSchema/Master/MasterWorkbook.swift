import Foundation
import WorkbookIO

/// Writes the master task list as a workbook: one sheet per source table (编号 + the table's
/// columns), a sheet of responsible units and one of leaders.
public enum MasterWorkbook {
    /// Column header of task ids everywhere a task goes.
    public static let idColumn = "编号"
    public static let unitsSheet = "责任单位"
    public static let leadersSheet = "分管领导"

    public static func write(_ master: Master, to destination: URL) throws {
        // Constant-memory mode streams rows to disk, so a 100,000-task master stays small in memory.
        try XlsxWorkbook.write(to: destination, options: .init(constantMemory: true)) { workbook in
            try workbook.setProperties(.init(
                title: master.title, subject: master.documentNumber, author: "xlsx-tasks",
                comments: "任务总表（由 xlsx-tasks 生成）"))
            try workbook.setCustomProperty(DocumentProperty.kind, "master")
            try workbook.setCustomProperty(DocumentProperty.masterFingerprint, Fingerprint.of(master: master))
            // Read back by MasterSource: a split or a workspace from this file names the document as the original does.
            if let number = master.documentNumber { try workbook.setCustomProperty(DocumentProperty.document, String(number.prefix(200))) }
            if let title = master.title { try workbook.setCustomProperty(DocumentProperty.title, String(title.prefix(200))) }
            var names: [String] = []
            for table in master.tables {
                let name = SheetName.make(table.name, avoiding: names + [unitsSheet, leadersSheet])
                names.append(name)
                try writeTable(table, to: workbook.addWorksheet(named: name))
            }
            try writeTally(
                master.units, relatedCounts: Dictionary(master.relatedUnits, uniquingKeysWith: +),
                header: ["序号", "单位", "主要责任任务数", "配合任务数"], to: workbook.addWorksheet(named: unitsSheet))
            try writeTally(master.leaders, relatedCounts: nil, header: ["序号", "分管领导", "任务数"],
                           to: workbook.addWorksheet(named: leadersSheet))
        }
    }

    /// The master is written before any template is chosen: the standard style.
    static let style = WorkbookStyle.standard

    static func writeTable(_ table: TaskTable, to sheet: XlsxWorksheet) throws {
        let widths = [8] + table.columns.map(ColumnWidths.width(for:))
        for (index, width) in widths.enumerated() {
            // The source's 序号 stays in the file (it is the document's) but is not shown next to 编号.
            try sheet.setColumnWidth(index...index, width: width, hidden: index > 0 && table.columns[index - 1].role == .sequence)
        }
        let names = [idColumn] + table.columns.map(\.name)
        try sheet.setRowHeight(0, height: style.rowHeight(names, widths: widths))
        try sheet.writeRow(names, row: 0, style: style.header)
        let body = sheet.workbook.format(style.body)
        for (row, task) in table.tasks.enumerated() {
            try sheet.setRowHeight(row + 1, height: style.rowHeight(task.cells, widths: widths.dropFirst()))
            try sheet.write(task.id, row: row + 1, column: 0, format: body)
            for (column, text) in task.cells.enumerated() { try sheet.write(text, row: row + 1, column: column + 1, format: body) }
        }
        sheet.freezePanes(row: 1, column: 1)
        try sheet.autofilter(rows: 0...max(1, table.tasks.count), columns: 0...table.columns.count)
        try PrintLayout.apply(to: sheet, style: style, repeatRows: 0...0)
    }

    static func writeTally(
        _ tally: [(name: String, tasks: Int)], relatedCounts: [String: Int]?, header columns: [String],
        to sheet: XlsxWorksheet
    ) throws {
        let header = style.header, body = style.body
        try sheet.writeRow(columns, row: 0, style: header)
        try sheet.setColumnWidth(0...0, width: 6)
        try sheet.setColumnWidth(1...1, width: 18)
        try sheet.setColumnWidth(2...3, width: 14)
        for (index, entry) in tally.enumerated() {
            try sheet.write(Double(index + 1), row: index + 1, column: 0, style: body)
            try sheet.write(entry.name, row: index + 1, column: 1, style: body)
            try sheet.write(Double(entry.tasks), row: index + 1, column: 2, style: body)
            if let relatedCounts {
                try sheet.write(Double(relatedCounts[entry.name] ?? 0), row: index + 1, column: 3, style: body)
            }
        }
        sheet.freezePanes(row: 1, column: 0)
        try PrintLayout.apply(to: sheet, columns: relatedCounts == nil ? 3 : 4, style: style, repeatRows: 0...0)
    }
}

/// Column widths (in Excel character units) by what the column holds.
enum ColumnWidths {
    static func width(for column: TableColumn) -> Double {
        switch column.role {
        case .sequence: return 6
        case .category: return 16
        case .project: return 22
        case .content: return 56
        case .leaders: return 12
        case .primaryUnits, .relatedUnits: return 18
        case .deadline: return 14
        case nil: return 36
        }
    }
}

/// Names of the custom document properties xlsx-tasks writes and reads.
public enum DocumentProperty {
    public static let kind = "xlsx-tasks.kind"
    public static let unit = "xlsx-tasks.unit"
    public static let period = "xlsx-tasks.period"
    public static let template = "xlsx-tasks.template"
    public static let masterFingerprint = "xlsx-tasks.master"
    public static let grouping = "xlsx-tasks.grouping"
    public static let document = "xlsx-tasks.document"
    public static let title = "xlsx-tasks.title"
}
