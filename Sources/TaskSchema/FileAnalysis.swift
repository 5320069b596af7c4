import Foundation
import WorkbookIO

/// One unit's report on one task, as found in a returned file.
public struct UnitReport: Sendable {
    public var unit: String
    public var task: String
    /// Template column index → checked value.
    public var values: [Int: ReportedValue]
    /// Every required column has a value.
    public var complete: Bool
    public var file: String
    public var sheet: String
    public var row: Int
}

/// What one returned file holds once it is understood: whose it is, its reports and its problems.
struct FileAnalysis: Sendable {
    var path: String
    var unit: String?
    /// How the unit was recognised: "properties", "metadata", "title", "file name", "task ids".
    var identifiedBy: String?
    var reports: [UnitReport] = []
    var problems: [MergeProblem] = []
    /// The 填报日期 typed in the reporter block, as a 1900-system serial.
    var reportDate: Double?
    var modified: Date?
    var rejection: String?

    /// Reads and checks one returned file against the master and the template.
    static func analyse(
        _ path: String, index: MasterIndex, template: ReportTemplate, period: String
    ) -> FileAnalysis {
        var analysis = FileAnalysis(path: path)
        let file: ReturnedFile
        do {
            file = try ReturnedFile.load(path)
        } catch let rejected as RejectedFile {
            return analysis.rejected(rejected.reason, zh: rejected.chinese)
        } catch {
            return analysis.rejected("cannot read the file: \(error)", zh: "文件无法读取")
        }
        analysis.modified = file.modified
        let tableSheets = file.sheets.filter {
            $0.state == .visible && $0.name != UnitWorkbook.instructionsSheet && $0.name != UnitWorkbook.metadataSheet
        }
        let layouts = tableSheets.compactMap { sheet in
            TableLayout.find(in: sheet, template: template, master: index.master).map { (sheet, $0) }
        }
        guard !layouts.isEmpty else {
            let names = template.columns.map(\.name).joined(separator: "、")
            return analysis.rejected("no progress table found: no header row with 编号 or the task columns and the progress columns (\(names))",
                                     zh: "未找到填报表：没有同时包含“编号”或任务列以及填报列（\(names)）的表头")
        }
        guard let (unit, how) = identify(file, layouts: layouts, index: index) else {
            return analysis.rejected("cannot tell which unit sent it: no xlsx-tasks properties, no unit name in the title or the file name, and its task ids belong to no single unit",
                                     zh: "无法确定报送单位：文件属性、标题和文件名中都没有单位名称，任务编号也不属于同一个单位")
        }
        analysis.unit = unit
        analysis.identifiedBy = how
        analysis.checkIdentification(file, period: period, index: index)

        var seen: Set<String> = []
        for (sheet, layout) in layouts {
            if analysis.reportDate == nil { analysis.reportDate = reporterDate(sheet, above: layout.headerRow, date1904: file.date1904) }
            if file.format == .xlsx, file.customProperties[DocumentProperty.kind] == "unit-report", sheet.protected == false {
                analysis.problem(.unprotected, sheet: sheet.name, message: "the sheet protection was removed", zh: "填报单位取消了工作表保护")
            }
            analysis.readRows(sheet, layout: layout, file: file, index: index, template: template, seen: &seen)
        }
        for task in index.expectedTasks(of: unit) where !seen.contains(task) {
            analysis.problem(.notReported, task: task, message: "the task is missing from the file", zh: "文件中没有这项任务")
        }
        if let sheet = file.sheets.first(where: { $0.imageCells > 0 }) {
            let count = file.sheets.reduce(0) { $0 + $1.imageCells }
            analysis.problem(.image, sheet: sheet.name, message: "\(count) in-cell image(s) (WPS); shown as [图片], the pictures themselves are not merged",
                             zh: "含 \(count) 个单元格图片（WPS），汇总表中显示为[图片]，图片本身未汇总")
        }
        return analysis
    }

    private func rejected(_ reason: String, zh: String) -> FileAnalysis {
        var copy = self
        copy.rejection = reason
        copy.problems.append(MergeProblem(file: path, unit: nil, sheet: nil, row: nil, task: nil, column: nil, value: nil,
                                          kind: .rejected, message: reason, chineseMessage: zh))
        return copy
    }

    mutating func problem(
        _ kind: MergeProblem.Kind, sheet: String? = nil, row: Int? = nil, task: String? = nil, column: String? = nil,
        value: String? = nil, message: String, zh: String
    ) {
        problems.append(MergeProblem(file: path, unit: unit, sheet: sheet, row: row, task: task, column: column,
                                     value: value, kind: kind, message: message, chineseMessage: zh))
    }

