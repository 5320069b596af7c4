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
    /// 报送截止时间, shown under the title and in 填报说明.
    public var deadline: CalendarDay?
    /// The office's 联系人、电话、邮箱, as typed, shown the same way.
    public var contact: String
    /// Last round's values, shown and pre-filled (a workspace's later rounds); nil for none.
    public var carryOver: CarryOver?

    public init(template: ReportTemplate, period: String, password: String?, grouping: Distribution.Grouping,
                masterFingerprint: String, document: String, deadline: CalendarDay? = nil, contact: String = "",
                carryOver: CarryOver? = nil) {
        self.template = template
        self.period = period
        self.password = password
        self.grouping = grouping
        self.masterFingerprint = masterFingerprint
        self.document = document
        self.deadline = deadline
        self.contact = contact
        self.carryOver = carryOver
    }

    var style: WorkbookStyle { WorkbookStyle(template.style) }

    /// The values the title, the line under it and 填报说明 are filled with.
    func placeholders(unit: String) -> [String: String] {
        let template = self.template
        return [
            "unit": unit,
            "period": period.isEmpty ? "本期" : period,
            "document": document,
            "deadline": deadline?.chinese ?? "",
            "contact": contact,
            "previous": carryOver?.round ?? "",
            "columns": template.columns.map { "“\($0.name)”" }.joined(separator: "、"),
            "required": template.columns.filter(\.required).map(\.name).joined(separator: "”“"),
            "statuses": template.column(ofType: .choice)?.values.joined(separator: "、") ?? "",
            "percentRange": template.column(ofType: .percent).map {
                "\(NumberText.format($0.minimum))至\(NumberText.format($0.maximum))"
            } ?? "",
        ]
    }
}

/// The ready-to-send workbook of one responsible unit: a sheet per source table with its tasks
/// locked and shaded, blank progress cells unlocked with validation, a reporter block, a 填报说明
/// sheet, and identification (custom properties and a hidden metadata sheet) that survives
/// re-saving in Excel, WPS or LibreOffice.
public enum UnitWorkbook {
    public static let instructionsSheet = "填报说明"
    public static let metadataSheet = "_xlsx_tasks"
    /// Below the title and the line with 文件、报送截止时间、联系人 (``SheetHeading``).
    public static let reporterRow = 2
    public static let headerRow = 3
    public static let firstTaskRow = 4
    /// The narrowest column a reporter blank goes in: a phone number or a date must fit.
    static let reporterInputWidth = 14.0

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
        let style = settings.style
        // The source's own 序号 restarts in every table and says less than 编号: not shown.
        let shown = table.columns.indices.filter { table.columns[$0].role != .sequence }
        let taskColumns = [MasterWorkbook.idColumn] + shown.map { table.columns[$0].name }
        // Last round's columns, locked like the task, between the task and the new report.
        let carryOver = settings.carryOver
        let referenceColumns = carryOver?.headers ?? []
        let lastColumn = taskColumns.count + referenceColumns.count + template.columns.count - 1
        let tasks = section.tasks(in: table)
        let references = tasks.map { carryOver?.referenceCells(of: $0.id) ?? [] }
        func longestText(_ texts: [String]) -> String { texts.max { $0.utf8.count < $1.utf8.count } ?? "" }
        let longest = [""] + shown.map { column in longestText(tasks.map { $0.cells[column] }) }
            + referenceColumns.indices.map { column in longestText(references.map { $0[column] }) }
        let widths = PrintLayout.fitting([9.0] + shown.map { ColumnWidths.width(for: table.columns[$0]) } + (carryOver?.widths ?? [])
                                            + template.columns.map(\.width),
                                         fontSize: style.fontSize, longest: longest)
        for (column, width) in widths.enumerated() {
            try sheet.setColumnWidth(column...column, width: width)
        }

        var title = template.title(unit: recipient, table: table.name, period: settings.period, document: settings.document)
        if section.role == .related { title += "（配合任务）" }
        try SheetHeading.write(title: title, subtitle: subtitle(settings), across: lastColumn, style: style, to: sheet)
        try writeReporter(template.reporter, widths: widths, style: style, to: sheet)

        let headerNames = taskColumns + referenceColumns + template.columns.map(\.name)
        try sheet.setRowHeight(headerRow, height: style.rowHeight(headerNames, widths: widths))
        try sheet.writeRow(taskColumns + referenceColumns, row: headerRow, style: style.header)
        let firstInput = taskColumns.count + referenceColumns.count
        try sheet.writeRow(template.columns.map(\.name), row: headerRow, firstColumn: firstInput, style: style.progressHeader)

