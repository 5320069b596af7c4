import Foundation
import WorkbookIO

/// What every workbook of one split run shares.
public struct SplitSettings: Sendable {
    public var template: ReportTemplate
    /// "2020年第二季度"; may be empty.
    public var period: String
    /// Sheet password; nil or empty protects without one.
    public var password: String?
    public var grouping: Distribution.Grouping
    public var masterFingerprint: String
    /// Document name used in titles, e.g. "太政发〔2020〕9号".
    public var document: String

    public init(template: ReportTemplate, period: String, password: String?, grouping: Distribution.Grouping,
                masterFingerprint: String, document: String) {
        self.template = template
        self.period = period
        self.password = password
        self.grouping = grouping
        self.masterFingerprint = masterFingerprint
        self.document = document
    }
}

/// The ready-to-send workbook of one responsible unit: a sheet per source table with its tasks
/// locked and shaded, blank progress cells unlocked with validation, a reporter block, a 填报说明
/// sheet, and identification (custom properties and a hidden metadata sheet) that survives
/// re-saving in Excel, WPS or LibreOffice.
public enum UnitWorkbook {
    public static let instructionsSheet = "填报说明"
    public static let metadataSheet = "_xlsx_tasks"
    public static let titleRow = 0
    public static let reporterRow = 1
    public static let headerRow = 2
    public static let firstTaskRow = 3

    static let title = WorkbookStyle.title
    static let titleAcross = CellStyle(bold: true, fontSize: 14, horizontal: .centerAcross, vertical: .center)
    static let taskHeader = WorkbookStyle.header
    static let progressHeader = WorkbookStyle.progressHeader
    static let taskCell = CellStyle(backgroundColor: 0xF2F2F2, wrap: true, border: true, vertical: .top)
    static let inputCell = CellStyle(wrap: true, locked: false, border: true, vertical: .top)
    static let inputDate = CellStyle(wrap: true, locked: false, border: true, vertical: .top, numberFormat: "yyyy-mm-dd")
    static let label = CellStyle(bold: true, horizontal: .right, vertical: .center)
    static let reporterInput = CellStyle(locked: false, border: true, vertical: .center)
    static let reporterDate = CellStyle(locked: false, border: true, vertical: .center, numberFormat: "yyyy-mm-dd")

    /// Recipients with more tasks than this are written in constant-memory mode.
    static let constantMemoryAbove = 20_000

    public static func write(
        _ recipient: Distribution.Recipient, of master: Master, settings: SplitSettings, to destination: URL
    ) throws {
        // Rows are written top to bottom, so constant-memory mode (rows straight to disk) is
        // possible; it only pays for very large recipients: for the usual few hundred tasks the
        // in-memory mode is faster (a shared-string table instead of inline strings: smaller
        // XML to deflate) and its memory is small.
        let tasks = recipient.primaryTaskCount + recipient.relatedTaskCount
        let options = XlsxWorkbook.Options(constantMemory: tasks > UnitWorkbook.constantMemoryAbove)
        try XlsxWorkbook.write(to: destination, options: options) { workbook in
            let template = settings.template
            try workbook.setProperties(.init(
                title: template.title(unit: recipient.name, table: template.name, period: settings.period,
                                      document: settings.document),
                subject: settings.document, author: "xlsx-tasks", keywords: recipient.name,
                comments: "请在白色单元格中填报，灰色单元格为任务内容，请勿修改。"))
            for (name, value) in identification(recipient, settings: settings) {
                try workbook.setCustomProperty(name, value)
            }
            var sheetNames: [String] = []
            var metadataRows: [[String]] = []
            for section in recipient.sections {
                let table = master.tables[section.table]
                let base = section.role == .primary ? table.name : table.name + "（配合）"
                let sheetName = SheetName.make(base, avoiding: sheetNames + [instructionsSheet, metadataSheet])
                sheetNames.append(sheetName)
                let sheet = try workbook.addWorksheet(named: sheetName)
                try writeTaskSheet(sheet, section: section, table: table, recipient: recipient.name, settings: settings)
                metadataRows += section.tasks(in: table).map { [$0.id, sheetName, section.role.rawValue, Fingerprint.of(task: $0)] }
            }
            try writeInstructions(workbook.addWorksheet(named: instructionsSheet), recipient: recipient.name, settings: settings)
            let metadata = try workbook.addWorksheet(named: metadataSheet)
            try writeMetadata(metadata, recipient: recipient.name, settings: settings, tasks: metadataRows)
            metadata.hideCompletely()
        }
    }

