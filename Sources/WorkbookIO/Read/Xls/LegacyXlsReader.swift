import Foundation

/// Reads a legacy Excel 97–2003 workbook (.xls: BIFF8 in an OLE container) with our own record
/// reader (``BIFFWorkbook``): every worksheet's cells with shared strings, numbers, dates and
/// percentages by their cell format (so 1.0 shown as 100% arrives as `.percent(1.0)`, as from an
/// .xlsx), booleans, errors, formula results, and each sheet's visibility. Sheet protection and
/// document properties are not read. Excel 95 (BIFF5) workbooks are refused with that reason.
public final class LegacyXlsReader: SpreadsheetReader {
    public let path: String
    public var format: SpreadsheetFormat { .xls }
    public let sheets: [SheetInfo]
    public var customProperties: [String: String] { [:] }
    public let date1904: Bool
    /// Percentage formats are read from the workbook itself: always known.
    public var numberFormatsKnown: Bool { true }
    /// Each sheet's rows, in row order with cells in column order (the records come in any order).
    private let rows: [[SheetRow]]

    public init(path: String, limits: ReadLimits = .standard) throws(WorkbookError) {
        self.path = path
        let workbook: BIFFWorkbook
        do {
            workbook = try BIFFWorkbook(path: path, limits: limits)
        } catch {
            switch error {
            case .encrypted:
                throw WorkbookError(.encrypted, path: path, message: "encrypted: the .xls workbook is protected with a password to open; ask the unit to send it without one", found: .legacyXLS)
            case .biff5:
                throw WorkbookError(.unsupported, path: path, message: "a legacy .xls workbook that cannot be read: an Excel 95 (BIFF5) workbook, which xlsx-tasks does not read; ask the unit to save it as .xlsx", found: .legacyXLS)
            case .damaged(let why):
                throw WorkbookError(.damaged, path: path, message: "a legacy .xls workbook that cannot be read: \(why)", found: .legacyXLS)
            case .tooLarge(let why):
                throw WorkbookError(.tooLarge, path: path, message: why, found: .legacyXLS)
            }
        }
        date1904 = workbook.date1904
        let states: [UInt8: SheetState] = [0: .visible, 1: .hidden, 2: .veryHidden]
        sheets = workbook.sheets.map { SheetInfo(name: $0.name, state: states[$0.state] ?? .visible) }
        rows = workbook.sheets.map { sheet in
            var byRow: [Int: [Cell]] = [:]
            for (key, value) in sheet.cells { byRow[key.row, default: []].append(Cell(column: key.column, value: value)) }
            return byRow.keys.sorted().map { row in
                SheetRow(index: row, cells: byRow[row]!.sorted { $0.column < $1.column })
            }
        }
    }

    @discardableResult
    public func readRows(ofSheet index: Int, keepingRows: Bool, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        guard rows.indices.contains(index) else {
            throw WorkbookError(.damaged, path: path, message: "there is no worksheet \(index + 1)")
        }
        for row in rows[index] { try body(row) }
        return SheetSummary()
    }
}
