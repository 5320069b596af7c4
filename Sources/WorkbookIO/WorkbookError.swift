import Foundation

/// A failure while reading or writing a spreadsheet: a kind to decide on, the file, where in it
/// (sheet, row, column) when that is known, and a message that says what happened and, where a
/// person can act, what to do.
public struct WorkbookError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// No such file.
        case notFound
        /// The file exists but cannot be read (permissions, a folder, not a regular file).
        case unreadable
        /// Zero bytes.
        case empty
        /// Something else than a spreadsheet; ``WorkbookError/found`` says what.
        case notSpreadsheet
        /// Text in no encoding xlsx-tasks knows (neither UTF-8, UTF-16 nor GB18030).
        case unknownEncoding
        /// Truncated, corrupted or self-contradicting content.
        case damaged
        /// Protected with a password to open.
        case encrypted
        /// Past one of ``ReadLimits``: the message names the limit.
        case tooLarge
        /// A format version or feature xlsx-tasks does not read (Excel 95, a compression method).
        case unsupported
        /// Writing the file failed.
        case write
    }

    public let kind: Kind
    public let path: String
    public let message: String
    /// What the file turned out to be, for ``Kind/notSpreadsheet`` (and the container kinds).
    public var found: FileKind?
    public var sheet: String?
    /// 1-based row number, as a person sees it.
    public var row: Int?
    /// 0-based column.
    public var column: Int?

    public init(_ kind: Kind, path: String, message: String, found: FileKind? = nil, sheet: String? = nil,
                row: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.found = found
        self.sheet = sheet
        self.row = row
        self.column = column
    }

    /// The same failure placed in a file (a reader's parts do not know its path) or a sheet.
    public func at(path: String? = nil, sheet: String? = nil) -> WorkbookError {
        WorkbookError(kind, path: path ?? self.path, message: message, found: found, sheet: sheet ?? self.sheet,
                      row: row, column: column)
    }

    public var description: String {
        var place = path
        if let sheet { place += " [\(sheet)]" }
        if let row { place += " row \(row)" }
        if let column { place += " column \(CellReference.columnName(column))" }
        return "\(place): \(message)"
    }
}
