import Foundation

/// A legacy .xls workbook (BIFF8 in an OLE container) read from its own records: sheet names
/// and states (BOUNDSHEET), the date system (DATEMODE), encryption (FILEPASS), cell styles and
/// number formats (XF, FORMAT), the shared strings (SST with its CONTINUE records) and every
/// value cell (NUMBER, RK, MULRK, LABELSST, LABEL, RSTRING, BOOLERR, FORMULA with its STRING).
///
/// Our own reader rather than FreeXL: FreeXL gave no number formats or sheet states, and under
/// fuzzing with AddressSanitizer it read outside its buffers and crashed (SEGV) on damaged files
/// that come by email. Here every length and index is checked against the record it is in.
struct BIFFWorkbook {
    struct Sheet {
        var name: String
        /// 0 visible, 1 hidden, 2 very hidden.
        var state: UInt8
        /// (row, column) → value, 0-based.
        var cells: [CellKey: CellValue] = [:]
    }

    struct CellKey: Hashable {
        var row: Int
        var column: Int
    }

    enum Failure: Error {
        case encrypted
        /// An Excel 95 (BIFF5) workbook.
        case biff5
        case damaged(String)
        case tooLarge(String)
    }

    private(set) var sheets: [Sheet] = []
    private(set) var date1904 = false
    private(set) var codepage: UInt16?

