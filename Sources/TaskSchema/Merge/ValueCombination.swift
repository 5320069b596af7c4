import WorkbookIO

/// How several units' values for one task become the one value of the merged table: texts
/// listed unit by unit, the lowest percentage, the worst status, the latest date. The same
/// rules are stated in words for the 汇总 sheet, so what the clerk reads is what was done.
enum ValueCombination {
    /// How several units' reports on one task combine, stated in the 汇总 sheet.
    static func rules(_ template: ReportTemplate) -> [String] {
        var lines = ["多个单位共同负责的任务，合并规则如下："]
        for column in template.columns {
            switch column.type {
            case .text: lines.append("“\(column.name)”：逐个单位列出，前加【单位名称】。")
            case .percent: lines.append("“\(column.name)”：取各单位中最低的进度。")
            case .choice: lines.append("“\(column.name)”：取最差的状态（由差到好：\(column.severity.joined(separator: "、"))）。")
            case .date: lines.append("“\(column.name)”：取最晚的日期。")
            }
        }
        lines.append("填报值无效、非本单位任务、重复行、被替代的旧文件等内容不计入汇总，原值列在“问题清单”中。")
        return lines
    }

    /// Several units' values in one cell, by the rules stated in 汇总. `labelled`: the task has
    /// several units, so every text says whose it is, even when only one unit wrote one, and a
    /// unit that reported without filling a required text is shown as such.
    static func combine(_ reports: [UnitReport], column: Int, spec: ReportTemplate.Column, labelled: Bool = false) -> ReportedValue? {
        let values = reports.compactMap { report in report.values[column].map { (report.unit, $0) } }
        if spec.type == .text && labelled {
            let lines = reports.compactMap { report -> String? in
                if let value = report.values[column] { return "【\(report.unit)】\(value.displayText)" }
                return spec.required ? "【\(report.unit)】（未填写）" : nil
            }
            return values.isEmpty ? nil : .text(ExcelText.fitting(lines.joined(separator: "\n"), suffix: "…（全文见分单位明细）"))
        }
        guard let first = values.first else { return nil }
        if values.count == 1 { return first.1 }
        switch spec.type {
        case .text:
            return .text(ExcelText.fitting(values.map { "【\($0.0)】\($0.1.displayText)" }.joined(separator: "\n"), suffix: "…（全文见分单位明细）"))
        case .percent:
            let numbers = values.compactMap { if case .number(let n) = $0.1 { return n } else { return nil } }
            return numbers.min().map(ReportedValue.number)
        case .choice:
            let texts = values.map(\.1.displayText)
            return spec.severity.first(where: texts.contains).map(ReportedValue.text) ?? first.1
        case .date:
            let serials = values.compactMap { if case .date(let d) = $0.1 { return d } else { return nil } }
            return serials.max().map(ReportedValue.date)
        }
    }
}
