import Foundation

/// Reads a legacy Excel 97–2003 workbook (.xls: BIFF8 in an OLE container) with our own record
/// reader (``BIFFWorkbook``): every worksheet's cells with shared strings, numbers, dates and
/// percentages by their cell format (so 1.0 shown as 100% arrives as `.percent(1.0)`, as from an
/// .xlsx), booleans, errors, formula results, and each sheet's visibility. Sheet protection and
/// document properties are not read. Excel 95 (BIFF5) workbooks are refused with that reason.
public struct LegacyXlsReader {
    public struct Sheet: Sendable {
        public var name: String
        public var state: XlsxReader.SheetState
        /// Non-empty rows in order: 0-based row index and the values by column (nil = empty).
        public var rows: [(index: Int, values: [CellValue?])]
    }

    public let path: String
    public private(set) var sheets: [Sheet] = []
    public private(set) var date1904 = false
    /// Percentage formats are read from the workbook itself: always known.
    public let numberFormatsKnown = true

    /// Why an .xls could not be read.
    public enum Failure: Error, Sendable {
        /// The workbook is encrypted (protected with a password to open).
        case encrypted
        /// Not a readable BIFF8 workbook: damaged, truncated, Excel 95 or another OLE file; says why.
        case unreadable(String)
        /// Past one of ``ReadLimits``; names the limit.
        case tooLarge(String)
    }

    public init(path: String, limits: ReadLimits = .standard) throws(Failure) {
        self.path = path
        let workbook: BIFFWorkbook
        do {
            workbook = try BIFFWorkbook(path: path, limits: limits)
        } catch {
            switch error {
            case .encrypted: throw .encrypted
            case .biff5: throw .unreadable("an Excel 95 (BIFF5) workbook, which xlsx-tasks does not read; ask the unit to save it as .xlsx")
            case .damaged(let why): throw .unreadable(why)
            case .tooLarge(let why): throw .tooLarge(why)
            }
        }
        date1904 = workbook.date1904
        let states: [UInt8: XlsxReader.SheetState] = [0: .visible, 1: .hidden, 2: .veryHidden]
        for sheet in workbook.sheets {
            var byRow: [Int: [(column: Int, value: CellValue)]] = [:]
            for (key, value) in sheet.cells { byRow[key.row, default: []].append((key.column, value)) }
            let rows = byRow.keys.sorted().map { row -> (Int, [CellValue?]) in
                let cells = byRow[row]!
                var values = [CellValue?](repeating: nil, count: (cells.map(\.column).max() ?? -1) + 1)
                for cell in cells { values[cell.column] = cell.value }
                return (row, values)
            }
            sheets.append(Sheet(name: sheet.name, state: states[sheet.state] ?? .visible, rows: rows))
        }
    }
}
