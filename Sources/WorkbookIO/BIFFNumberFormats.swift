import Foundation

/// Which cells of a legacy .xls (BIFF8) are formatted as percentages, read from the workbook
/// stream's own records because FreeXL does not expose number formats: the FORMAT records
/// (custom format strings), the XF records (each cell style's format), the BOUNDSHEET records
/// (where each sheet's records start) and the style index of every numeric cell.
///
/// Without this, 1.0 in a cell shown as 100% reads as 1, and 0.55 as 0.55.
struct BIFFNumberFormats {
    /// Sheet name → (row, column) of every numeric cell whose format shows a percentage.
    private(set) var percentCells: [String: Set<CellKey>] = [:]
    /// Sheet name → BOUNDSHEET visibility (0 visible, 1 hidden, 2 very hidden).
    private(set) var sheetStates: [String: UInt8] = [:]
    /// Rows × columns of the largest DIMENSION record: what FreeXL will allocate for a sheet.
    private(set) var largestSheetCells: UInt64 = 0
    /// The CODEPAGE record's value (1200, UTF-16, in every BIFF8 workbook Excel or LibreOffice writes).
    private(set) var codepage: UInt16?

    struct CellKey: Hashable {
        var row: Int
        var column: Int
    }

    struct Unreadable: Error {
        var reason: String
        /// An Excel 95 (BIFF5) workbook: readable by FreeXL, not by these records.
        var biff5 = false
    }

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable(reason: "cannot read the file") }
        let container: CompoundFile
        do { container = try CompoundFile(bytes: [UInt8](data)) } catch let error as CompoundFile.Damaged {
            throw Unreadable(reason: error.reason)
        }
        // BIFF5 ("Book") has other record layouts; only BIFF8 ("Workbook") is read.
        guard let stream = try? container.stream(named: "Workbook") else {
            let biff5 = (try? container.stream(named: "Book")) != nil
            throw Unreadable(reason: "no BIFF8 workbook stream", biff5: biff5)
        }
        try self.init(workbookStream: stream)
    }

    init(workbookStream stream: [UInt8]) throws {
        var customFormats: [Int: String] = [:]
        var styleFormats: [Int] = []
        var sheets: [(name: String, offset: Int)] = []
        // Globals: from the start to the first EOF.
        var offset = 0
        while let record = BIFFNumberFormats.record(stream, at: offset) {
            offset = record.next
            switch record.type {
            case 0x041E:  // FORMAT: ifmt, then an XLUnicodeString
                let body = record.body
                guard body.count >= 5 else { continue }
                let id = Int(CompoundFile.u16(body, 0))
                customFormats[id] = BIFFNumberFormats.unicodeString(body, at: 2, lengthBytes: 2)
            case 0x0042 where record.body.count >= 2:  // CODEPAGE
                codepage = CompoundFile.u16(record.body, 0)
            case 0x00E0:  // XF: ifnt, ifmt
                styleFormats.append(record.body.count >= 4 ? Int(CompoundFile.u16(record.body, 2)) : 0)
            case 0x0085:  // BOUNDSHEET: stream position, state, type, name
                let body = record.body
                guard body.count >= 8, body[5] == 0 else { continue }  // worksheets only
                let name = BIFFNumberFormats.unicodeString(body, at: 6, lengthBytes: 1)
                sheets.append((name, Int(CompoundFile.u32(body, 0))))
                sheetStates[name] = body[4] & 0x03
            default: break
            }
            if record.type == 0x000A { break }  // EOF of the globals
        }
        guard !styleFormats.isEmpty else { throw Unreadable(reason: "no cell styles (XF records)") }
        let percentStyles = Set(styleFormats.indices.filter { index in
            let format = styleFormats[index]
            return format == 9 || format == 10 || customFormats[format].map(BIFFNumberFormats.showsPercent) == true
        })

        for sheet in sheets {
            var cells: Set<CellKey> = []
            var position = sheet.offset
            var depth = 0
            func mark(_ row: UInt16, _ column: UInt16, _ style: UInt16) {
                if percentStyles.contains(Int(style)) { cells.insert(CellKey(row: Int(row), column: Int(column))) }
            }
            while let record = BIFFNumberFormats.record(stream, at: position) {
                position = record.next
                let body = record.body
                switch record.type {
                case 0x0809: depth += 1  // BOF (an embedded chart nests one)
                case 0x0200 where body.count >= 12:  // DIMENSION: first row, last row + 1, first column, last column + 1
                    let rows = UInt64(CompoundFile.u32(body, 4)) &- UInt64(CompoundFile.u32(body, 0))
                    let columns = UInt64(CompoundFile.u16(body, 10)) &- UInt64(CompoundFile.u16(body, 8))
                    if rows <= UInt64(UInt32.max), columns <= UInt64(UInt16.max) {
                        largestSheetCells = max(largestSheetCells, rows * columns)
                    }
                case 0x000A:
                    depth -= 1
                case 0x0203, 0x027E, 0x0006:  // NUMBER, RK, FORMULA: row, column, style
                    if body.count >= 6 { mark(CompoundFile.u16(body, 0), CompoundFile.u16(body, 2), CompoundFile.u16(body, 4)) }
                case 0x00BD:  // MULRK: row, first column, (style, RK)*, last column
                    guard body.count >= 6 else { break }
                    let row = CompoundFile.u16(body, 0)
                    var column = CompoundFile.u16(body, 2)
                    var at = 4
                    while at + 6 <= body.count - 2 {
                        mark(row, column, CompoundFile.u16(body, at))
                        column &+= 1
                        at += 6
                    }
                default: break
                }
                if depth <= 0 { break }
            }
            percentCells[sheet.name] = cells
        }
    }

    /// Whether the cell at 0-based row/column of the named sheet shows a percentage.
    func isPercent(sheet: String, row: Int, column: Int) -> Bool {
        percentCells[sheet]?.contains(CellKey(row: row, column: column)) ?? false
    }

    /// A format code shows a percentage when it has a % outside quotes, escapes and brackets.
    static func showsPercent(_ code: String) -> Bool {
        var quoted = false, bracket = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "%" where !quoted && !bracket: return true
            default: break
            }
        }
        return false
    }

    /// One record: its type, its body and where the next one starts; nil at the end or when the
    /// stated length runs past the stream.
    static func record(_ stream: [UInt8], at offset: Int) -> (type: UInt16, body: [UInt8], next: Int)? {
        guard offset >= 0, offset + 4 <= stream.count else { return nil }
        let type = CompoundFile.u16(stream, offset), length = Int(CompoundFile.u16(stream, offset + 2))
        let start = offset + 4
        guard start + length <= stream.count else { return nil }
        return (type, Array(stream[start..<(start + length)]), start + length)
    }

    /// A BIFF8 unicode string: a character count (1 or 2 bytes), a flags byte (bit 0: two bytes a
    /// character), then the characters. Rich-text and phonetic extras follow the characters, so
    /// only the characters are read.
    static func unicodeString(_ body: [UInt8], at offset: Int, lengthBytes: Int) -> String {
        guard offset + lengthBytes < body.count else { return "" }
        let count = lengthBytes == 2 ? Int(CompoundFile.u16(body, offset)) : Int(body[offset])
        let flags = body[offset + lengthBytes]
        let start = offset + lengthBytes + 1
        if flags & 0x01 != 0 {
            let end = min(body.count, start + count * 2)
            let units = stride(from: start, to: end - 1, by: 2).map { CompoundFile.u16(body, $0) }
            return String(decoding: units, as: UTF16.self)
        }
        let end = min(body.count, start + count)
        // Compressed characters are Latin-1: each byte is its own code point.
        var scalars = String.UnicodeScalarView()
        for byte in body[min(start, end)..<end] { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }
}
