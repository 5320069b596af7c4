import Foundation
import WorkbookIO

/// One unit's report on one task, as found in a returned file.
public struct UnitReport: Sendable, Codable {
    public var unit: String
    public var task: String
    /// Template column index → checked value.
    public var values: [Int: ReportedValue]
    /// Every required column has a value.
    public var complete: Bool
    public var file: String
    public var sheet: String
    public var row: Int
    /// What the unit typed into columns the form does not have, as "header：value" (kept,
    /// shown in 分单位明细's 附加内容 column).
    public var extras: [String] = []

    /// A unit has reported on a task when it typed anything: the same rule in every column and sheet.
    public var hasValues: Bool { !values.isEmpty || !extras.isEmpty }
}

/// A file to merge: where it is read from, and how it is shown to the clerk (relative to the
/// RETURNED argument it was found under, or inside the archive it came out of).
public struct ReturnedInput: Sendable, Hashable {
    public var path: String
    public var shown: String
    /// The modification time to use instead of the file's (a member of an archive keeps its own).
    public var modified: Date?
    /// Why the file could not even be made available (a member that does not inflate).
    var unreadable: String?
    /// A FIFO, device or socket: never opened (reading one blocks or never ends).
    var special: String?
    /// The message the file was attached to, when it came by mail.
    public var mail: MailProvenance?

    public init(path: String, shown: String, modified: Date? = nil) {
        self.path = path
        self.shown = shown
        self.modified = modified
    }

    init(path: String, shown: String, modified: Date?, unreadable: String?) {
        self.init(path: path, shown: shown, modified: modified)
        self.unreadable = unreadable
    }
}

/// What one returned file holds once it is understood: whose it is, its reports and its problems.
struct FileAnalysis: Sendable, Codable {
    var path: String
    var unit: String?
    /// How the unit was recognised: "properties", "metadata", "title", "file name", "task ids".
    var identifiedBy: Identification?
    var reports: [UnitReport] = []
    var problems: [MergeProblem] = []
    /// The 填报日期 typed in the reporter block, as a 1900-system serial.
    var reportDate: Double?
    /// 填报人 and 联系电话 from the reporter block: who to call about the return.
    var reporter: String?
    var phone: String?
    var modified: Date?
    var rejection: String?
    /// Why the file is not a unit's return at all (a file xlsx-tasks wrote), English and Chinese.
    var skipped: Skip?
    struct Skip: Sendable, Codable {
        var reason: String
        var chinese: String
        init(_ reason: String, _ chinese: String) {
            self.reason = reason
            self.chinese = chinese
        }
    }
    /// The reporting period the file is stamped with, if any.
    var period: String?
    /// A plain ZIP archive or a mail: the merge opens it and merges its files instead.
    var isArchive = false
    /// For a mail (isArchive too): which kind, to open it with.
    var mailKind: ReturnedMail.Kind?
    /// The message the file came in (or, for a mail, the mail itself).
    var mail: MailProvenance?
    /// Longer texts are kept truncated, with a problem (``ReadLimits/cellCharacters``).
    var cellCharacters = ReadLimits.standard.cellCharacters
    /// More problems than this reject the file (``ReadLimits/problemsPerFile``).
    var problemLimit = ReadLimits.standard.problemsPerFile
    var tooManyProblems: Bool { problems.count > problemLimit }

    /// Files xlsx-tasks writes itself, by their kind property: never a unit's return, even when
    /// named after a unit.
    static let ownKinds: [String: (String, String)] = [
        "checklist": ("the mailing checklist (分发清单) written by split", "分发清单（xlsx-tasks 拆分时生成），不是单位报送文件"),
        "merged": ("a merged workbook written by xlsx-tasks", "xlsx-tasks 生成的汇总表，不是单位报送文件"),
        "master": ("a master task list written by xlsx-tasks import", "xlsx-tasks 生成的任务总表，不是单位报送文件"),
    ]

