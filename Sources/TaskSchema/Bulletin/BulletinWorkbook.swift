import Foundation
import WorkbookIO

/// The 督查通报 workbook the leaders read: 总体情况 (the paragraph, counts by status and by
/// light, charts), a sheet per 分管领导, 滞后任务, 未报送单位, 单位排名 (with a chart of each
/// unit's completion) and, from the second round on, 历次对比 with the trend. Print-ready like
/// every workbook the tool writes; the charts are Excel charts over the tables beside them.
public enum BulletinWorkbook {
    public static let overviewSheet = "总体情况"
    public static let laggingSheet = "滞后任务"
    public static let missingSheet = "未报送单位"
    public static let rankingSheet = "单位排名"
    public static let trendSheet = "历次对比"
    /// The bar chart of every unit's completion, on a page of its own (it is as tall as a page).
    public static let rankingChartSheet = "完成率图"

    typealias Cell = MergedWorkbook.ListCell

    public static func write(_ facts: BulletinFacts, result: MergeResult, to destination: URL, generatedAt date: Date = Date()) throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy年M月d日 HH:mm"
        let style = WorkbookStyle(result.template.style)
        let context = MergedWorkbook.Context(result: result, style: style, document: "\(facts.document)（\(facts.round)）",
                                             generated: "生成时间：" + formatter.string(from: date))
        try XlsxWorkbook.write(to: destination) { workbook in
            try workbook.setProperties(.init(title: "\(facts.document) 督查通报（\(facts.round)）", subject: facts.document, author: "xlsx-tasks"))
            try workbook.setCustomProperty(DocumentProperty.kind, "bulletin")
            try workbook.setCustomProperty(DocumentProperty.period, facts.round)
            var names = [overviewSheet, laggingSheet, missingSheet, rankingSheet, rankingChartSheet, trendSheet]
            try writeOverview(facts, context, to: workbook.addWorksheet(named: overviewSheet))
            for leader in facts.leaders {
                let name = SheetName.make(leader, avoiding: names)
                names.append(name)
                try writeLeader(leader, facts, context, to: workbook.addWorksheet(named: name))
            }
            try writeLagging(facts, context, to: workbook.addWorksheet(named: laggingSheet))
            try writeMissing(facts, result: result, context, to: workbook.addWorksheet(named: missingSheet))
            let ranking = try workbook.addWorksheet(named: rankingSheet)
            try writeRanking(facts, context, to: ranking)
            if !facts.units.isEmpty { try writeRankingChart(facts, context, ranking: ranking, to: workbook.addWorksheet(named: rankingChartSheet)) }
            if facts.trend.count > 1 { try writeTrend(facts, context, to: workbook.addWorksheet(named: trendSheet)) }
        }
    }

    static func percent(_ value: Double?) -> Cell { value.map { .number(($0 * 10).rounded() / 10) } ?? .blank }

    /// Counts by status, then by light; the paragraph under them; a pie of the statuses and a
    /// column chart of the lights below.
    static func writeOverview(_ facts: BulletinFacts, _ context: MergedWorkbook.Context, to sheet: XlsxWorksheet) throws {
        let total = facts.tasks.count
        var rows: [[Cell]] = facts.byStatus.map { [.text("推进状态"), .text($0.name), .number(Double($0.count)), .percent(share($0.count, total))] }
        let lights = facts.pace?.lights
        if let lights {
            rows += Light.allCases.map { light in
                [.text("督办"), .text(light.label), .number(Double(lights[light] ?? 0)), .percent(share(lights[light] ?? 0, total))]
            }
        }
        let returned = facts.units.count - facts.missingUnits.count
        rows.append([.text("报送"), .text("已报送单位"), .number(Double(returned)), .percent(share(returned, facts.units.count))])
        rows.append([.text("报送"), .text("未报送单位"), .number(Double(facts.missingUnits.count)), .percent(share(facts.missingUnits.count, facts.units.count))])
        let (next, used) = try MergedWorkbook.writeList(context, title: "\(facts.document) 督查通报（\(facts.round)）", columns: ["类别", "项目", "数量", "占比"],
                                                        widths: [16, 30, 14, 14], rows: rows, note: "总体情况：" + BulletinText.overview(facts),
                                                        repeatHeader: false, to: sheet)
        // The charts stand whole on a page: under the paragraph when they fit on page 1 (the
        // rows' computed heights), else at the top of page 2.
        let chartHeight = 280.0 * 72 / 96
        if used + SheetHeading.defaultRowHeight + chartHeight > PrintLayout.printableHeight(landscape: false) {
            try sheet.setPageBreaks(before: [next + 1])
        }
        let first = MergedWorkbook.headerRow + 1
        let statusRows = first...(first + facts.byStatus.count - 1)
        var pie = XlsxChart(kind: .pie, title: "任务推进状态分布（共\(total)项）",
                            series: [.init(name: "任务数", sheet: sheet.name, rows: statusRows, categoryColumn: 1, valueColumn: 2,
                                           pointColours: statusColours(facts.byStatus.count))],
                            font: context.style.bodyFont)
        // Side by side under the paragraph: both on the first page of A4.
        pie.width = 330
        pie.height = 280
        try sheet.insert(pie, row: next + 1, column: 0)
        if lights != nil {
            let lightRows = (statusRows.upperBound + 1)...(statusRows.upperBound + Light.allCases.count)
            var column = XlsxChart(kind: .column, title: "督办亮灯情况", series: [
                .init(name: "任务数", sheet: sheet.name, rows: lightRows, categoryColumn: 1, valueColumn: 2,
                      pointColours: Light.allCases.map { $0.colours.fill }),
            ], font: context.style.bodyFont)
            column.width = 330
            column.height = 280
            column.labels = true
            try sheet.insert(column, row: next + 1, column: 2)
        }
    }

    /// Green done, blue on schedule, red late, amber not started (as the merged workbook), grey unreported.
    static func statusColours(_ count: Int) -> [UInt32] {
        let colours: [UInt32] = [0x70AD47, 0x5B9BD5, 0xE06666, 0xFFC000]
        return (0..<count).map { $0 == count - 1 ? 0xA6A6A6 : colours[$0 % colours.count] }
    }

    static func share(_ count: Int, _ total: Int) -> Double { total == 0 ? 0 : Double(count) / Double(total) }

    static func taskCells(_ line: BulletinFacts.TaskLine, number: Int) -> [Cell] {
        [.number(Double(number)), .text(line.id), .text(line.project), .text(line.text), .text(line.units), percent(line.percent),
         .text(line.status ?? BulletinFacts.notReported), percent(line.standing?.expected), .text(line.standing?.pace?.chinese ?? ""),
         .text(line.standing?.light.chinese ?? "")]
    }

    /// A leader tells a task by its 项目 and 内容和要求 ("增长10%" alone says nothing).
    static let taskColumns = ["序号", "编号", "项目", "内容和要求", "责任单位", "完成进度（%）", "推进状态", "序时进度（%）", "序时情况", "督办"]
    static let taskWidths: [Double] = [5, 8, 14, 36, 16, 10, 10, 10, 10, 6]

    static func writeLeader(_ leader: String, _ facts: BulletinFacts, _ context: MergedWorkbook.Context, to sheet: XlsxWorksheet) throws {
        let own = facts.tasks.filter { $0.leaders.contains(leader) }
        let rows = own.enumerated().map { taskCells($1, number: $0 + 1) }
        let behind = own.filter { line in facts.lagging.contains { $0.id == line.id } }.count
        try MergedWorkbook.writeList(context, title: "\(leader)分管任务推进情况", columns: taskColumns, widths: taskWidths, rows: rows,
                                     note: "共\(own.count)项，推进滞后\(behind)项。", freezeColumns: 2, to: sheet)
    }

    static func writeLagging(_ facts: BulletinFacts, _ context: MergedWorkbook.Context, to sheet: XlsxWorksheet) throws {
        let lagging = facts.lagging
        let rows: [[Cell]] = lagging.enumerated().map { offset, line in
            [.number(Double(offset + 1)), .text(line.id), .text(line.project), .text(line.text), .text(line.units), percent(line.percent),
             percent(line.standing?.expected), .text(line.status ?? ""), .text(line.problems), .text(line.standing?.light.chinese ?? "")]
        }
        try MergedWorkbook.writeList(context, title: "推进滞后任务（\(lagging.count)项）",
                                     columns: ["序号", "编号", "项目", "内容和要求", "责任单位", "完成进度（%）", "序时进度（%）", "推进状态", "存在问题", "督办"],
                                     widths: [5, 8, 14, 32, 16, 10, 10, 10, 28, 6], rows: rows,
                                     note: "滞后任务：推进状态为“滞后”、完成进度低于序时进度（超出容差）或已过完成时限仍未完成的任务。",
                                     freezeColumns: 2, landscape: true, to: sheet)
    }

    static func writeMissing(_ facts: BulletinFacts, result: MergeResult, _ context: MergedWorkbook.Context, to sheet: XlsxWorksheet) throws {
        let counts = Dictionary(result.master.units.map { ($0.name, $0.tasks) }, uniquingKeysWith: +)
        let rows: [[Cell]] = facts.missingUnits.enumerated().map { offset, unit in
            [.number(Double(offset + 1)), .text(unit), .number(Double(counts[unit] ?? 0))]
        }
        try MergedWorkbook.writeList(context, title: "未报送单位（\(facts.missingUnits.count)个）", columns: ["序号", "单位", "任务数"],
                                     widths: [6, 24, 10], rows: rows, to: sheet)
    }

    /// Units ranked by the share of their tasks at or ahead of 序时, then completion; a bar
    /// chart of completion by unit below.
    static func writeRanking(_ facts: BulletinFacts, _ context: MergedWorkbook.Context, to sheet: XlsxWorksheet) throws {
        let rows: [[Cell]] = facts.units.map { unit in
            [unit.rank.map { .number(Double($0)) } ?? .text("—"), .text(unit.name), .number(Double(unit.tasks)), .text(unit.returned),
             .percent(unit.onPace), .number((unit.completed * 1000).rounded() / 10), .number(Double(unit.warnings))]
        }
        try MergedWorkbook.writeList(context, title: "责任单位推进情况排名",
                                     columns: ["名次", "单位", "任务数", "报送情况", "序时及以上占比", "完成率（%）", "警告数"],
                                     widths: [6, 20, 8, 10, 12, 10, 8], rows: rows,
                                     note: "按各单位本单位填报的进度计算：按“序时及以上占比”（本单位牵头任务中本单位填报进度达到或超过序时进度的比例）排序，相同时按完成率（本单位填报“已完成”的任务占本单位牵头任务的比例）、警告数；未报送的单位不参加排名，列在最后。", to: sheet)
    }

    /// Completion by unit as horizontal bars, highest first, every unit named and every bar
    /// labelled, sized to one A4 page under its heading. The chart reads its own table, sorted by
    /// completion, in hidden columns beside it (the ranking's order is by 序时, not completion).
    static func writeRankingChart(_ facts: BulletinFacts, _ context: MergedWorkbook.Context, ranking: XlsxWorksheet,
                                  to sheet: XlsxWorksheet) throws {
        try sheet.setColumnWidth(0...9, width: 9)
        try SheetHeading.write(title: "各单位任务完成率", subtitle: context.subtitle(), across: 9, style: context.style, to: sheet)
        let first = MergedWorkbook.headerRow + 1
        let sorted = facts.units.enumerated().sorted { ($0.element.completed, -$0.offset) > ($1.element.completed, -$1.offset) }.map(\.element)
        let (nameColumn, valueColumn) = (11, 12)
        try sheet.setColumnWidth(nameColumn...valueColumn, width: 12, hidden: true)
        for (offset, unit) in sorted.enumerated() {
            try sheet.write(unit.rank == nil ? unit.name + "（未报送）" : unit.name, row: first + offset, column: nameColumn)
            try sheet.write((unit.completed * 1000).rounded() / 10, row: first + offset, column: valueColumn)
        }
        var bar = XlsxChart(kind: .bar, title: "各单位任务完成率（%）",
                            series: [.init(name: "完成率（%）", sheet: sheet.name, rows: first...(first + max(0, sorted.count - 1)),
                                           categoryColumn: nameColumn, valueColumn: valueColumn, colour: 0x5B9BD5)],
                            font: context.style.bodyFont)
        bar.valueRange = 0...100
        bar.everyCategory = true
        bar.showsHiddenData = true
        bar.labels = true
        // Small enough that the office suites name every bar of a long list.
        bar.categoryFontSize = sorted.count > 30 ? 7 : nil
        bar.width = 680
        // 17 pixels a unit keeps each name readable; the page holds about 55.
        bar.height = min(980, max(300, 17 * facts.units.count + 90))
        try sheet.insert(bar, row: MergedWorkbook.headerRow, column: 0)
        try PrintLayout.apply(to: sheet, columns: 10, style: context.style, repeatRows: nil, header: context.pageHeader("各单位任务完成率"))
    }

    /// From the second round on: the average percent of every round, and its line.
    static func writeTrend(_ facts: BulletinFacts, _ context: MergedWorkbook.Context, to sheet: XlsxWorksheet) throws {
        let rows: [[Cell]] = facts.trend.enumerated().map { offset, point in
            [.number(Double(offset + 1)), .text(point.round), .number((point.average * 10).rounded() / 10)]
        }
        let (next, _) = try MergedWorkbook.writeList(context, title: "历次平均完成进度", columns: ["序号", "期次", "平均完成进度（%）"],
                                                widths: [6, 20, 16], rows: rows, note: "平均完成进度：各期均报送的\(facts.trendUnits)个单位所填完成进度的平均值（各期比较同一批单位）。", to: sheet)
        let first = MergedWorkbook.headerRow + 1
        var line = XlsxChart(kind: .line, title: "平均完成进度走势（%）",
                             series: [.init(name: "平均完成进度", sheet: sheet.name, rows: first...(first + rows.count - 1), categoryColumn: 1,
                                            valueColumn: 2, colour: 0xC00000)],
                             font: context.style.bodyFont)
        line.valueRange = 0...100
        line.width = 560
        try sheet.insert(line, row: next + 1, column: 0)
    }
}
