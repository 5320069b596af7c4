import Foundation
import WorkbookIO

/// A sheet of a returned file as a grid of values (shared strings resolved), with what the
/// sheet part says besides (protection, images).
public struct ReturnedSheet: Sendable {
    public var name: String
    public var state: XlsxReader.SheetState
    /// Rows in file order; `number` is the 1-based row number a person sees.
    public var rows: [(number: Int, values: CellRow)]
    /// nil for CSV (no such thing).
    public var protected: Bool?
    public var imageCells: Int

    public func value(_ row: Int, _ column: Int) -> CellValue? {
        guard row < rows.count, column < rows[row].values.count else { return nil }
        return rows[row].values[column]
    }
}

/// A file a unit sent back, read whatever it turned out to be.
public struct ReturnedFile: Sendable {
    public enum Format: String, Sendable { case xlsx, xls, csv }

    public var path: String
    public var format: Format
    public var customProperties: [String: String]
    public var sheets: [ReturnedSheet]
    public var modified: Date?
    public var date1904: Bool
    /// False when the reader cannot tell a fraction shown as a percentage (0.8 as 80%) from a
    /// plain number: a legacy .xls whose format records could not be read.
    public var numberFormatsKnown = true

    /// A value split wrote to identify the file: its custom document property, else the same
    /// key in the hidden metadata sheet (which survives where properties do not, as in .xls).
    public func identification(_ key: String) -> String? {
        customProperties[key] ?? metadataValue(key)
    }

    /// The value next to `key` in the hidden metadata sheet split wrote, if the file has it.
    public func metadataValue(_ key: String) -> String? {
        guard let metadata = sheets.first(where: { $0.name == UnitWorkbook.metadataSheet }) else { return nil }
        for row in metadata.rows {
            if case .text(key)? = row.values.first ?? nil, case .text(let value)? = row.values.dropFirst().first ?? nil {
                return value
            }
        }
        return nil
    }