    /// Reads and checks one returned file against the master and the template.
    static func analyse(_ input: ReturnedInput, index: MasterIndex, template: ReportTemplate, limits: ReadLimits = .standard,
                        senders: SenderDirectory = .init()) -> FileAnalysis {
        let path = input.shown
        var analysis = FileAnalysis(path: path)
        analysis.mail = input.mail
        analysis.cellCharacters = min(limits.cellCharacters, ExcelText.maximum)
        analysis.problemLimit = limits.problemsPerFile
        if let unreadable = input.unreadable { return analysis.rejected(unreadable, zh: "无法从压缩包中取出该文件（已损坏？）") }
        if let special = input.special {
            analysis.skipped = Skip("\(special), not a file; skipped", "不是普通文件（\(special)），已跳过")
            return analysis
        }
        var file: ReturnedFile
        do {
            file = try ReturnedFile.load(input.path, limits: limits)
        } catch let rejected as RejectedFile {
            return analysis.rejected(rejected.reason, zh: rejected.chinese)
        } catch is PlainArchive {
            analysis.isArchive = true
            return analysis
        } catch let mail as PlainMessage {
            analysis.isArchive = true
            analysis.mailKind = mail.kind
            return analysis
        } catch {
            return analysis.rejected("cannot read the file: \(error)", zh: "文件无法读取")
        }
        file.path = input.shown
        analysis.modified = input.modified ?? file.modified
        if let kind = file.customProperties[DocumentProperty.kind], let own = ownKinds[kind] {
            analysis.skipped = Skip(own.0, own.1)
            return analysis
        }
        analysis.period = file.identification(DocumentProperty.period).flatMap { $0.isEmpty ? nil : $0 }
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
        // A file split from another master for a unit this one does not have: never guessed
        // from its title or task ids (another document numbers its tasks 1-001 too).
        let foreignUnit = file.identification(DocumentProperty.unit).map { !index.isRecipient($0) } ?? false
        let identified = foreignUnit ? nil : identify(file, layouts: layouts, index: index, mail: input.mail)
        guard let (unit, how) = identified else {
            if let fingerprint = file.identification(DocumentProperty.masterFingerprint), fingerprint != index.fingerprint {
                let document = file.identification(DocumentProperty.document) ?? ""
                let named = file.identification(DocumentProperty.unit).map { " for \($0)" } ?? ""
                return analysis.rejected(
                    "this file was split from another master" + (document.isEmpty ? "" : " (document \(document))") + named
                        + ", and none of its tasks or units are in this one; merge it against its own document",
                    zh: "该文件由另一份任务总表" + (document.isEmpty ? "" : "（\(document)）") + "拆分生成，与本次汇总的任务不符")
            }
            return analysis.rejected("cannot tell which unit sent it: no xlsx-tasks properties, no unit name in the title or the file name, and its task ids belong to no single unit",
                                     zh: "无法确定报送单位：文件属性、标题和文件名中都没有单位名称，任务编号也不属于同一个单位")
        }
        analysis.unit = unit
        analysis.identifiedBy = how
        analysis.checkIdentification(file, index: index)
        analysis.checkMail(input.mail, round: senders.round)

        var seen: Set<String> = []
        for (sheet, layout) in layouts where !analysis.tooManyProblems {
            if analysis.reportDate == nil { analysis.readReporter(sheet, above: layout.headerRow, date1904: file.date1904) }
            if file.customProperties[DocumentProperty.kind] == "unit-report", sheet.protected == false {
                analysis.problem(.unprotected, sheet: sheet.name, message: "the sheet protection was removed", zh: "填报单位取消了工作表保护")
            }
            analysis.readRows(sheet, layout: layout, file: file, index: index, template: template, seen: &seen)
        }
        analysis.reportMissingTasks(file, layouts: layouts, seen: seen, index: index)
        if analysis.tooManyProblems {
            return analysis.rejected(
                "more than \(analysis.problemLimit) problems (limit problems): not a return of this document's tasks, or damaged",
                zh: "问题超过 \(analysis.problemLimit) 条，不像本文件任务的填报表（或文件已损坏），未采用")
        }
        if let sheet = file.sheets.first(where: { $0.imageCells > 0 }) {
            let count = file.sheets.reduce(0) { $0 + $1.imageCells }
            analysis.problem(.image, sheet: sheet.name, message: "\(count) in-cell image(s) (WPS); shown as [图片], the pictures themselves are not merged",
                             zh: "含 \(count) 个单元格图片（WPS），汇总表中显示为[图片]，图片本身未汇总")
        }
        return analysis
    }

