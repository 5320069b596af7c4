import CFreeXL
import Foundation

/// Reads a legacy Excel 97–2003 workbook (.xls, BIFF5/8 in an OLE container) through FreeXL:
/// every worksheet's cells, with shared strings, numbers and dates.
///
/// FreeXL does not expose number formats: which cells show a percentage is read from the
/// workbook stream's own records (``BIFFNumberFormats``), so 1.0 shown as 100% arrives as
/// `.percent(1.0)` like in an .xlsx. When those records cannot be read, ``numberFormatsKnown`` is
/// false and a caller must not guess. Sheet protection and document properties are not read.
public struct LegacyXlsReader {
    public struct Sheet: Sendable {
        public var name: String
        /// Non-empty rows in order: 0-based row index and the values by column (nil = empty).
        public var rows: [(index: Int, values: [CellValue?])]
    }

    public let path: String
    public private(set) var sheets: [Sheet] = []
    public private(set) var date1904 = false
    /// Whether percentage formats were read (see above); false means a number may be a
    /// fraction shown as a percentage.
    public private(set) var numberFormatsKnown = false

    /// Why an .xls could not be read.
    public enum Failure: Error, Sendable {
        /// The workbook is encrypted (protected with a password to open).
        case encrypted
        /// Not a readable BIFF workbook: damaged, truncated or another OLE file; says why.
        case unreadable(String)
        /// Past one of ``ReadLimits``; names the limit.
        case tooLarge(String)
    }

    public init(path: String, limits: ReadLimits = .standard) throws(Failure) {
        self.path = path
        // FreeXL is handed only a container our own reader understands: on damaged ones it has
        // read outside its buffers (found by fuzzing). An Excel 95 workbook goes to FreeXL as it is.
        let formats: BIFFNumberFormats?
        do {
            formats = try BIFFNumberFormats(path: path)
        } catch let error as BIFFNumberFormats.Unreadable where error.biff5 {
            formats = nil
        } catch {
            throw .unreadable("the workbook is damaged (\((error as? BIFFNumberFormats.Unreadable)?.reason ?? "\(error)"))")
        }
        // FreeXL allocates every cell a sheet's DIMENSION record states, at open: check first.
        if let formats, formats.largestSheetCells > UInt64(limits.xlsCells) {
            throw .tooLarge("a sheet of \(formats.largestSheetCells) cells, more than xlsx-tasks reads (limit xls-cells: \(limits.xlsCells))")
        }
        // FreeXL converts text through iconv from the stated code page: a BIFF8 workbook's text is
        // UTF-16, so any other code page is refused before FreeXL sees it.
        if let codepage = formats?.codepage, codepage != 1200 {
            throw .unreadable("text in an unsupported code page (\(codepage))")
        }
        var handle: UnsafeRawPointer? = nil
        let opened = freexl_open(path, &handle)
        guard opened == FREEXL_OK, let handle else {
            if let handle { freexl_close(handle) }
            throw .unreadable(LegacyXlsReader.describe(opened))
        }
        defer { freexl_close(handle) }
        var info: UInt32 = 0
        if freexl_get_info(handle, UInt16(FREEXL_BIFF_PASSWORD), &info) == FREEXL_OK, info == UInt32(FREEXL_BIFF_OBFUSCATED) {
            throw .encrypted
        }
        if freexl_get_info(handle, UInt16(FREEXL_BIFF_DATEMODE), &info) == FREEXL_OK {
            date1904 = info == UInt32(FREEXL_BIFF_DATEMODE_1904)
        }
        numberFormatsKnown = formats != nil
        var count: UInt32 = 0
        guard freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &count) == FREEXL_OK else {
            throw .unreadable("no worksheets")
        }
        for index in 0..<UInt16(clamping: count) {
            var name: UnsafePointer<CChar>? = nil
            guard freexl_get_worksheet_name(handle, index, &name) == FREEXL_OK,
                freexl_select_active_worksheet(handle, index) == FREEXL_OK
            else { throw .unreadable("worksheet \(index + 1) cannot be opened") }
            var rowCount: UInt32 = 0
            var columnCount: UInt16 = 0
            guard freexl_worksheet_dimensions(handle, &rowCount, &columnCount) == FREEXL_OK else {
                throw .unreadable("worksheet \(index + 1) has no dimensions")
            }
            let sheetName = name.map { String(cString: $0) } ?? "Sheet\(index + 1)"
            var rows: [(Int, [CellValue?])] = []
            for row in 0..<rowCount {
                var values = [CellValue?](repeating: nil, count: Int(columnCount))
                var any = false
                for column in 0..<columnCount {
                    var cell = FreeXL_CellValue()
                    let status = freexl_get_cell_value(handle, row, column, &cell)
                    guard status == FREEXL_OK else {
                        throw .unreadable("row \(row + 1), column \(column + 1): \(LegacyXlsReader.describe(status))")
                    }
                    var read = value(of: cell)
                    if case .number(let number)? = read, formats?.isPercent(sheet: sheetName, row: Int(row), column: Int(column)) == true {
                        read = .percent(number)
                    }
                    values[Int(column)] = read
                    any = any || values[Int(column)] != nil
                }
                if any {
                    while values.last.map({ $0 == nil }) == true { values.removeLast() }
                    rows.append((Int(row), values))
                }
            }
            sheets.append(Sheet(name: sheetName, rows: rows))
        }
    }

    private func value(of cell: FreeXL_CellValue) -> CellValue? {
        switch Int32(cell.type) {
        case FREEXL_CELL_INT: return .number(Double(cell.value.int_value))
        case FREEXL_CELL_DOUBLE: return .number(cell.value.double_value)
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT:
            guard let text = cell.value.text_value else { return nil }
            let string = String(cString: text)
            return string.isEmpty ? nil : .text(string)
        case FREEXL_CELL_DATE, FREEXL_CELL_DATETIME, FREEXL_CELL_TIME:
            // FreeXL gives dates as text ("2020-06-30", "2020-06-30 12:00:00", "12:00:00").
            guard let text = cell.value.text_value else { return nil }
            let string = String(cString: text)
            return ExcelDate.serial(fromISO: string, date1904: date1904).map(CellValue.date) ?? .text(string)
        default: return nil
        }
    }

    static func describe(_ status: Int32) -> String {
        switch status {
        case FREEXL_FILE_NOT_FOUND: return "cannot open the file"
        case FREEXL_INSUFFICIENT_MEMORY: return "not enough memory"
        case FREEXL_INVALID_CFBF_HEADER, FREEXL_CFBF_INVALID_SIGNATURE, FREEXL_CFBF_INVALID_SECTOR_SIZE:
            return "not an OLE container"
        case FREEXL_CFBF_READ_ERROR, FREEXL_CFBF_SEEK_ERROR, FREEXL_CFBF_EMPTY_FAT_CHAIN, FREEXL_CFBF_ILLEGAL_FAT_ENTRY,
            FREEXL_INVALID_MINI_STREAM, FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY, FREEXL_CRAFTED_FILE:
            return "the container is truncated or damaged"
        case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "the OLE file holds no Excel workbook"
        case FREEXL_BIFF_INVALID_BOF, FREEXL_BIFF_INVALID_SST, FREEXL_BIFF_ILLEGAL_SST_INDEX:
            return "the workbook records are damaged"
        case FREEXL_INVALID_CHARACTER, FREEXL_UNSUPPORTED_CHARSET: return "text in an unsupported code page"
        default: return "FreeXL error \(status)"
        }
    }
}