    // MARK: Whose file

    /// Properties first, then the hidden metadata sheet, the title or reporter block, the file
    /// name, and last the task ids the file holds.
    static func identify(_ file: ReturnedFile, layouts: [(ReturnedSheet, TableLayout)], index: MasterIndex) -> (String, String)? {
        if let unit = file.customProperties[DocumentProperty.unit], index.isRecipient(unit) { return (unit, "properties") }
        if let unit = file.metadataValue(DocumentProperty.unit), index.isRecipient(unit) { return (unit, "metadata") }
        for (sheet, layout) in layouts {
            for row in sheet.rows.prefix(layout.headerRow) {
                for (column, value) in row.values.enumerated() {
                    guard case .text(let text)? = value else { continue }
                    let key = TextKey.of(text)
                    if key.hasPrefix("填报单位"), column + 1 < row.values.count, case .text(let named)? = row.values[column + 1],
                        index.isRecipient(NameList.clean(named))
                    {
                        return (NameList.clean(named), "title")
                    }
                    let bytes = Array(key.utf8)
                    if let unit = index.recipientKeys.first(where: { bytes.starts(with: $0.key) })?.name {
                        return (unit, "title")
                    }
                }
            }
        }
        let stem = Array(TextKey.of(URL(fileURLWithPath: file.path).deletingPathExtension().lastPathComponent).utf8)
        if let unit = index.recipientKeys.first(where: { UTF8Search.contains(stem, $0.key) })?.name { return (unit, "file name") }
        var ids: Set<String> = []
        for (sheet, layout) in layouts {
            guard let column = layout.idColumn else { continue }
            for row in sheet.rows.dropFirst(layout.headerRow + 1) {
                if column < row.values.count, case .text(let id)? = row.values[column], index.tasksByID[NameList.clean(id)] != nil {
                    ids.insert(NameList.clean(id))
                }
            }
        }
        guard !ids.isEmpty else { return nil }
        let owners = index.primaryUnits.filter { unit in ids.allSatisfy { index.tasksByID[$0]!.primaryUnits.contains(unit) } }
        return owners.count == 1 ? (owners.first!, "task ids") : nil
    }

    mutating func checkIdentification(_ file: ReturnedFile, period: String, index: MasterIndex) {
        let filePeriod = file.identification(DocumentProperty.period) ?? ""
        if !period.isEmpty, !filePeriod.isEmpty, filePeriod != period {
            problem(.otherPeriod, value: filePeriod, message: "the file is for period \"\(filePeriod)\", not \"\(period)\"",
                    zh: "文件所属期次为“\(filePeriod)”，不是本期“\(period)”")
        }
        if let fingerprint = file.identification(DocumentProperty.masterFingerprint), fingerprint != index.fingerprint
        {
            problem(.otherMaster, value: fingerprint, message: "the file was split from a different version of the master; task texts are checked one by one",
                    zh: "文件由另一版本的任务总表生成，已逐项核对任务内容")
        }
    }

    static func reporterDate(_ sheet: ReturnedSheet, above headerRow: Int, date1904: Bool) -> Double? {
        for row in sheet.rows.prefix(headerRow) {
            for (column, value) in row.values.enumerated() {
                guard case .text(let label)? = value, TextKey.of(label).hasPrefix("填报日期") else { continue }
                for candidate in row.values.dropFirst(column + 1) {
                    switch candidate {
                    case .date(let serial)?: return date1904 ? serial + 1_462 : serial
                    case .number(let serial)?: return serial
                    case .text(let text)?: return DateText.serial(text)
                    default: continue
                    }
                }
            }
        }
        return nil
    }

    // MARK: Rows

