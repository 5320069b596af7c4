import Foundation
import WorkbookIO

/// Writes the merged master: a sheet per source table with every task and its combined
/// progress, then 汇总 (per unit), 未报送单位, 问题清单 and 收文清单.
public enum MergedWorkbook {
    public static let summarySheet = "汇总"
    public static let missingSheet = "未报送单位"
    public static let problemsSheet = "问题清单"
    public static let filesSheet = "收文清单"
    public static let detailSheet = "分单位明细"
    public static let reportersColumn = "填报单位"
    public static let notReportedColumn = "未报送单位"
    public static let updatedColumn = "更新时间"
    /// In 分单位明细: what a unit typed into columns the form does not have, "header：value".
    public static let extrasColumn = "附加内容"

    static let header = WorkbookStyle.header
    static let progressHeader = WorkbookStyle.progressHeader
    static let body = WorkbookStyle.body
    static let dateBody = CellStyle(wrap: true, border: true, vertical: .top, numberFormat: "yyyy-mm-dd")
    static let title = CellStyle(bold: true, fontSize: 14)
    /// Status colours: done green, on schedule blue, late red, not started amber.
    static let statusColours: [(fill: UInt32, font: UInt32)] = [
        (0xC6EFCE, 0x006100), (0xDDEBF7, 0x1F4E78), (0xFFC7CE, 0x9C0006), (0xFFEB9C, 0x9C5700),
    ]


    public static func write(_ result: MergeResult, to destination: URL) throws {
        try XlsxWorkbook.write(to: destination, options: .init(constantMemory: true)) { workbook in
            try workbook.setProperties(.init(
                title: "\(result.master.displayName) 汇总表" + (result.period.isEmpty ? "" : "（\(result.period)）"),
                subject: result.master.displayName, author: "xlsx-tasks"))
            try workbook.setCustomProperty(DocumentProperty.kind, "merged")
            try workbook.setCustomProperty(DocumentProperty.period, result.period)
            try workbook.setCustomProperty(DocumentProperty.masterFingerprint, Fingerprint.of(master: result.master))
            var names: [String] = [summarySheet, detailSheet, missingSheet, problemsSheet, filesSheet]
            for (index, table) in result.master.tables.enumerated() {
                let name = SheetName.make(table.name, avoiding: names)
                names.append(name)
                try writeTable(index, of: result, to: workbook.addWorksheet(named: name))
            }
            try writeSummary(result, to: workbook.addWorksheet(named: summarySheet))
            try writeDetail(result, to: workbook.addWorksheet(named: detailSheet))
            try writeMissing(result, to: workbook.addWorksheet(named: missingSheet))
            try writeProblems(result, to: workbook.addWorksheet(named: problemsSheet))
            try writeFiles(result, to: workbook.addWorksheet(named: filesSheet))
        }
    }

