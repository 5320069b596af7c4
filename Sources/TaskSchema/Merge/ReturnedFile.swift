import Foundation
import WorkbookIO

/// A file a unit sent back, read whatever it turned out to be.
public struct ReturnedFile: Sendable {
    public var path: String
    public var format: SpreadsheetFormat
    public var customProperties: [String: String]
    public var sheets: [SheetContents]
    public var modified: Date?
    public var date1904: Bool
    /// False when the reader cannot tell a fraction shown as a percentage (0.8 as 80%) from a
    /// plain number.
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

    /// Reads `path`, whatever it is (``Workbook/open(_:limits:)`` decides by its content). Throws
    /// ``RejectedFile`` with a reason a clerk can act on, or ``PlainArchive`` for a ZIP of files.
    public static func load(_ path: String, limits: ReadLimits = .standard) throws -> ReturnedFile {
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        do {
            let reader = try Workbook.open(path, limits: limits)
            return ReturnedFile(path: path, format: reader.format, customProperties: reader.customProperties,
                                sheets: try reader.contentsOfAllSheets(), modified: modified, date1904: reader.date1904,
                                numberFormatsKnown: reader.numberFormatsKnown)
        } catch let error as WorkbookError {
            if error.kind == .notSpreadsheet && error.found == .zipArchive { throw PlainArchive() }
            if error.kind == .notSpreadsheet, let kind = PlainMessage.kinds[error.found ?? .binary] { throw PlainMessage(kind: kind) }
            throw RejectedFile(error)
        }
    }
}

/// A returned file that cannot be used at all, with the reason.
public struct RejectedFile: Error, Sendable {
    public var reason: String
    public var chinese: String

    /// A reader's failure, in words for the clerk and the unit, chosen by its kind.
    init(_ error: WorkbookError) {
        switch error.kind {
        case .tooLarge:
            reason = "too large for xlsx-tasks to read safely: \(error.message); a real return is far smaller (an office with bigger files can raise the limit with --limit)"
            chinese = "文件超出可处理的范围（\(error.message)），可能已损坏或不是填报表，请单位检查后重新报送"
        case .damaged where error.found == .truncatedOLE:
            reason = "truncated or damaged: \(error.message)"
            chinese = "文件不完整或已损坏（旧版 .xls 传输中断？）"
        case .damaged:
            reason = "truncated or damaged: \(error.message)"
            chinese = error.found == .legacyXLS ? "旧版 .xls 文件不完整或已损坏" : "文件不完整或已损坏"
        case .unsupported:
            reason = error.message
            chinese = "文件格式过旧或无法识别，请单位另存为 .xlsx 后重新报送"
        case .encrypted:
            reason = error.message
            chinese = "文件已加密（设置了打开密码），请单位取消密码后重新报送"
        case .empty:
            reason = "the file is empty"
            chinese = "空文件"
        case .notFound, .unreadable, .write:
            reason = "cannot read the file"
            chinese = "文件无法读取"
        case .unknownEncoding:
            reason = error.message
            chinese = "文件编码无法识别或不是文本文件"
        case .notSpreadsheet:
            (reason, chinese) = RejectedFile.notSpreadsheet(error)
        }
    }

    /// What the file is instead, said so that the unit knows what to send.
    private static func notSpreadsheet(_ error: WorkbookError) -> (String, String) {
        switch error.found {
        case .pdf?: return (error.message, "PDF 文件，不是电子表格，请单位报送 .xlsx 填报表")
        case .wordDocument?: return ("a Word document (.doc), not a spreadsheet", "Word 文档，不是电子表格，请单位报送 .xlsx 填报表")
        case .wordPackage?: return (error.message, "Word 文档，不是电子表格，请单位报送 .xlsx 填报表")
        case .presentationPackage?: return (error.message, "演示文稿，不是电子表格")
        case .rar?: return (error.message, "无法打开的压缩包（RAR），请解压后汇总其中的文件")
        case .sevenZip?: return (error.message, "无法打开的压缩包（7z），请解压后汇总其中的文件")
        case .zip?: return (error.message, "不是电子表格文件（压缩包中没有工作簿）")
        default: return ("not a spreadsheet: \(error.message)", "不是电子表格文件")
        }
    }

    init(reason: String, chinese: String) {
        self.reason = reason
        self.chinese = chinese
    }
}

/// A plain ZIP archive (no Office package): its files are merged one by one (``ReturnedArchive``).
struct PlainArchive: Error {}

/// A saved mail or mailbox: the merge opens it and merges its attachments.
struct PlainMessage: Error {
    var kind: ReturnedMail.Kind
    static let kinds: [FileKind: ReturnedMail.Kind] = [.email: .message, .mailbox: .mailbox, .outlookMessage: .outlook]
}