    mutating func readRows(
        _ sheet: ReturnedSheet, layout: TableLayout, file: ReturnedFile, index: MasterIndex, template: ReportTemplate,
        seen: inout Set<String>
    ) {
        let unit = self.unit!
        for row in sheet.rows.dropFirst(layout.headerRow + 1) {
            if row.values.allSatisfy({ $0 == nil }) { continue }
            let typed = template.columns.indices.map { column -> (Int, CellValue?) in
                (column, layout.progress[column].flatMap { $0 < row.values.count ? row.values[$0] : nil })
            }
            let outcomes = typed.map {
                ProgressValue.check($0.1, column: template.columns[$0.0], date1904: file.date1904,
                                    numberFormatsKnown: file.format != .xls)
            }
            let filled = typed.indices.filter { outcomes[$0] != .empty }.map { typed[$0] }
            let raw = layout.idColumn.flatMap { $0 < row.values.count ? row.values[$0] : nil }
            let idText = raw.map { NameList.clean($0.displayText(date1904: file.date1904)) } ?? ""
            var task = index.tasksByID[idText]
            if task == nil { task = taskByText(row.values, layout: layout, index: index, unit: unit) }
            func listValues(_ kind: MergeProblem.Kind, _ message: String, _ zh: String) {
                if filled.isEmpty {
                    problem(kind, sheet: sheet.name, row: row.number, task: task?.id ?? (idText.isEmpty ? nil : idText),
                            message: message, zh: zh)
                }
                for (column, value) in filled {
                    problem(kind, sheet: sheet.name, row: row.number, task: task?.id ?? (idText.isEmpty ? nil : idText),
                            column: template.columns[column].name, value: value?.displayText(date1904: file.date1904),
                            message: message, zh: zh)
                }
            }
            guard let task else {
                if !idText.isEmpty || !filled.isEmpty {
                    listValues(.unknownRow, idText.isEmpty ? "no 编号 and a task text found in no task" : "unknown 编号 \(idText)",
                               idText.isEmpty ? "没有编号，任务内容也与总表中的任务都不相符" : "编号 \(idText) 不在任务总表中")
                }
                continue
            }
            guard index.isAssigned(task, to: unit) else {
                listValues(.notAssigned, "task \(task.id) is not \(unit)'s", "任务 \(task.id) 不是\(unit)的任务")
                continue
            }
            guard seen.insert(task.id).inserted else {
                listValues(.duplicateRow, "task \(task.id) appears again in the file; the first row was used",
                           "任务 \(task.id) 在文件中重复出现，已采用第一行")
                continue
            }
            let table = index.master.tables[task.table]
            if layout.table == task.table {
                for (tableColumn, sheetColumn) in layout.taskColumns.sorted(by: { $0.key < $1.key }) {
                    let typedText = sheetColumn < row.values.count ? row.values[sheetColumn]?.displayText(date1904: file.date1904) ?? "" : ""
                    if typedText != task.cells[tableColumn] && TextKey.of(typedText) != TextKey.of(task.cells[tableColumn]) {
                        problem(.editedTask, sheet: sheet.name, row: row.number, task: task.id, column: table.columns[tableColumn].name,
                                value: typedText, message: "the locked task text was changed; the master's text is kept",
                                zh: "锁定的任务内容被修改，汇总时保留总表原文")
                    }
                }
            }
            var report = UnitReport(unit: unit, task: task.id, values: [:], complete: true, file: path, sheet: sheet.name, row: row.number)
            for (position, (column, value)) in typed.enumerated() {
                let spec = template.columns[column]
                switch outcomes[position] {
                case .valid(let checked):
                    report.values[column] = checked
                case .invalid(let reason, let zh):
                    if case .image? = value {
                        problem(.image, sheet: sheet.name, row: row.number, task: task.id, column: spec.name, value: "[图片]",
                                message: reason, zh: zh)
                    } else {
                        problem(.invalidValue, sheet: sheet.name, row: row.number, task: task.id, column: spec.name,
                                value: value?.displayText(date1904: file.date1904), message: reason, zh: zh)
                    }
                    if spec.required { report.complete = false }
                case .empty:
                    if spec.required {
                        report.complete = false
                        problem(.notReported, sheet: sheet.name, row: row.number, task: task.id, column: spec.name,
                                message: "the required column \(spec.name) is empty", zh: "必填项“\(spec.name)”未填写")
                    }
                }
            }
            reports.append(report)
        }
    }

    /// A row whose 编号 is missing or unknown: its task text, compared after whitespace is
    /// folded; the unit's own task first when a text repeats.
    func taskByText(_ values: [CellValue?], layout: TableLayout, index: MasterIndex, unit: String) -> Task? {
        guard let tableIndex = layout.table else { return nil }
        let table = index.master.tables[tableIndex]
        for role in [ColumnRole.content, .project] {
            guard let column = table.columnIndex(of: role), let position = layout.taskColumns[column], position < values.count,
                case .text(let text)? = values[position]
            else { continue }
            let tasks = index.tasks(withText: text)
            if tasks.isEmpty { continue }
            return tasks.first { index.isAssigned($0, to: unit) } ?? tasks.first
        }
        return nil
    }
}