    static func writeTable(_ tableIndex: Int, of result: MergeResult, to sheet: XlsxWorksheet) throws {
        let table = result.master.tables[tableIndex]
        let template = result.template
        let taskColumns = [MasterWorkbook.idColumn] + table.columns.map(\.name)
        let extra = [reportersColumn, notReportedColumn, updatedColumn]
        let widths = [9.0] + table.columns.map(ColumnWidths.width(for:)) + template.columns.map(\.width) + [14, 14, 12]
        for (column, width) in widths.enumerated() { try sheet.setColumnWidth(column...column, width: width) }
        try sheet.writeRow(taskColumns, row: 0, style: header)
        try sheet.writeRow(template.columns.map(\.name) + extra, row: 0, firstColumn: taskColumns.count, style: progressHeader)
        let dates = Dictionary(result.files.compactMap { file in file.reportDate.map { (file.path, $0) } }, uniquingKeysWith: max)
        let bodyFormat = sheet.workbook.format(body), dateFormat = sheet.workbook.format(dateBody)
        let firstProgress = taskColumns.count
        let after = firstProgress + template.columns.count
        for (offset, task) in table.tasks.enumerated() {
            let row = offset + 1
            try sheet.write(task.id, row: row, column: 0, format: bodyFormat)
            for (index, text) in task.cells.enumerated() { try sheet.write(text, row: row, column: index + 1, format: bodyFormat) }
            // A unit has reported when it typed anything; the same rule for every column here.
            let reports = (result.reports[task.id] ?? []).filter(\.hasValues)
            let labelled = Set(task.primaryUnits + reports.map(\.unit)).count > 1
            for (index, column) in template.columns.enumerated() {
                let position = firstProgress + index
                switch reports.isEmpty ? nil : ValueCombination.combine(reports, column: index, spec: column, labelled: labelled) {
                case .text(let text)?: try sheet.write(text, row: row, column: position, format: bodyFormat)
                case .number(let number)?: try sheet.write(number, row: row, column: position, format: bodyFormat)
                case .date(let serial)?: try sheet.write(serial, row: row, column: position, format: dateFormat)
                case nil: try sheet.writeBlank(row: row, column: position, format: bodyFormat)
                }
            }
            let reporters = reports.map(\.unit)
            try sheet.write(reporters.joined(separator: "、"), row: row, column: after, format: bodyFormat)
            let missing = task.primaryUnits.filter { !reporters.contains($0) }
            try sheet.write(missing.joined(separator: "、"), row: row, column: after + 1, format: bodyFormat)
            if let latest = reports.compactMap({ dates[$0.file] }).max() {
                try sheet.write(latest, row: row, column: after + 2, format: dateFormat)
            } else {
                try sheet.writeBlank(row: row, column: after + 2, format: bodyFormat)
            }
        }
        if let status = template.columns.firstIndex(where: { $0.type == .choice }), !table.tasks.isEmpty {
            let column = taskColumns.count + status
            for (value, colours) in zip(template.columns[status].values, statusColours) {
                try sheet.highlightCells(equalTo: value, rows: 1...table.tasks.count, columns: column...column,
                                         style: CellStyle(fontColor: colours.font, backgroundColor: colours.fill))
            }
        }
        sheet.freezePanes(row: 1, column: 1)
        try sheet.autofilter(rows: 0...max(1, table.tasks.count), columns: 0...(widths.count - 1))
        try PrintLayout.apply(to: sheet, repeatRows: 0...0)
    }

    static func writeSummary(_ result: MergeResult, to sheet: XlsxWorksheet) throws {
        let template = result.template
        let choice = template.columns.firstIndex { $0.type == .choice }
        let choiceValues = choice.map { template.columns[$0].values } ?? []
        let columns = ["序号", "单位", "是否报送", "文件", "任务数", "已填报"] + choiceValues + ["问题数", "旧文件差异"]
        try sheet.write("\(result.master.displayName) 汇总" + (result.period.isEmpty ? "" : "（\(result.period)）"),
                        row: 0, column: 0, style: title)
        let rules = ValueCombination.rules(template)
        for (offset, line) in rules.enumerated() { try sheet.write(line, row: offset + 1, column: 0) }
        let headerRow = rules.count + 2
        try sheet.writeRow(columns, row: headerRow, style: header)
        for (index, width) in ([6, 16, 10, 34, 8, 8] + choiceValues.map { _ in 9.0 } + [8, 10]).enumerated() {
            try sheet.setColumnWidth(index...index, width: width)
        }
        var units = result.master.units.map(\.name)
        for file in result.files where file.status == .accepted {
            if let unit = file.unit, !units.contains(unit) { units.append(unit) }
        }
        let index = result.index
        let reportsByUnit = Dictionary(grouping: result.reports.values.joined(), by: \.unit)
        let acceptedFiles = Dictionary(result.files.filter { $0.status == .accepted }.compactMap { file in file.unit.map { ($0, file) } },
                                       uniquingKeysWith: { first, _ in first })
        // 问题数 counts what 问题清单 lists for the unit's accepted file; a superseded file's
        // differences are counted apart.
        let problemsByFile = Dictionary(grouping: result.problems, by: \.file).mapValues(\.count)
        var supersededByUnit: [String: Int] = [:]
        for file in result.files where file.status == .superseded {
            if let unit = file.unit { supersededByUnit[unit, default: 0] += file.problems.count }
        }
        for (offset, unit) in units.enumerated() {
            let row = headerRow + 1 + offset
            let file = acceptedFiles[unit]
            let reports = (reportsByUnit[unit] ?? []).filter(\.hasValues)
            var values: [String] = [String(offset + 1), unit, file == nil ? "未报送" : "已报送", file?.path ?? "",
                                    String(index.expectedTasks(of: unit).count), String(reports.count)]
            for value in choiceValues {
                values.append(String(reports.filter { $0.values[choice!] == .text(value) }.count))
            }
            values.append(String(file.map { problemsByFile[$0.path] ?? 0 } ?? 0))
            values.append(String(supersededByUnit[unit] ?? 0))
            for (column, text) in values.enumerated() {
                if column == 1 || column == 2 || column == 3 {
                    try sheet.write(text, row: row, column: column, style: body)
                } else {
                    try sheet.write(Double(text) ?? 0, row: row, column: column, style: body)
                }
            }
        }
        sheet.freezePanes(row: headerRow + 1, column: 2)
        try PrintLayout.apply(to: sheet, repeatRows: headerRow...headerRow)
    }