    /// Custom document properties: the first thing merge looks at to tell whose file it is.
    static func identification(_ recipient: Distribution.Recipient, settings: SplitSettings) -> [(String, String)] {
        [
            (DocumentProperty.kind, "unit-report"),
            (DocumentProperty.unit, recipient.name),
            (DocumentProperty.period, settings.period),
            (DocumentProperty.template, settings.template.id),
            (DocumentProperty.masterFingerprint, settings.masterFingerprint),
            (DocumentProperty.grouping, settings.grouping.rawValue),
            // Named in the merge's message when the file meets another master (Excel keeps 255 characters).
            (DocumentProperty.document, String(settings.document.prefix(200))),
        ]
    }

    static func writeTaskSheet(
        _ sheet: XlsxWorksheet, section: Distribution.Section, table: TaskTable, recipient: String, settings: SplitSettings
    ) throws {
        let template = settings.template
        let taskColumns = [MasterWorkbook.idColumn] + table.columns.map(\.name)
        let lastColumn = taskColumns.count + template.columns.count - 1
        let widths = [9.0] + table.columns.map(ColumnWidths.width(for:)) + template.columns.map(\.width)
        for (column, width) in widths.enumerated() {
            try sheet.setColumnWidth(column...column, width: width)
        }

        var title = template.title(unit: recipient, table: table.name, period: settings.period, document: settings.document)
        if section.role == .related { title += "（配合任务）" }
        try sheet.setRowHeight(titleRow, height: 32)
        try sheet.write(title, row: titleRow, column: 0, style: titleAcross)
        for column in 1...lastColumn { try sheet.writeBlank(row: titleRow, column: column, style: titleAcross) }

        try sheet.setRowHeight(reporterRow, height: 22)
        for (index, field) in template.reporter.enumerated() {
            let column = index * 2
            try sheet.write(field.label + "：", row: reporterRow, column: column, style: label)
            try sheet.writeBlank(row: reporterRow, column: column + 1, style: field.type == .date ? reporterDate : reporterInput)
            if field.type == .date {
                try sheet.addValidation(dateValidation(field.label), rows: reporterRow...reporterRow, columns: (column + 1)...(column + 1))
            }
        }

        try sheet.writeRow(taskColumns, row: headerRow, style: taskHeader)
        try sheet.writeRow(template.columns.map(\.name), row: headerRow, firstColumn: taskColumns.count, style: progressHeader)

        // The hot loop: formats registered once, no per-cell style lookups.
        let taskFormat = sheet.workbook.format(taskCell)
        let inputFormats = template.columns.map { sheet.workbook.format($0.type == .date ? inputDate : inputCell) }
        let firstInput = taskColumns.count
        let tasks = section.tasks(in: table)
        for (offset, task) in tasks.enumerated() {
            let row = firstTaskRow + offset
            try sheet.setRowHeight(row, height: RowHeight.estimate(task.cells, widths: widths.dropFirst()))
            try sheet.write(task.id, row: row, column: 0, format: taskFormat)
            for (index, text) in task.cells.enumerated() {
                try sheet.write(text, row: row, column: index + 1, format: taskFormat)
            }
            for (index, format) in inputFormats.enumerated() {
                // Every input cell is written, empty or not: an unwritten cell stays locked.
                try sheet.writeBlank(row: row, column: firstInput + index, format: format)
            }
        }

        if !tasks.isEmpty {
            let rows = firstTaskRow...(firstTaskRow + tasks.count - 1)
            for (index, column) in template.columns.enumerated() {
                let position = taskColumns.count + index
                if let validation = validation(for: column) {
                    try sheet.addValidation(validation, rows: rows, columns: position...position)
                }
            }
        }

        sheet.freezePanes(row: firstTaskRow, column: 1)
        try PrintLayout.apply(to: sheet, repeatRows: headerRow...headerRow,
                              header: WorkbookStyle.pageHeader(left: settings.document, right: recipient))
        sheet.protect(password: settings.password)
    }