    init(path: String, limits: ReadLimits = .standard) throws(Failure) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .damaged("cannot read the file") }
        let container: CompoundFile
        do { container = try CompoundFile(bytes: [UInt8](data)) } catch let error as CompoundFile.Damaged {
            throw .damaged(error.reason)
        } catch { throw .damaged("\(error)") }
        guard let stream = try? container.stream(named: "Workbook") else {
            if (try? container.stream(named: "Book")) != nil { throw .biff5 }
            throw .damaged("no workbook stream")
        }
        try self.init(workbookStream: stream, limits: limits)
    }

    init(workbookStream stream: [UInt8], limits: ReadLimits = .standard) throws(Failure) {
        var customFormats: [Int: String] = [:]
        var styleFormats: [Int] = []
        var boundSheets: [(name: String, state: UInt8, offset: Int)] = []
        var strings: [String] = []
        var offset = 0
        guard let first = BIFFWorkbook.record(stream, at: 0), first.type == 0x0809 else { throw .damaged("no BOF record") }
        while let record = BIFFWorkbook.record(stream, at: offset) {
            offset = record.next
            let body = record.body
            switch record.type {
            case 0x002F: throw .encrypted  // FILEPASS
            case 0x0022 where body.count >= 2: date1904 = CompoundFile.u16(body, 0) == 1  // DATEMODE
            case 0x0042 where body.count >= 2: codepage = CompoundFile.u16(body, 0)  // CODEPAGE
            case 0x041E where body.count >= 5:  // FORMAT: ifmt, XLUnicodeString
                customFormats[Int(CompoundFile.u16(body, 0))] = BIFFWorkbook.unicodeString(body, at: 2, lengthBytes: 2)
            case 0x00E0:  // XF: ifnt, ifmt
                styleFormats.append(body.count >= 4 ? Int(CompoundFile.u16(body, 2)) : 0)
                if styleFormats.count > limits.styles { throw .tooLarge("more than \(limits.styles) cell formats (limit styles)") }
            case 0x0085 where body.count >= 8:  // BOUNDSHEET: position, state, type, name
                if body[5] == 0 {
                    boundSheets.append((BIFFWorkbook.unicodeString(body, at: 6, lengthBytes: 1), body[4] & 0x03, Int(CompoundFile.u32(body, 0))))
                }
            case 0x00FC:  // SST, continued by CONTINUE records
                var segments = [body]
                var next = offset
                while let more = BIFFWorkbook.record(stream, at: next), more.type == 0x003C {
                    segments.append(more.body)
                    next = more.next
                }
                offset = next
                strings = try SharedStringTable.read(segments, limit: limits.sharedStrings)
            default: break
            }
            if record.type == 0x000A { break }  // EOF of the globals
        }
        if let codepage, codepage != 1200 { throw .damaged("text in an unsupported code page (\(codepage))") }
        func kind(ofStyle style: Int) -> (date: Bool, percent: Bool) {
            guard style < styleFormats.count else { return (false, false) }
            let format = styleFormats[style]
            if let code = customFormats[format] { return (CellStyles.formatIsDate(code), CellStyles.formatIsPercent(code)) }
            return (CellStyles.builtInIsDate(format), CellStyles.builtInIsPercent(format))
        }
        var kinds: [Int: (date: Bool, percent: Bool)] = [:]
        func number(_ value: Double, style: Int) -> CellValue {
            let styleKind = kinds[style] ?? { let found = kind(ofStyle: style); kinds[style] = found; return found }()
            if styleKind.date { return .date(value) }
            if styleKind.percent { return .percent(value) }
            return .number(value)
        }
        var total = 0
        for bound in boundSheets {
            var sheet = Sheet(name: bound.name, state: bound.state)
            var position = bound.offset
            guard let bof = BIFFWorkbook.record(stream, at: position), bof.type == 0x0809 else {
                throw .damaged("the sheet \(bound.name) does not start where the workbook says")
            }
            var depth = 0
            var pendingFormula: CellKey? = nil
            func put(_ row: UInt16, _ column: UInt16, _ value: CellValue?) throws(Failure) {
                guard let value else { return }
                guard Int(column) < limits.columns else { throw .tooLarge("a cell beyond column \(limits.columns) (limit columns)") }
                total += 1
                guard total <= limits.xlsCells else { throw .tooLarge("more than \(limits.xlsCells) cells (limit xls-cells)") }
                sheet.cells[CellKey(row: Int(row), column: Int(column))] = value
            }
            while let record = BIFFWorkbook.record(stream, at: position) {
                position = record.next
                let body = record.body
                let row = CompoundFile.u16(body, 0), column = CompoundFile.u16(body, 2), style = Int(CompoundFile.u16(body, 4))
                switch record.type {
                case 0x0809: depth += 1  // BOF (an embedded chart nests one)
                case 0x000A: depth -= 1
                case _ where depth > 1: break  // inside an embedded chart
                case 0x0203 where body.count >= 14:  // NUMBER
                    try put(row, column, number(Double(bitPattern: CompoundFile.u64(body, 6)), style: style))
                case 0x027E where body.count >= 10:  // RK
                    try put(row, column, number(BIFFWorkbook.rk(CompoundFile.u32(body, 6)), style: style))
                case 0x00BD where body.count >= 6:  // MULRK: row, first column, (style, RK)*, last column
                    var at = 4, current = column
                    while at + 6 <= body.count - 2 {
                        try put(row, current, number(BIFFWorkbook.rk(CompoundFile.u32(body, at + 2)), style: Int(CompoundFile.u16(body, at))))
                        current &+= 1
                        at += 6
                    }
                case 0x00FD where body.count >= 10:  // LABELSST
                    let index = Int(CompoundFile.u32(body, 6))
                    guard index < strings.count else { throw .damaged("a cell refers to shared string \(index) of \(strings.count)") }
                    try put(row, column, strings[index].isEmpty ? nil : .text(strings[index]))
                case 0x0204 where body.count >= 9, 0x00D6 where body.count >= 9:  // LABEL, RSTRING
                    let text = BIFFWorkbook.unicodeString(body, at: 6, lengthBytes: 2)
                    try put(row, column, text.isEmpty ? nil : .text(text))
                case 0x0205 where body.count >= 8:  // BOOLERR
                    try put(row, column, body[7] == 0 ? .bool(body[6] != 0) : .error(BIFFWorkbook.errorText(body[6])))
                case 0x0006 where body.count >= 14:  // FORMULA: its cached result
                    pendingFormula = nil
                    if CompoundFile.u16(body, 12) == 0xFFFF {
                        switch body[6] {
                        case 0: pendingFormula = CellKey(row: Int(row), column: Int(column))  // text in the next STRING
                        case 1: try put(row, column, .bool(body[8] != 0))
                        case 2: try put(row, column, .error(BIFFWorkbook.errorText(body[8])))
                        default: break
                        }
                    } else {
                        try put(row, column, number(Double(bitPattern: CompoundFile.u64(body, 6)), style: style))
                    }
                case 0x0207:  // STRING: a formula's text result
                    if let key = pendingFormula {
                        let text = BIFFWorkbook.unicodeString(body, at: 0, lengthBytes: 2)
                        try put(UInt16(key.row), UInt16(key.column), text.isEmpty ? nil : .text(text))
                    }
                    pendingFormula = nil
                default: break
                }
                if depth <= 0 { break }
            }
            sheets.append(sheet)
        }
    }

    /// An RK number: a 30-bit integer or the top of a double, optionally divided by 100.
    static func rk(_ value: UInt32) -> Double {
        var number = value & 0x02 != 0 ? Double(Int32(bitPattern: value) >> 2) : Double(bitPattern: UInt64(value & 0xFFFF_FFFC) << 32)
        if value & 0x01 != 0 { number /= 100 }
        return number
    }

    static func errorText(_ code: UInt8) -> String {
        [0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"][code] ?? "#ERROR"
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

    /// A BIFF8 unicode string within one record: a character count (1 or 2 bytes), a flags byte
    /// (bit 0: two bytes a character; bits 2 and 3: phonetic and rich-text extras after it), then
    /// the characters.
    static func unicodeString(_ body: [UInt8], at offset: Int, lengthBytes: Int) -> String {
        guard offset >= 0, offset + lengthBytes < body.count else { return "" }
        let count = lengthBytes == 2 ? Int(CompoundFile.u16(body, offset)) : Int(body[offset])
        let flags = body[offset + lengthBytes]
        var start = offset + lengthBytes + 1
        if flags & 0x08 != 0 { start += 2 }
        if flags & 0x04 != 0 { start += 4 }
        return characters(body, from: start, count: count, wide: flags & 0x01 != 0).text
    }

    /// Up to `count` characters from `start`: UTF-16LE when `wide`, else Latin-1 (each byte its
    /// own code point). Also returns how many were there and where they end.
    static func characters(_ bytes: [UInt8], from start: Int, count: Int, wide: Bool) -> (text: String, read: Int, end: Int) {
        guard start <= bytes.count, count > 0 else { return ("", 0, min(start, bytes.count)) }
        if wide {
            let available = min(count, (bytes.count - start) / 2)
            let units = (0..<available).map { CompoundFile.u16(bytes, start + $0 * 2) }
            return (String(decoding: units, as: UTF16.self), available, start + available * 2)
        }
        let available = min(count, bytes.count - start)
        var scalars = String.UnicodeScalarView()
        for byte in bytes[start..<(start + available)] { scalars.append(Unicode.Scalar(byte)) }
        return (String(scalars), available, start + available)
    }
}

/// The SST record and its CONTINUE records: strings may cross a record boundary anywhere; where
/// their characters do, the next record starts with a new flags byte (one or two bytes a character).
enum SharedStringTable {
    static func read(_ segments: [[UInt8]], limit: Int) throws(BIFFWorkbook.Failure) -> [String] {
        guard let first = segments.first, first.count >= 8 else { return [] }
        let unique = Int(CompoundFile.u32(first, 4))
        guard unique <= limit else { throw .tooLarge("more than \(limit) shared strings (limit shared-strings)") }
        var segment = 0, offset = 8
        func byte() -> UInt8? {
            while segment < segments.count && offset >= segments[segment].count { segment += 1; offset = 0 }
            guard segment < segments.count else { return nil }
            defer { offset += 1 }
            return segments[segment][offset]
        }
        func integer(_ size: Int) -> UInt32? {
            var value: UInt32 = 0
            for index in 0..<size {
                guard let next = byte() else { return nil }
                value |= UInt32(next) << (8 * index)
            }
            return value
        }
        func skip(_ count: Int) {
            var left = count
            while left > 0, segment < segments.count {
                let here = min(left, segments[segment].count - offset)
                if here <= 0 { segment += 1; offset = 0; continue }
                offset += here
                left -= here
            }
        }
        var strings: [String] = []
        strings.reserveCapacity(min(unique, 1 << 16))
        while strings.count < unique {
            guard let count = integer(2), let flags = byte() else { break }
            let runs = flags & 0x08 != 0 ? Int(integer(2) ?? 0) : 0
            let extras = flags & 0x04 != 0 ? Int(integer(4) ?? 0) : 0
            var wide = flags & 0x01 != 0
            var text = ""
            var left = Int(count)
            while left > 0 {
                if segment < segments.count && offset >= segments[segment].count {
                    // The characters continue in the next record, after its own flags byte.
                    segment += 1
                    offset = 0
                    guard segment < segments.count, let next = byte() else { break }
                    wide = next & 0x01 != 0
                }
                guard segment < segments.count else { break }
                let part = BIFFWorkbook.characters(segments[segment], from: offset, count: left, wide: wide)
                if part.read == 0 { offset = segments[segment].count; continue }
                text += part.text
                left -= part.read
                offset = part.end
            }
            skip(runs * 4 + extras)
            strings.append(text)
        }
        return strings
    }
}
