import Foundation

/// Delimited text (CSV, tab-separated "Unicode text") as a spreadsheet of one sheet named after
/// the file, every field a text cell. The file is read when its rows are.
public final class TextTableReader: SpreadsheetReader {
    public let path: String
    public var format: SpreadsheetFormat { .csv }
    public let sheets: [SheetInfo]
    public var customProperties: [String: String] { [:] }
    public var date1904: Bool { false }
    /// Text has no formats: "80%" is text, read as the person wrote it.
    public var numberFormatsKnown: Bool { true }
    private let limits: ReadLimits

    public init(path: String, limits: ReadLimits = .standard) {
        self.path = path
        self.limits = limits
        sheets = [SheetInfo(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, state: .visible)]
    }

    /// Rows are the file's records with blank lines left out, numbered in that order.
    @discardableResult
    public func readRows(ofSheet index: Int, keepingRows: Bool, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        guard index == 0 else { throw WorkbookError(.damaged, path: path, message: "a text file has one sheet") }
        let table = try CSVReader.read(path: path, limits: limits)
        for (offset, fields) in table.rows.enumerated() {
            let cells = fields.enumerated().compactMap { column, text in text.isEmpty ? nil : Cell(column: column, value: .text(text)) }
            try body(SheetRow(index: offset, cells: cells))
        }
        return SheetSummary()
    }
}