    /// Dropdowns, number ranges and prompts, in Chinese, from the template.
    static func validation(for column: ReportTemplate.Column) -> DataValidation? {
        switch column.type {
        case .choice:
            let list = column.values.joined(separator: "、")
            return DataValidation(
                .list(column.values), inputTitle: column.name, inputMessage: column.prompt ?? "请从下拉列表中选择：\(list)",
                errorTitle: "输入有误", errorMessage: "“\(column.name)”只能选择：\(list)。")
        case .percent:
            let range = "\(NumberText.format(column.minimum)) 到 \(NumberText.format(column.maximum))"
            return DataValidation(
                .decimal(minimum: column.minimum, maximum: column.maximum), inputTitle: column.name,
                inputMessage: column.prompt ?? "请填写 \(range) 之间的数字。",
                errorTitle: "输入有误", errorMessage: "“\(column.name)”请填写 \(range) 之间的数字，不要带 % 号。")
        case .date:
            var validation = dateValidation(column.name)
            if let prompt = column.prompt { validation.inputMessage = prompt }
            return validation
        case .text:
            guard let prompt = column.prompt else { return nil }
            return DataValidation(.any, inputTitle: column.name, inputMessage: prompt)
        }
    }

    static func dateValidation(_ name: String) -> DataValidation {
        DataValidation(
            .date(from: (2000, 1, 1), to: (2099, 12, 31)), inputTitle: name, inputMessage: "请填写日期，例如 2020-06-30。",
            errorTitle: "输入有误", errorMessage: "“\(name)”请填写日期，例如 2020-06-30。")
    }

    static func writeInstructions(_ sheet: XlsxWorksheet, recipient: String, settings: SplitSettings) throws {
        let template = settings.template
        let values = [
            "unit": recipient,
            "period": settings.period.isEmpty ? "本期" : settings.period,
            "document": settings.document,
            "columns": template.columns.map { "“\($0.name)”" }.joined(separator: "、"),
            "required": template.columns.filter(\.required).map(\.name).joined(separator: "”“"),
            "statuses": template.column(ofType: .choice)?.values.joined(separator: "、") ?? "",
            "percentRange": template.column(ofType: .percent).map {
                "\(NumberText.format($0.minimum)) 到 \(NumberText.format($0.maximum))"
            } ?? "",
        ]
        try sheet.setColumnWidth(0...0, width: 100)
        try sheet.setRowHeight(0, height: 28)
        try sheet.write(instructionsSheet, row: 0, column: 0, style: title)
        for (index, line) in template.instructions.enumerated() {
            let text = Placeholders.fill(line, values)
            try sheet.setRowHeight(index + 1, height: RowHeight.estimate([(text, 100)]))
            try sheet.write(text, row: index + 1, column: 0, style: CellStyle(wrap: true, vertical: .top))
        }
        try PrintLayout.apply(to: sheet, repeatRows: nil)
        sheet.protect(password: settings.password)
    }

    static func writeMetadata(_ sheet: XlsxWorksheet, recipient: String, settings: SplitSettings, tasks: [[String]]) throws {
        let pairs = identification(
            Distribution.Recipient(name: recipient, sections: []), settings: settings)
        try sheet.writeRow(["本工作表供系统识别文件使用，请勿修改或删除。"], row: 0)
        for (index, pair) in pairs.enumerated() {
            try sheet.writeRow([pair.0, pair.1], row: index + 1)
        }
        let header = pairs.count + 2
        try sheet.writeRow(MetadataSheet.taskHeader, row: header)
        for (offset, row) in tasks.enumerated() {
            try sheet.writeRow(row, row: header + 1 + offset)
        }
        sheet.protect(password: settings.password)
    }
}

/// Layout of the hidden metadata sheet, shared by the writer and the merge step.
public enum MetadataSheet {
    public static let taskHeader = ["编号", "工作表", "角色", "指纹"]
}