    /// Every accepted report as it was typed, one row per (task, unit): the combined cells of
    /// the table sheets keep only the lowest percentage and the worst status, so the other
    /// units' figures are here.
    static func writeDetail(_ result: MergeResult, to sheet: XlsxWorksheet) throws {
        let template = result.template
        let columns = ["编号", "表", "单位"] + template.columns.map(\.name) + [extrasColumn, "文件", "行"]
        try sheet.writeRow(Array(columns.prefix(3)), row: 0, style: header)
        try sheet.writeRow(template.columns.map(\.name), row: 0, firstColumn: 3, style: progressHeader)
        try sheet.writeRow([extrasColumn, "文件", "行"], row: 0, firstColumn: 3 + template.columns.count, style: header)
        let widths = [9.0, 20, 14] + template.columns.map(\.width) + [24, 24, 6]
        for (index, width) in widths.enumerated() { try sheet.setColumnWidth(index...index, width: width) }
        let bodyFormat = sheet.workbook.format(body), dateFormat = sheet.workbook.format(dateBody)
        let count = template.columns.count
        var row = 1
        for table in result.master.tables {
            for task in table.tasks {
                for report in result.reports[task.id] ?? [] {
                    try sheet.write(task.id, row: row, column: 0, format: bodyFormat)
                    try sheet.write(table.name, row: row, column: 1, format: bodyFormat)
                    try sheet.write(report.unit, row: row, column: 2, format: bodyFormat)
                    for index in 0..<count {
                        switch report.values[index] {
                        case .text(let text)?: try sheet.write(text, row: row, column: 3 + index, format: bodyFormat)
                        case .number(let number)?: try sheet.write(number, row: row, column: 3 + index, format: bodyFormat)
                        case .date(let serial)?: try sheet.write(serial, row: row, column: 3 + index, format: dateFormat)
                        case nil: try sheet.writeBlank(row: row, column: 3 + index, format: bodyFormat)
                        }
                    }
                    try sheet.write(report.extras.joined(separator: "\n"), row: row, column: 3 + count, format: bodyFormat)
                    try sheet.write(report.file, row: row, column: 4 + count, format: bodyFormat)
                    try sheet.write(Double(report.row), row: row, column: 5 + count, format: bodyFormat)
                    row += 1
                }
            }
        }
        sheet.freezePanes(row: 1, column: 3)
        try PrintLayout.apply(to: sheet, repeatRows: 0...0)
        try sheet.autofilter(rows: 0...max(1, row - 1), columns: 0...(columns.count - 1))
    }