    /// The file as unusable: its reports and problems are dropped, the reason is its one problem.
    func rejected(_ reason: String, zh: String, kind: MergeProblem.Kind = .rejected, value: String? = nil) -> FileAnalysis {
        var copy = self
        copy.rejection = reason
        copy.reports = []
        copy.problems = [MergeProblem(file: path, unit: unit, sheet: nil, row: nil, task: nil, column: nil, value: value,
                                      kind: kind, message: reason, chineseMessage: zh)]
        return copy
    }

    /// The file is stamped with another period than the round's: not used.
    func rejectedForPeriod(_ stamped: String, round: String, given: Bool) -> FileAnalysis {
        let how = given ? "--period" : "most returned files"
        return rejected("a file of another period: stamped \"\(stamped)\", the round is \"\(round)\" (\(how))",
                        zh: "非本期文件：文件所属期次为“\(stamped)”，本期为“\(round)”，未采用", kind: .otherPeriod, value: stamped)
    }

    mutating func problem(
        _ kind: MergeProblem.Kind, sheet: String? = nil, row: Int? = nil, task: String? = nil, column: String? = nil,
        value: String? = nil, message: String, zh: String
    ) {
        problems.append(MergeProblem(file: path, unit: unit, sheet: sheet, row: row, task: task, column: column,
                                     value: value, kind: kind, message: message, chineseMessage: zh))
    }

    /// Tasks of the unit that the file does not hold. A CSV keeps one sheet only: the tasks of
    /// the other tables are one problem, not one per task.
    mutating func reportMissingTasks(_ file: ReturnedFile, layouts: [(SheetContents, TableLayout)], seen: Set<String>, index: MasterIndex) {
        let missing = index.expectedTasks(of: unit!).filter { !seen.contains($0) }
        var covered = Set(layouts.compactMap(\.1.table))
        for task in seen { if let table = index.tasksByID[task]?.table { covered.insert(table) } }
        var otherTables: [Int: Int] = [:]
        for task in missing {
            if file.format == .csv, let table = index.tasksByID[task]?.table, !covered.contains(table) {
                otherTables[table, default: 0] += 1
            } else {
                problem(.notReported, task: task, message: "the task is missing from the file", zh: "文件中没有这项任务")
            }
        }
        guard !otherTables.isEmpty else { return }
        let tables = otherTables.keys.sorted().map { index.master.tables[$0].name }
        let count = otherTables.values.reduce(0, +)
        problem(.notReported, value: tables.joined(separator: "、"),
                message: "a CSV keeps only one sheet — ask the unit for the .xlsx (\(count) task(s) of \(tables.joined(separator: ", ")) are not in it)",
                zh: "CSV 文件只能保存一个工作表，\(tables.joined(separator: "、"))的 \(count) 项任务不在其中，请单位报送 .xlsx 文件")
    }

    /// The reporter block above the header: 填报日期 (a date typed as text it cannot read is a
    /// problem, not dropped silently), 填报人, 联系电话.
    mutating func readReporter(_ sheet: SheetContents, above headerRow: Int, date1904: Bool) {
        if reporter == nil, case .text(let name)? = Self.reporterField(sheet, above: headerRow, label: "填报人") { reporter = name }
        if phone == nil, let number = Self.reporterField(sheet, above: headerRow, label: "联系电话") {
            phone = number.displayText(date1904: date1904)
        }
        switch Self.reporterField(sheet, above: headerRow, label: "填报日期") {
        case .date(let serial)?: reportDate = date1904 ? serial + 1_462 : serial
        case .number(let serial)?: reportDate = serial
        case .text(let text)?:
            reportDate = DateText.serial(text)
            if reportDate == nil, !problems.contains(where: { $0.column == "填报日期" && $0.task == nil }) {
                problem(.invalidValue, sheet: sheet.name, column: "填报日期", value: text,
                        message: "填报日期 \(text) is not a date (year-month-day): not used to tell when it was returned",
                        zh: "填报日期“\(text)”不是完整日期（应为年-月-日，如2020-04-08），未据此判断报送时间")
            }
        default: break
        }
    }

