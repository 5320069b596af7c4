import Foundation

/// Whether a person sees a sheet: hidden sheets show under Unhide; very hidden ones only in code.
public enum SheetState: String, Sendable { case visible, hidden, veryHidden }

/// The formats xlsx-tasks reads.
public enum SpreadsheetFormat: String, Sendable { case xlsx, xls, csv }

/// A sheet as the workbook lists it.
public struct SheetInfo: Sendable, Equatable {
    public var name: String
    public var state: SheetState

    public init(name: String, state: SheetState) {
        self.name = name
        self.state = state
    }
}

/// What every spreadsheet reader offers, whatever the format: the sheets with names and states,
/// custom document properties, the date system, and each sheet's rows streamed with typed cells.
///
/// Open one with ``Workbook/open(_:limits:)``, which chooses the reader by what the file is.
/// Failures of the reader itself are ``WorkbookError``s; errors the row body throws pass through.
public protocol SpreadsheetReader: AnyObject {
    var path: String { get }
    var format: SpreadsheetFormat { get }
    /// Worksheets in workbook order (chartsheets are left out: they hold no cells).
    var sheets: [SheetInfo] { get }
    /// Custom document properties by name (empty where the format has none).
    var customProperties: [String: String] { get }
    /// Dates count from 1904-01-01 (old Mac Excel) instead of 1899-12-30.
    var date1904: Bool { get }
    /// False when the reader cannot tell a fraction shown as a percentage from a plain number.
    var numberFormatsKnown: Bool { get }

    /// Streams sheet `index`: rows in order, empty cells left out, text resolved (never
    /// ``CellValue/sharedString(_:)``). The row is valid during the call; copy what you keep. `keepingRows` is for a caller that keeps what it reads:
    /// the reader then trades some speed for smaller buffers in flight.
    @discardableResult
    func readRows(ofSheet index: Int, keepingRows: Bool, _ body: (SheetRow) throws -> Void) throws -> SheetSummary
}

extension SpreadsheetReader {
    @discardableResult
    public func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        try readRows(ofSheet: index, keepingRows: false, body)
    }

    /// Sheet `index` read whole: its non-empty rows and what the sheet part says besides.
    public func contents(ofSheet index: Int) throws -> SheetContents {
        var rows: [(number: Int, values: CellRow)] = []
        let summary = try readRows(ofSheet: index, keepingRows: true) { row in
            guard !row.cells.isEmpty else { return }
            // A copy of exactly the row's size: readers reuse their row buffer, and a kept
            // buffer would keep the capacity of the widest row seen so far.
            rows.append((row.index + 1, CellRow(cells: row.cells.map { $0 })))
        }
        return SheetContents(name: sheets[index].name, state: sheets[index].state, rows: rows,
                             protected: summary.protected, imageCells: summary.imageCells)
    }

    /// Every sheet read whole, in workbook order.
    public func contentsOfAllSheets() throws -> [SheetContents] {
        try sheets.indices.map { try contents(ofSheet: $0) }
    }
}

/// A sheet read whole: its non-empty rows with the row numbers a person sees.
public struct SheetContents: Sendable {
    public var name: String
    public var state: SheetState
    /// Rows in file order; `number` is the 1-based row number a person sees.
    public var rows: [(number: Int, values: CellRow)]
    /// nil where the format has no sheet protection (CSV, a legacy .xls as read here).
    public var protected: Bool?
    /// Cells holding WPS in-cell images.
    public var imageCells: Int

    public init(name: String, state: SheetState, rows: [(number: Int, values: CellRow)], protected: Bool?,
                imageCells: Int) {
        self.name = name
        self.state = state
        self.rows = rows
        self.protected = protected
        self.imageCells = imageCells
    }

    /// The value at a row position (not number) and column, nil when empty.
    public func value(_ row: Int, _ column: Int) -> CellValue? {
        guard row < rows.count, column < rows[row].values.count else { return nil }
        return rows[row].values[column]
    }
}