    static func writeMissing(_ result: MergeResult, to sheet: XlsxWorksheet) throws {
        try sheet.writeRow(["序号", "单位", "任务数"], row: 0, style: header)
        try sheet.setColumnWidth(0...0, width: 6)
        try sheet.setColumnWidth(1...1, width: 18)
        let counts = Dictionary(result.master.units.map { ($0.name, $0.tasks) }, uniquingKeysWith: +)
        for (offset, unit) in result.missingUnits.enumerated() {
            try sheet.write(Double(offset + 1), row: offset + 1, column: 0, style: body)
            try sheet.write(unit, row: offset + 1, column: 1, style: body)
            try sheet.write(Double(counts[unit] ?? 0), row: offset + 1, column: 2, style: body)
        }
        sheet.freezePanes(row: 1, column: 0)
        try PrintLayout.apply(to: sheet, repeatRows: 0...0)
    }

    static func writeProblems(_ result: MergeResult, to sheet: XlsxWorksheet) throws {
        let columns = ["序号", "文件", "单位", "工作表", "行", "编号", "列", "值", "问题", "说明"]
        try sheet.writeRow(columns, row: 0, style: header)
        for (index, width) in [6.0, 28, 14, 20, 6, 9, 14, 36, 14, 40].enumerated() {
            try sheet.setColumnWidth(index...index, width: width)
        }
        // A sheet holds 1,048,576 rows: the rest are counted in the last one (and are all in --json).
        let problems = result.problems
        let shown = min(problems.count, 1_048_574)
        if shown < problems.count {
            try sheet.write("还有 \(problems.count - shown) 条问题超出 Excel 行数上限，未列出（命令行 --json 输出中有全部问题）",
                            row: shown + 1, column: 1, style: body)
        }
        for (offset, problem) in problems.prefix(shown).enumerated() {
            let row = offset + 1
            try sheet.write(Double(row), row: row, column: 0, style: body)
            try sheet.write(problem.file, row: row, column: 1, style: body)
            try sheet.write(problem.unit ?? "", row: row, column: 2, style: body)
            try sheet.write(problem.sheet ?? "", row: row, column: 3, style: body)
            if let number = problem.row { try sheet.write(Double(number), row: row, column: 4, style: body) }
            else { try sheet.writeBlank(row: row, column: 4, style: body) }
            try sheet.writeRow([problem.task ?? "", problem.column ?? "", problem.value ?? "", problem.kind.chinese, problem.chineseMessage],
                               row: row, firstColumn: 5, style: body)
        }
        sheet.freezePanes(row: 1, column: 0)
        try PrintLayout.apply(to: sheet, repeatRows: 0...0)
        try sheet.autofilter(rows: 0...max(1, shown), columns: 0...(columns.count - 1))
    }

    static func writeFiles(_ result: MergeResult, to sheet: XlsxWorksheet) throws {
        let columns = ["序号", "文件", "单位", "识别依据", "状态", "任务行数", "填报日期", "期次", "取舍依据", "说明"]
        try sheet.writeRow(columns, row: 0, style: header)
        for (index, width) in [6.0, 40, 14, 12, 10, 9, 12, 16, 24, 50].enumerated() {
            try sheet.setColumnWidth(index...index, width: width)
        }
        let status: [MergeResult.Status: String] = [
            .accepted: "已采用", .rejected: "未采用", .superseded: "已被替代", .skipped: "已跳过", .unpacked: "已解压",
        ]
        for (offset, file) in result.files.enumerated() {
            let row = offset + 1
            try sheet.write(Double(row), row: row, column: 0, style: body)
            try sheet.writeRow([file.path, file.unit ?? "", file.identifiedBy?.chinese ?? "", status[file.status]!],
                               row: row, firstColumn: 1, style: body)
            try sheet.write(Double(file.rows), row: row, column: 5, style: body)
            if let date = file.reportDate { try sheet.write(date, row: row, column: 6, style: dateBody) }
            else { try sheet.writeBlank(row: row, column: 6, style: body) }
            let note = file.note ?? (file.status == .rejected ? file.problems.first?.chineseMessage ?? ""
                : file.supersededBy.map { "已采用 " + $0 } ?? "")
            try sheet.writeRow([file.period ?? "", file.decidedBy?.chinese ?? "", note], row: row, firstColumn: 7, style: body)
        }
        sheet.freezePanes(row: 1, column: 0)
        try PrintLayout.apply(to: sheet, repeatRows: 0...0)
    }
}