    /// The first value right of a reporter label (填报人：…) above the header.
    static func reporterField(_ sheet: SheetContents, above headerRow: Int, label wanted: String) -> CellValue? {
        for row in sheet.rows.prefix(headerRow) {
            for (column, value) in row.values.enumerated() {
                guard case .text(let label)? = value, TextKey.of(label).hasPrefix(wanted) else { continue }
                for candidate in row.values.dropFirst(column + 1) {
                    guard let candidate else { continue }
                    if case .text(let text) = candidate {
                        if Trim.isBlank(text) { continue }
                        // The next label: this field is empty.
                        if text.hasSuffix("：") || text.hasSuffix(":") { return nil }
                    }
                    return candidate
                }
            }
        }
        return nil
    }

    // MARK: Rows

    mutating func readRows(
        _ sheet: SheetContents, layout: TableLayout, file: ReturnedFile, index: MasterIndex, template: ReportTemplate,
        seen: inout Set<String>
    ) {
        let unit = self.unit!
        // Columns the form does not have (a 备注 the unit added): their values are kept.
        var mapped = Set(layout.progress.values).union(layout.taskColumns.values).union(layout.reference)
        if let id = layout.idColumn { mapped.insert(id) }
        let headerCells = sheet.rows[layout.headerRow].values
        func label(_ column: Int) -> String {
            if column < headerCells.count, let text = headerCells[column].map({ Trim.spaces($0.displayText(date1904: file.date1904)) }),
                !text.isEmpty
            {
                return text
            }
            return "第\(CellReference.columnName(column))列"
        }
        var extraCounts: [Int: Int] = [:]
        for row in sheet.rows.dropFirst(layout.headerRow + 1) {
            if tooManyProblems { return }
            if row.values.isBlank { continue }
            let extras: [(column: Int, text: String)] = row.values.cells.compactMap { cell in
                guard !mapped.contains(cell.column) else { return nil }
                let text = ExcelText.fitting(Trim.spaces(cell.value.displayText(date1904: file.date1904)), limit: cellCharacters)
                return text.isEmpty ? nil : (cell.column, text)
            }
            for extra in extras { extraCounts[extra.column, default: 0] += 1 }
            let typed = template.columns.indices.map { column -> (Int, CellValue?) in
                (column, layout.progress[column].flatMap { $0 < row.values.count ? row.values[$0] : nil })
            }
            let outcomes = typed.map {
                ProgressValue.check($0.1, column: template.columns[$0.0], date1904: file.date1904,
                                    numberFormatsKnown: file.numberFormatsKnown)
            }
            let filled = typed.indices.filter { outcomes[$0] != .empty }.map { typed[$0] }
            let raw = layout.idColumn.flatMap { $0 < row.values.count ? row.values[$0] : nil }
            let idText = raw.map { NameList.clean($0.displayText(date1904: file.date1904)) } ?? ""
            var task = index.tasksByID[idText]
            if task == nil { task = taskByText(row.values, layout: layout, index: index, unit: unit) }
            func listValues(_ kind: MergeProblem.Kind, _ message: String, _ zh: String) {
                if filled.isEmpty && extras.isEmpty {
                    problem(kind, sheet: sheet.name, row: row.number, task: task?.id ?? (idText.isEmpty ? nil : idText),
                            message: message, zh: zh)
                }
                for (column, value) in filled {
                    problem(kind, sheet: sheet.name, row: row.number, task: task?.id ?? (idText.isEmpty ? nil : idText),
                            column: template.columns[column].name, value: value?.displayText(date1904: file.date1904),
                            message: message, zh: zh)
                }
                for extra in extras {
                    problem(kind, sheet: sheet.name, row: row.number, task: task?.id ?? (idText.isEmpty ? nil : idText),
                            column: label(extra.column), value: extra.text, message: message, zh: zh)
                }
            }
            guard let task else {
                if !idText.isEmpty || !filled.isEmpty || !extras.isEmpty {
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
            var report = UnitReport(unit: unit, task: task.id, values: [:], complete: true, file: path, sheet: sheet.name, row: row.number,
                                    extras: extras.map { "\(label($0.column))：\($0.text)" })
            for (position, (column, value)) in typed.enumerated() {
                let spec = template.columns[column]
                switch outcomes[position] {
                case .valid(.text(let text)) where ExcelText.isTooLong(text, limit: cellCharacters):
                    // Excel cannot hold it: kept as far as a cell goes, and said.
                    report.values[column] = .text(ExcelText.fitting(text, limit: cellCharacters))
                    problem(.tooLong, sheet: sheet.name, row: row.number, task: task.id, column: spec.name,
                            value: ExcelText.fitting(text, limit: 200),
                            message: "\(text.unicodeScalars.count) characters, more than the \(cellCharacters) a cell holds; the rest is cut off (the unit's file has it all)",
                            zh: "内容共 \(text.unicodeScalars.count) 字，超过单元格上限 \(cellCharacters) 字，超出部分未汇总，请查看原文件")
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
            checkConsistency(report, sheet: sheet.name, template: template)
            reports.append(report)
        }
        for (column, count) in extraCounts.sorted(by: { $0.key < $1.key }) {
            let name = label(column)
            problem(.extraColumn, sheet: sheet.name, column: name, value: String(count),
                    message: "the column \(name) is not in the form; its \(count) value(s) are kept in 分单位明细 (附加内容)",
                    zh: "“\(name)”不是填报表中的列，其中 \(count) 项内容已保留在“分单位明细”的“附加内容”列")
        }
    }

    /// A status that its percentage contradicts (已完成 at 30 %, 未启动 at 40 %), by the choice
    /// column's `percentRanges`: listed, the values kept as typed.
    mutating func checkConsistency(_ report: UnitReport, sheet: String, template: ReportTemplate) {
        checkFullWithoutDone(report, sheet: sheet, template: template)
        checkExplained(report, sheet: sheet, template: template)
        guard let choice = template.columns.firstIndex(where: { !$0.percentRanges.isEmpty }),
            let percent = template.columns.firstIndex(where: { $0.type == .percent }),
            case .text(let status)? = report.values[choice], case .number(let number)? = report.values[percent],
            let allowed = template.columns[choice].percentRanges[status], !allowed.contains(number)
        else { return }
        let shown = NumberText.format(number)
        let range = allowed.lowerBound == allowed.upperBound ? NumberText.format(allowed.lowerBound)
            : "\(NumberText.format(allowed.lowerBound))–\(NumberText.format(allowed.upperBound))"
        let statusName = template.columns[choice].name, percentName = template.columns[percent].name
        problem(.inconsistent, sheet: sheet, row: report.row, task: report.task, column: "\(statusName)/\(percentName)",
                value: "\(status) / \(shown)",
                message: "\(statusName) \(status) with \(percentName) \(shown) (expected \(range)); both kept as typed",
                zh: "“\(status)”与完成进度 \(shown)% 不符（应为 \(range)），请核实；原值已保留")
    }

    /// 100 % with a status other than the one that means done (已完成): both kept, listed.
    mutating func checkFullWithoutDone(_ report: UnitReport, sheet: String, template: ReportTemplate) {
        guard let choice = template.columns.firstIndex(where: { $0.type == .choice }),
            let percent = template.columns.firstIndex(where: { $0.type == .percent }),
            let done = template.columns[choice].values.first(where: { template.columns[choice].percentRanges[$0] == 100...100 }),
            case .text(let status)? = report.values[choice], status != done,
            case .number(let number)? = report.values[percent], number >= template.columns[percent].maximum
        else { return }
        let statusName = template.columns[choice].name, percentName = template.columns[percent].name
        problem(.inconsistent, sheet: sheet, row: report.row, task: report.task, column: "\(statusName)/\(percentName)",
                value: "\(status) / \(NumberText.format(number))",
                message: "\(percentName) \(NumberText.format(number)) but \(statusName) \(status), not \(done); both kept as typed",
                zh: "完成进度 \(NumberText.format(number))% 但推进状态为“\(status)”而非“\(done)”，请核实；原值已保留")
    }

    /// A status the template says needs a word elsewhere (滞后 → 存在问题) without it.
    mutating func checkExplained(_ report: UnitReport, sheet: String, template: ReportTemplate) {
        guard let choice = template.columns.firstIndex(where: { !$0.explain.isEmpty }),
            case .text(let status)? = report.values[choice], let other = template.columns[choice].explain[status],
            let column = template.columns.firstIndex(where: { $0.name == other }), report.values[column] == nil
        else { return }
        problem(.unexplained, sheet: sheet, row: report.row, task: report.task, column: other, value: status,
                message: "\(template.columns[choice].name) \(status) with \(other) empty; kept, say why",
                zh: "推进状态为“\(status)”，但“\(other)”未填写，请说明原因")
    }
}