    /// Reads `path`, deciding what it is by its first bytes. Throws ``RejectedFile`` with a
    /// reason a clerk can act on.
    public static func load(_ path: String, limits: ReadLimits = .standard) throws -> ReturnedFile {
        let kind: FileKind
        do {
            kind = try FileKind.sniff(path: path)
        } catch {
            throw RejectedFile(reason: "cannot read the file", chinese: "文件无法读取")
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        switch kind {
        case .zip:
            return try loadXlsx(path, modified: modified, limits: limits)
        case .text:
            return try loadText(path, modified: modified, limits: limits)
        case .encryptedOOXML:
            throw RejectedFile(reason: "encrypted: the workbook is protected with a password to open; ask the unit to send it without one",
                               chinese: "文件已加密（设置了打开密码），请单位取消密码后重新报送")
        case .legacyXLS:
            return try loadXls(path, modified: modified, limits: limits)
        case .empty:
            throw RejectedFile(reason: "the file is empty", chinese: "空文件")
        case .truncatedOLE:
            throw RejectedFile(reason: "truncated or damaged: \(kind.description)", chinese: "文件不完整或已损坏（旧版 .xls 传输中断？）")
        case .pdf:
            throw RejectedFile(reason: kind.description, chinese: "PDF 文件，不是电子表格，请单位报送 .xlsx 填报表")
        case .wordDocument:
            throw RejectedFile.wordDocument(".doc")
        case .email:
            throw RejectedFile(reason: kind.description, chinese: "邮件文件，请先保存邮件中的附件，再汇总附件")
        case .rar, .sevenZip:
            throw RejectedFile(reason: kind.description, chinese: "无法打开的压缩包（\(kind == .rar ? "RAR" : "7z")），请解压后汇总其中的文件")
        case .html, .spreadsheetML2003, .otherOLE, .binary:
            throw RejectedFile(reason: "not a spreadsheet: \(kind.description)", chinese: "不是电子表格文件")
        }
    }

    static func loadXlsx(_ path: String, modified: Date?, limits: ReadLimits) throws -> ReturnedFile {
        let reader: XlsxReader
        do {
            reader = try XlsxReader(path: path, limits: limits)
        } catch let error as WorkbookError {
            try rejectOtherOfficeFile(path)
            if error.message.hasPrefix("not a spreadsheet") {
                throw RejectedFile(reason: error.message, chinese: "不是电子表格文件（压缩包中没有工作簿）")
            }
            throw RejectedFile(error)
        }
        if reader.sheets.isEmpty {
            try rejectOtherOfficeFile(path)
        }
        var sheets: [ReturnedSheet] = []
        do {
            for (index, sheet) in reader.sheets.enumerated() where sheet.part != nil {
                var rows: [(Int, CellRow)] = []
                let summary = try reader.forEachRow(inSheet: index) { row in
                    guard !row.cells.isEmpty else { return }
                    let cells = try row.cells.map { Cell(column: $0.column, value: try reader.resolve($0.value)) }
                    rows.append((row.index + 1, CellRow(cells: cells)))
                }
                sheets.append(ReturnedSheet(name: sheet.name, state: sheet.state, rows: rows,
                                            protected: summary.protected, imageCells: summary.imageCells))
            }
        } catch let error as WorkbookError {
            throw RejectedFile(error)
        }
        return ReturnedFile(path: path, format: .xlsx, customProperties: reader.customProperties, sheets: sheets,
                            modified: modified, date1904: reader.date1904)
    }

    /// A ZIP that holds no workbook: a Word or PowerPoint file (also ZIP packages) is named as
    /// such, not "no progress table"; a plain archive is ``PlainArchive``, for the merge to open.
    static func rejectOtherOfficeFile(_ path: String) throws {
        guard let package = try? ZipPackage(path: path), !package.contains("xl/workbook.xml") else { return }
        if package.contains("word/document.xml") { throw RejectedFile.wordDocument(".docx") }
        if package.contains("ppt/presentation.xml") {
            throw RejectedFile(reason: "a PowerPoint presentation, not a spreadsheet", chinese: "演示文稿，不是电子表格")
        }
        if !package.contains("[Content_Types].xml") { throw PlainArchive() }
    }

    /// A legacy Excel 97–2003 workbook. FreeXL gives no sheet states, protection or document
    /// properties: the file is recognised by its metadata sheet, title or name instead.
    static func loadXls(_ path: String, modified: Date?, limits: ReadLimits) throws -> ReturnedFile {
        let reader: LegacyXlsReader
        do {
            reader = try LegacyXlsReader(path: path, limits: limits)
        } catch .encrypted {
            throw RejectedFile(reason: "encrypted: the .xls workbook is protected with a password to open; ask the unit to send it without one",
                               chinese: "文件已加密（设置了打开密码），请单位取消密码后重新报送")
        } catch .unreadable(let why) {
            throw RejectedFile(reason: "a legacy .xls workbook that cannot be read: \(why)", chinese: "旧版 .xls 文件不完整或已损坏")
        } catch .tooLarge(let why) {
            throw RejectedFile(WorkbookError(path: path, message: why, kind: .limit))
        }
        let sheets = reader.sheets.map { sheet in
            ReturnedSheet(name: sheet.name, state: sheet.state, rows: sheet.rows.map { ($0.index + 1, CellRow($0.values)) },
                          protected: nil, imageCells: 0)
        }
        return ReturnedFile(path: path, format: .xls, customProperties: [:], sheets: sheets, modified: modified,
                            date1904: reader.date1904, numberFormatsKnown: reader.numberFormatsKnown)
    }

    static func loadText(_ path: String, modified: Date?, limits: ReadLimits) throws -> ReturnedFile {
        let table: CSVReader.Table
        do {
            table = try CSVReader.read(path: path, limits: limits)
        } catch let error as WorkbookError where error.kind == .limit {
            throw RejectedFile(error)
        } catch let error as WorkbookError {
            throw RejectedFile(reason: error.message, chinese: error.message.contains("empty") ? "空文件" : "文件编码无法识别或不是文本文件")
        }
        let rows = table.rows.enumerated().map { offset, fields in
            (offset + 1, CellRow(fields.map { $0.isEmpty ? nil : CellValue.text($0) }))
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let sheet = ReturnedSheet(name: name, state: .visible, rows: rows, protected: nil, imageCells: 0)
        return ReturnedFile(path: path, format: .csv, customProperties: [:], sheets: [sheet], modified: modified, date1904: false)
    }
}

/// A returned file that cannot be used at all, with the reason.
public struct RejectedFile: Error, Sendable {
    public var reason: String
    public var chinese: String

    /// A reader's failure: past a limit (named), or damage.
    init(_ error: WorkbookError) {
        switch error.kind {
        case .limit:
            reason = "too large for xlsx-tasks to read safely: \(error.message); a real return is far smaller (an office with bigger files can raise the limit with --limit)"
            chinese = "文件超出可处理的范围（\(error.message)），可能已损坏或不是填报表，请单位检查后重新报送"
        case .damaged:
            reason = "truncated or damaged: \(error.message)"
            chinese = "文件不完整或已损坏"
        }
    }

    init(reason: String, chinese: String) {
        self.reason = reason
        self.chinese = chinese
    }

    static func wordDocument(_ form: String) -> RejectedFile {
        RejectedFile(reason: "a Word document (\(form)), not a spreadsheet", chinese: "Word 文档，不是电子表格，请单位报送 .xlsx 填报表")
    }
}

/// A plain ZIP archive (no Office package): its files are merged one by one (``ReturnedArchive``).
struct PlainArchive: Error {}

extension CellValue {
    /// The value as a person would read it in the cell ("" for nothing).
    func displayText(date1904: Bool) -> String {
        switch self {
        case .text(let text): return text
        case .sharedString(let index): return "#\(index)"
        case .number(let number): return NumberText.format(number)
        case .percent(let number): return NumberText.format(number * 100) + "%"
        case .date(let serial): return ExcelDate.text(serial, date1904: date1904)
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        case .error(let text): return text
        case .image: return "[图片]"
        }
    }
}