        // The hot loop: formats registered once, no per-cell style lookups.
        let taskFormat = sheet.workbook.format(style.locked)
        let inputFormats = template.columns.map { sheet.workbook.format($0.type == .date ? style.inputDate : style.input) }
        let taskWidths = Array(widths.dropFirst())
        for (offset, task) in tasks.enumerated() {
            let row = firstTaskRow + offset
            let cells = shown.map { task.cells[$0] } + references[offset]
            try sheet.setRowHeight(row, height: style.rowHeight(cells, widths: taskWidths))
            try sheet.write(task.id, row: row, column: 0, format: taskFormat)
            for (index, text) in cells.enumerated() {
                // 上期进度 is a number, as the unit typed it (a unit may sort or sum it).
                if index >= shown.count, let number = Double(text), text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) {
                    try sheet.write(number, row: row, column: index + 1, format: taskFormat)
                } else {
                    try sheet.write(text, row: row, column: index + 1, format: taskFormat)
                }
            }
            let prefilled = carryOver?.prefilled(unit: recipient, task: task.id) ?? [:]
            for (index, format) in inputFormats.enumerated() {
                // Every input cell is written, empty or not: an unwritten cell stays locked.
                switch prefilled[index] {
                case .text(let text)?: try sheet.write(text, row: row, column: firstInput + index, format: format)
                case .number(let number)?, .date(let number)?: try sheet.write(number, row: row, column: firstInput + index, format: format)
                case nil: try sheet.writeBlank(row: row, column: firstInput + index, format: format)
                }
            }
        }

        if !tasks.isEmpty {
            let rows = firstTaskRow...(firstTaskRow + tasks.count - 1)
            for (index, column) in template.columns.enumerated() {
                let position = firstInput + index
                if let validation = validation(for: column) {
                    try sheet.addValidation(validation, rows: rows, columns: position...position)
                }
            }
        }

        sheet.freezePanes(row: firstTaskRow, column: 1)
        try PrintLayout.apply(to: sheet, style: style, repeatRows: headerRow...headerRow,
                              header: style.pageHeader(left: settings.document, right: recipient))
        sheet.protect(password: settings.password)
    }

    /// "文件：太政发〔2020〕9号　报送截止时间：2020年7月10日　联系人：…".
    static func subtitle(_ settings: SplitSettings) -> String {
        var parts = ["文件：\(settings.document)"]
        if let deadline = settings.deadline { parts.append("报送截止时间：\(deadline.chinese)") }
        if !settings.contact.isEmpty { parts.append("联系人：\(settings.contact)") }
        return parts.joined(separator: "　")
    }

    /// 填报人、联系电话、填报日期: each blank goes in a column wide enough for a phone number or
    /// a date, its label right-aligned in the column before (spilling left into the empty
    /// cells, so a narrow label column does not cut it).
    static func writeReporter(_ fields: [ReportTemplate.ReporterField], widths: [Double], style: WorkbookStyle,
                              to sheet: XlsxWorksheet) throws {
        try sheet.setRowHeight(reporterRow, height: (style.fontSize * 2).rounded(.up))
        var column = 1
        for field in fields {
            while column < widths.count - 1 && widths[column] < reporterInputWidth { column += 1 }
            guard column < widths.count else { break }
            try sheet.write(field.label + "：", row: reporterRow, column: column - 1, style: style.label)
            try sheet.writeBlank(row: reporterRow, column: column, style: field.type == .date ? style.reporterDate : style.reporterInput)
            if field.type == .date {
                try sheet.addValidation(dateValidation(field.label), rows: reporterRow...reporterRow, columns: column...column)
            }
            column += 2
        }
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

    /// Column width of 填报说明: A4 portrait at 11 pt holds about 76 (see PrintLayout.points).
    static let instructionsWidth = 74.0

    static func writeInstructions(_ sheet: XlsxWorksheet, recipient: String, settings: SplitSettings) throws {
        let style = settings.style
        let values = settings.placeholders(unit: recipient)
        try sheet.setColumnWidth(0...0, width: instructionsWidth)
        try sheet.setRowHeight(0, height: (style.style.titleSize * 2.2).rounded(.up))
        try sheet.write(instructionsSheet, row: 0, column: 0, style: CellStyle(
            fontName: style.titleFont, fontSize: style.style.titleSize, horizontal: .center, vertical: .center))
        var row = 1
        // A line whose optional parts were all empty (no deadline given) is left out.
        for line in settings.template.instructions {
            let text = Placeholders.fill(line, values)
            if text.isEmpty && !line.isEmpty { continue }
            try sheet.setRowHeight(row, height: style.rowHeight([text], widths: [instructionsWidth]))
            try sheet.write(text, row: row, column: 0, style: style.paragraph)
            row += 1
        }
        try PrintLayout.apply(to: sheet, style: style, repeatRows: nil)
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
