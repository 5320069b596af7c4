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
    /// The clerk's corrections (a workspace's `correct`), when there are any.
    public static let correctionsSheet = "人工更正"
    public static let reportersColumn = "填报单位"
    public static let notReportedColumn = "未报送单位"
    public static let updatedColumn = "更新时间"
    /// With a plan's span: 序时进度 on the round's day, 超序时 / 序时 / 滞后于序时, and 红黄蓝绿.
    public static let paceColumns = ["序时进度（%）", "序时情况", "督办"]
    /// In 分单位明细: what a unit typed into columns the form does not have, "header：value".
    public static let extrasColumn = "附加内容"

    /// Shown in the first progress cell of a task no unit reported on.
    public static let unreportedText = "未报送"
    /// Every sheet's table starts below its title and the line under it.
    public static let headerRow = SheetHeading.rows
    /// Status colours: done green, on schedule blue, late red, not started amber.
    static let statusColours: [(fill: UInt32, font: UInt32)] = [
        (0xC6EFCE, 0x006100), (0xDDEBF7, 0x1F4E78), (0xFFC7CE, 0x9C0006), (0xFFEB9C, 0x9C5700),
    ]


    /// What every sheet's heading says; made once so that all sheets agree.
    struct Context {
        var result: MergeResult
        var style: WorkbookStyle
        /// "太政发〔2020〕9号（2020年第二季度）".
        var document: String
        /// "生成时间：2026年12月2日 13:05".
        var generated: String

        func subtitle(_ extra: String? = nil) -> String { ([generated] + (extra.map { [$0] } ?? [])).joined(separator: "　") }
        func pageHeader(_ sheet: String) -> String { style.pageHeader(left: document, right: sheet) }
    }

    public static func write(_ result: MergeResult, to destination: URL, generatedAt date: Date = Date()) throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy年M月d日 HH:mm"
        let context = Context(
            result: result, style: WorkbookStyle(result.template.style),
            document: result.master.displayName + (result.period.isEmpty ? "" : "（\(result.period)）"),
            generated: "生成时间：" + formatter.string(from: date))
        try XlsxWorkbook.write(to: destination, options: .init(constantMemory: true)) { workbook in
            try workbook.setProperties(.init(
                title: "\(result.master.displayName) 汇总表" + (result.period.isEmpty ? "" : "（\(result.period)）"),
                subject: result.master.displayName, author: "xlsx-tasks"))
            try workbook.setCustomProperty(DocumentProperty.kind, "merged")
            try workbook.setCustomProperty(DocumentProperty.period, result.period)
            try workbook.setCustomProperty(DocumentProperty.masterFingerprint, Fingerprint.of(master: result.master))
            var names: [String] = [summarySheet, detailSheet, missingSheet, problemsSheet, filesSheet, correctionsSheet, historySheet]
            for (index, table) in result.master.tables.enumerated() {
                let name = SheetName.make(table.name, avoiding: names)
                names.append(name)
                try writeTable(index, context, to: workbook.addWorksheet(named: name))
            }
            try writeSummary(context, to: workbook.addWorksheet(named: summarySheet))
            try writeDetail(context, to: workbook.addWorksheet(named: detailSheet))
            try writeMissing(context, to: workbook.addWorksheet(named: missingSheet))
            try writeProblems(context, to: workbook.addWorksheet(named: problemsSheet))
            try writeFiles(context, to: workbook.addWorksheet(named: filesSheet))
            if !result.corrections.isEmpty { try writeCorrections(context, to: workbook.addWorksheet(named: correctionsSheet)) }
            // With one round so far the history is 分单位明细 again: written from the second round on.
            if let history = result.history, history.rounds.count > 1 { try writeHistory(history, context, to: workbook.addWorksheet(named: historySheet)) }
        }
    }

    /// A plain table: heading, header row, then `rows` (each cell text or a number), row heights
    /// from the wrapped text, repeated header, print rule.
    /// Returns the first row below what it wrote (a chart can go there) and the points the rows
    /// above it take (to place a page break before a chart that would not fit).
    @discardableResult
    static func writeList(
        _ context: Context, title: String, columns: [String], widths natural: [Double], rows: [[ListCell]], note: String? = nil,
        freezeColumns: Int = 0, filter: Bool = false, landscape: Bool = false, repeatHeader: Bool = true, to sheet: XlsxWorksheet
    ) throws -> (next: Int, height: Double) {
        var next = headerRow + 1 + rows.count
        let style = context.style
        let longest = natural.indices.map { column in
            rows.lazy.map { column < $0.count ? $0[column].text : "" }.max { $0.utf8.count < $1.utf8.count } ?? ""
        }
        let widths = PrintLayout.fitting(natural, fontSize: style.fontSize, longest: longest)
        for (index, width) in widths.enumerated() { try sheet.setColumnWidth(index...index, width: width) }
        try SheetHeading.write(title: title, subtitle: context.subtitle(), across: columns.count - 1, style: style, to: sheet)
        var height = SheetHeading.height(style: style) + style.rowHeight(columns, widths: widths)
        try sheet.setRowHeight(headerRow, height: style.rowHeight(columns, widths: widths))
        try sheet.writeRow(columns, row: headerRow, style: style.header)
        let body = sheet.workbook.format(style.body), date = sheet.workbook.format(style.dateBody)
        let percent = sheet.workbook.format(style.percentBody)
        for (offset, cells) in rows.enumerated() {
            let row = headerRow + 1 + offset
            let rowHeight = style.rowHeight(cells.map(\.text), widths: widths)
            height += rowHeight
            try sheet.setRowHeight(row, height: rowHeight)
            for (column, cell) in cells.enumerated() {
                switch cell {
                case .text(let text): try sheet.write(text, row: row, column: column, format: body)
                case .number(let number): try sheet.write(number, row: row, column: column, format: body)
                case .date(let serial): try sheet.write(serial, row: row, column: column, format: date)
                case .percent(let share): try sheet.write(share, row: row, column: column, format: percent)
                case .blank: try sheet.writeBlank(row: row, column: column, format: body)
                }
            }
        }
        if let note {
            // Under the table, a line a row, broken to the table's width: a wrapped cell would
            // need cells merged across the table, which constant-memory mode cannot write.
            let tableWidth = widths.reduce(0, +)
            let lines = note.split(separator: "\n").flatMap { RowHeight.wrapped(String($0), width: tableWidth, fontSize: style.fontSize) }
            height += SheetHeading.defaultRowHeight
            for (offset, line) in lines.enumerated() {
                let row = headerRow + 2 + rows.count + offset
                let lineHeight = style.rowHeight([line], widths: [tableWidth])
                height += lineHeight
                try sheet.setRowHeight(row, height: lineHeight)
                try sheet.write(line, row: row, column: 0, style: style.note)
                next = row + 1
            }
        }
        sheet.freezePanes(row: headerRow + 1, column: freezeColumns)
        if filter { try sheet.autofilter(rows: headerRow...(headerRow + max(1, rows.count)), columns: 0...(columns.count - 1)) }
        try PrintLayout.apply(to: sheet, style: style, repeatRows: repeatHeader ? headerRow...headerRow : nil, header: context.pageHeader(title),
                              landscape: landscape)
        return (next, height)
    }

    enum ListCell {
        case text(String), number(Double), date(Double), blank
        /// A share (0.243), shown as 24.3%.
        case percent(Double)
        var text: String {
            switch self {
            case .text(let text): return text
            case .number(let number): return NumberText.format(number)
            case .date: return "2020-12-31"
            case .percent: return "99.9%"
            case .blank: return ""
            }
        }
        init(_ value: ReportedValue?) {
            switch value {
            case .text(let text)?: self = .text(text)
            case .number(let number)?: self = .number(number)
            case .date(let serial)?: self = .date(serial)
            case nil: self = .blank
            }
        }
    }

    static func writeTable(_ tableIndex: Int, _ context: Context, to sheet: XlsxWorksheet) throws {
        let result = context.result, style = context.style
        let table = result.master.tables[tableIndex]
        let template = result.template
        let taskColumns = [MasterWorkbook.idColumn] + table.columns.map(\.name)
        // With the plan's span known: how each task stands against 序时进度, and its light.
        let pace = result.pace
        let extra = [reportersColumn, notReportedColumn, updatedColumn] + (pace == nil ? [] : paceColumns)
        let natural = [9.0] + table.columns.map { $0.role == .sequence ? 0 : ColumnWidths.width(for: $0) }
            + template.columns.map(\.width) + [14, 14, 12] + (pace == nil ? [] : [9, 9, 6])
        let longest = [""] + table.columns.indices.map { column in
            table.tasks.map { $0.cells[column] }.max { $0.utf8.count < $1.utf8.count } ?? ""
        }
        let widths = PrintLayout.fitting(natural, fontSize: style.fontSize, longest: longest)
        for (column, width) in widths.enumerated() {
            // The source's 序号 is kept (hidden) next to 编号.
            try sheet.setColumnWidth(column...column, width: width, hidden: width == 0)
        }
        let title = "\(ReportTemplate.stem(ofTable: table.name))推进情况汇总表"
        try SheetHeading.write(title: title, subtitle: context.subtitle(context.document), across: widths.count - 1, style: style, to: sheet)
        let headerNames = taskColumns + template.columns.map(\.name) + extra
        try sheet.setRowHeight(headerRow, height: style.rowHeight(headerNames, widths: widths))
        try sheet.writeRow(taskColumns, row: headerRow, style: style.header)
        try sheet.writeRow(template.columns.map(\.name) + extra, row: headerRow, firstColumn: taskColumns.count, style: style.progressHeader)
        let dates = Dictionary(result.files.compactMap { file in file.reportDate.map { (file.path, $0) } }, uniquingKeysWith: max)
        let bodyFormat = sheet.workbook.format(style.body), dateFormat = sheet.workbook.format(style.dateBody)
        let unreportedFormat = sheet.workbook.format(style.unreported)
        let firstProgress = taskColumns.count
        let after = firstProgress + template.columns.count
        for (offset, task) in table.tasks.enumerated() {
            let row = headerRow + 1 + offset
            // A unit has reported when it typed anything; the same rule for every column here.
            let reports = (result.reports[task.id] ?? []).filter(\.hasValues)
            let labelled = Set(task.primaryUnits + reports.map(\.unit)).count > 1
            let values: [ReportedValue?] = template.columns.indices.map { index in
                reports.isEmpty ? nil : ValueCombination.combine(reports, column: index, spec: template.columns[index], labelled: labelled)
            }
            let reporters = reports.map(\.unit)
            let missing = task.primaryUnits.filter { !reporters.contains($0) }
            let texts = [task.id] + task.cells + values.map { ListCell($0).text } + [reporters.joined(separator: "、"), missing.joined(separator: "、")]
            // Rows are written in order (constant memory): the height first.
            try sheet.setRowHeight(row, height: style.rowHeight(texts, widths: widths))
            try sheet.write(task.id, row: row, column: 0, format: bodyFormat)
            for (index, text) in task.cells.enumerated() { try sheet.write(text, row: row, column: index + 1, format: bodyFormat) }
            for (index, value) in values.enumerated() {
                let position = firstProgress + index
                switch value {
                case .text(let text)?: try sheet.write(text, row: row, column: position, format: bodyFormat)
                case .number(let number)?: try sheet.write(number, row: row, column: position, format: bodyFormat)
                case .date(let serial)?: try sheet.write(serial, row: row, column: position, format: dateFormat)
                case nil where reports.isEmpty:
                    // Nobody reported: shaded, and said in words (a blank could be an empty report).
                    if index == 0 { try sheet.write(unreportedText, row: row, column: position, format: unreportedFormat) }
                    else { try sheet.writeBlank(row: row, column: position, format: unreportedFormat) }
                default: try sheet.writeBlank(row: row, column: position, format: bodyFormat)
                }
            }
            try sheet.write(reporters.joined(separator: "、"), row: row, column: after, format: bodyFormat)
            try sheet.write(missing.joined(separator: "、"), row: row, column: after + 1, format: bodyFormat)
            if let latest = reports.compactMap({ dates[$0.file] }).max() {
                try sheet.write(latest, row: row, column: after + 2, format: dateFormat)
            } else {
                try sheet.writeBlank(row: row, column: after + 2, format: bodyFormat)
            }
            if let standing = pace?.standings[task.id] {
                try sheet.write((standing.expected * 10).rounded() / 10, row: row, column: after + 3, format: bodyFormat)
                try sheet.write(standing.pace?.chinese ?? "", row: row, column: after + 4, format: bodyFormat)
                try sheet.write(standing.light.chinese, row: row, column: after + 5, format: bodyFormat)
            }
        }
        let rows = (headerRow + 1)...(headerRow + max(1, table.tasks.count))
        if let status = template.columns.firstIndex(where: { $0.type == .choice }), !table.tasks.isEmpty {
            let column = taskColumns.count + status
            for (value, colours) in zip(template.columns[status].values, statusColours) {
                try sheet.highlightCells(equalTo: value, rows: rows, columns: column...column,
                                         style: CellStyle(fontColor: colours.font, backgroundColor: colours.fill))
            }
        }
        if pace != nil, !table.tasks.isEmpty {
            for light in Light.allCases {
                let colours = light.colours
                try sheet.highlightCells(equalTo: light.chinese, rows: rows, columns: (after + 5)...(after + 5),
                                         style: CellStyle(fontColor: colours.font, backgroundColor: colours.fill))
            }
            try sheet.highlightCells(equalTo: PaceClass.behind.chinese, rows: rows, columns: (after + 4)...(after + 4),
                                     style: CellStyle(fontColor: Light.yellow.colours.font, backgroundColor: Light.yellow.colours.fill))
        }
        sheet.freezePanes(row: headerRow + 1, column: 1)
        try sheet.autofilter(rows: headerRow...rows.upperBound, columns: 0...(widths.count - 1))
        try PrintLayout.apply(to: sheet, style: style, repeatRows: headerRow...headerRow, header: context.pageHeader(title))
    }

    /// One row per unit: whether it reported, its counts by status, 完成率; a 合计 row with
    /// 报送率 and 完成率; the rules the merged cells follow underneath. Narrow enough for A4
    /// landscape at full size, about 25 units a page (the files are in 收文清单).
    static func writeSummary(_ context: Context, to sheet: XlsxWorksheet) throws {
        let result = context.result, style = context.style
        let template = result.template
        let choice = template.columns.firstIndex { $0.type == .choice }
        let choiceValues = choice.map { template.columns[$0].values } ?? []
        let done = template.doneStatus.flatMap { choiceValues.firstIndex(of: $0) }
        let columns = ["序号", "单位", "报送情况", "任务数", "已填报"] + choiceValues + ["完成率", "问题数", "旧文件差异"]
        let widths = [5.0, 16, 9, 7, 7] + choiceValues.map { _ in 8.0 } + [8, 7, 8]
        // 问题数 counts what 问题清单 lists for the unit's accepted file; a superseded file's
        // differences are counted apart.
        var supersededByUnit: [String: Int] = [:]
        for file in result.files where file.status == .superseded {
            if let unit = file.unit { supersededByUnit[unit, default: 0] += file.problems.count }
        }
        func percent(_ part: Int, _ whole: Int) -> String {
            whole == 0 ? "—" : NumberText.format((Double(part) * 1000 / Double(whole)).rounded() / 10) + "%"
        }
        func share(_ part: Int, _ whole: Int) -> ListCell { whole == 0 ? .text("—") : .percent(Double(part) / Double(whole)) }
        var rows: [[ListCell]] = []
        var totals = [Int](repeating: 0, count: 3 + choiceValues.count + 2)
        var reported = 0
        let figures = UnitFigures.of(result)
        for (offset, unit) in figures.enumerated() {
            let superseded = supersededByUnit[unit.name] ?? 0
            if unit.returned { reported += 1 }
            let numbers = [unit.tasks, unit.reported] + unit.byStatus
            for (position, number) in numbers.enumerated() { totals[position] += number }
            totals[numbers.count] += unit.problems
            totals[numbers.count + 1] += superseded
            rows.append([.number(Double(offset + 1)), .text(unit.name), .text(unit.returned ? "已报送" : "未报送")]
                        + numbers.map { .number(Double($0)) }
                        + [share(unit.completed, unit.tasks), .number(Double(unit.problems)), .number(Double(superseded))])
        }
        let units = figures
        let taskTotal = totals[0]
        let completedTotal = done.map { totals[2 + $0] } ?? 0
        let numbers = Array(totals.prefix(2 + choiceValues.count))
        rows.append([.blank, .text("合计"), .text("\(reported)/\(units.count)")] + numbers.map { .number(Double($0)) }
                    + [share(completedTotal, taskTotal), .number(Double(totals[numbers.count])),
                       .number(Double(totals[numbers.count + 1]))])
        let rate = "报送率：\(reported)/\(units.count) 个单位（\(percent(reported, units.count))）；完成率：\(completedTotal)/\(taskTotal) 项（\(percent(completedTotal, taskTotal))）。"
        var rules = [rate] + ValueCombination.rules(template)
        if let pace = result.pace {
            let lights = pace.lights
            rules.insert("序时进度：\(NumberText.format((pace.expected * 10).rounded() / 10))%（截至\(pace.day.chinese)，计划期\(pace.span.start.chinese)至\(pace.span.end.chinese)）；"
                         + "督办（无单位填报的任务不亮灯，计为未报送）：" + Light.allCases.map { "\($0.label) \(lights[$0] ?? 0) 项" }.joined(separator: "、") + "。", at: 1)
        }
        try writeList(context, title: "\(result.master.displayName) 各单位报送情况汇总", columns: columns, widths: widths, rows: rows,
                      note: rules.joined(separator: "\n"), freezeColumns: 2, landscape: true, to: sheet)
    }

    /// Every accepted report as it was typed, one row per (task, unit): the combined cells of
    /// the table sheets keep only the lowest percentage and the worst status, so the other
    /// units' figures are here.
    static func writeDetail(_ context: Context, to sheet: XlsxWorksheet) throws {
        let result = context.result
        let template = result.template
        // Who to call: the reporter of the unit's accepted file, beside the unit.
        let columns = ["编号", "表", "单位", "填报人", "联系电话"] + template.columns.map(\.name) + [extrasColumn, "文件", "行"]
        let widths = [9.0, 16, 14, 8, 13] + template.columns.map(\.width) + [20, 20, 6]
        let reporters = Dictionary(result.files.filter { $0.status == .accepted }.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[ListCell]] = []
        for table in result.master.tables {
            for task in table.tasks {
                for report in result.reports[task.id] ?? [] {
                    let file = reporters[report.file]
                    rows.append([.text(task.id), .text(table.name), .text(report.unit), .text(file?.reporter ?? ""), .text(file?.phone ?? "")]
                                + template.columns.indices.map { ListCell(report.values[$0]) }
                                + [.text(report.extras.joined(separator: "\n")), .text(report.file), .number(Double(report.row))])
                }
            }
        }
        try writeList(context, title: "分单位填报明细", columns: columns, widths: widths, rows: rows, freezeColumns: 3, filter: true, to: sheet)
    }

    static func writeMissing(_ context: Context, to sheet: XlsxWorksheet) throws {
        let result = context.result
        let counts = Dictionary(result.master.units.map { ($0.name, $0.tasks) }, uniquingKeysWith: +)
        let rows: [[ListCell]] = result.missingUnits.enumerated().map { offset, unit in
            [.number(Double(offset + 1)), .text(unit), .number(Double(counts[unit] ?? 0))]
        }
        try writeList(context, title: "未报送单位", columns: ["序号", "单位", "任务数"], widths: [6, 24, 10], rows: rows, to: sheet)
    }

    static func writeProblems(_ context: Context, to sheet: XlsxWorksheet) throws {
        let columns = ["序号", "级别", "文件", "单位", "工作表", "行", "编号", "列", "值", "问题", "说明"]
        // A sheet holds 1,048,576 rows: the rest are counted in a note (and are all in --json).
        let problems = context.result.problems
        let shown = min(problems.count, 1_048_570)
        let rows: [[ListCell]] = problems.prefix(shown).enumerated().map { offset, problem in
            [.number(Double(offset + 1)), .text(problem.level.chinese), .text(problem.file), .text(problem.unit ?? ""), .text(problem.sheet ?? ""),
             problem.row.map { .number(Double($0)) } ?? .blank, .text(problem.task ?? ""), .text(problem.column ?? ""),
             .text(problem.value ?? ""), .text(problem.kind.chinese), .text(problem.chineseMessage)]
        }
        let note = shown < problems.count ? "还有 \(problems.count - shown) 条问题超出 Excel 行数上限，未列出（命令行 --json 输出中有全部问题）" : nil
        try writeList(context, title: "问题清单", columns: columns, widths: [5, 6, 22, 12, 16, 5, 8, 12, 24, 12, 36], rows: rows,
                      note: note, filter: true, to: sheet)
    }

    static func writeFiles(_ context: Context, to sheet: XlsxWorksheet) throws {
        let columns = ["序号", "文件", "单位", "识别依据", "状态", "任务行数", "填报日期", "填报人", "联系电话", "期次", "取舍依据", "来源邮件", "说明"]
        let status: [MergeResult.Status: String] = [
            .accepted: "已采用", .rejected: "未采用", .superseded: "已被替代", .skipped: "已跳过", .unpacked: "已解压", .blank: "原样退回",
        ]
        let rows: [[ListCell]] = context.result.files.enumerated().map { offset, file in
            let note = file.note ?? (file.status == .rejected ? file.problems.first?.chineseMessage ?? ""
                : file.supersededBy.map { "已采用 " + $0 } ?? "")
            // A mail is not unzipped: its attachments are taken out.
            let shownStatus = file.status == .unpacked && file.mail?.message == file.path ? "已取出附件" : status[file.status]!
            return [.number(Double(offset + 1)), .text(file.path), .text(file.unit ?? ""), .text(file.identifiedBy?.chinese ?? ""),
                    .text(shownStatus), .number(Double(file.rows)), file.reportDate.map { .date($0) } ?? .blank,
                    .text(file.reporter ?? ""), .text(file.phone ?? ""), .text(file.period ?? ""), .text(file.decidedBy?.chinese ?? ""), .text(file.mail?.summary ?? ""), .text(note)]
        }
        try writeList(context, title: "收文清单", columns: columns, widths: [5, 28, 12, 10, 9, 8, 12, 8, 13, 16, 18, 22, 36], rows: rows, to: sheet)
    }

    static func writeCorrections(_ context: Context, to sheet: XlsxWorksheet) throws {
        let columns = ["序号", "编号", "单位", "列", "更正为", "原填报值", "更正原因", "更正时间", "更正人"]
        let rows: [[ListCell]] = context.result.corrections.enumerated().map { offset, correction in
            [.number(Double(offset + 1)), .text(correction.task), .text(correction.unit), .text(correction.column),
             .text(correction.value.displayText), .text(correction.replaced ?? "（未填报）"), .text(correction.reason),
             .text(LocalTime.shown(iso: correction.at)), .text(correction.who)]
        }
        try writeList(context, title: "人工更正", columns: columns, widths: [5, 9, 14, 12, 20, 20, 30, 20, 10], rows: rows, to: sheet)
    }
}
