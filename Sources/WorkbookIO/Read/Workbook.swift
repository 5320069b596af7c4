import Foundation

/// One way to open any spreadsheet xlsx-tasks reads: the reader is chosen by what the file is
/// (its first bytes and, for a ZIP, the parts inside), never by its name.
public enum Workbook {
    /// A reader for `path`: .xlsx (``XlsxReader``), legacy .xls (``LegacyXlsReader``) or delimited
    /// text (``TextTableReader``). Anything else is a ``WorkbookError`` whose kind says why, with
    /// ``WorkbookError/found`` naming what the file is when it is not a spreadsheet.
    public static func open(_ path: String, limits: ReadLimits = .standard) throws(WorkbookError) -> any SpreadsheetReader {
        let kind: FileKind
        do { kind = try FileKind.sniff(path: path) } catch let error as WorkbookError { throw error } catch {
            throw WorkbookError(.unreadable, path: path, message: "cannot read the file")
        }
        func refuse(_ why: WorkbookError.Kind, _ message: String) -> WorkbookError {
            WorkbookError(why, path: path, message: message, found: kind)
        }
        do {
            switch kind {
            case .zip: return try openPackage(path, limits: limits)
            case .legacyXLS: return try LegacyXlsReader(path: path, limits: limits)
            case .text: return TextTableReader(path: path, limits: limits)
            case .empty: throw refuse(.empty, "the file is empty")
            case .encryptedOOXML:
                throw refuse(.encrypted, "encrypted: the workbook is protected with a password to open; ask the unit to send it without one")
            case .truncatedOLE: throw refuse(.damaged, kind.description)
            case .html, .spreadsheetML2003, .otherOLE, .binary, .pdf, .wordDocument, .email, .mailbox, .outlookMessage, .rar, .sevenZip,
                .wordPackage, .presentationPackage, .zipArchive:
                throw refuse(.notSpreadsheet, kind.description)
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError(.damaged, path: path, message: "\(error)")
        }
    }

    /// A ZIP is a workbook only if it holds one; a Word or PowerPoint package or a plain archive
    /// is named as such (a .docx's officeDocument part parses as a workbook with no sheets).
    static func openPackage(_ path: String, limits: ReadLimits) throws -> XlsxReader {
        func notWorkbook(_ original: WorkbookError?, package opened: ZipPackage? = nil) throws {
            guard let package = opened ?? (try? ZipPackage(path: path, limits: limits)) else { return }
            let contents = FileKind.contents(of: package)
            if contents != .zip {
                throw WorkbookError(.notSpreadsheet, path: path, message: contents.description, found: contents)
            }
            if let original { throw original }
        }
        let reader: XlsxReader
        do {
            reader = try XlsxReader(path: path, limits: limits)
        } catch let error as WorkbookError {
            try notWorkbook(error)
            throw error
        }
        if reader.sheets.isEmpty { try notWorkbook(nil, package: reader.package) }
        return reader
    }
}
