#if canImport(Glibc)
    import Glibc
#endif

/// What a sheet part says besides its cells.
public struct SheetSummary: Sendable {
    /// `<sheetProtection>` is present (a unit that removed the protection removed this); nil
    /// where the format has no sheet protection as read here (CSV, legacy .xls).
    public var protected: Bool?
    /// Merged ranges such as "A1:L1".
    public var mergedRanges: [String] = []
    /// Cells holding WPS in-cell images.
    public var imageCells = 0
    public init(protected: Bool? = nil) { self.protected = protected }
}

/// A byte-level scanner for worksheet XML: no DOM, no per-element objects, rows delivered one
/// at a time. It is fed the inflated part in chunks and consumes whole rows only, keeping an
/// incomplete tail for the next chunk, so memory stays flat however long the sheet is.
///
/// Handles cells and rows without `r` attributes (position follows the previous one), `<v>`
/// with attributes, inline strings with rich-text runs (phonetic `<rPh>` runs skipped),
/// formula string results, booleans, errors, dates and percentages by cell style, element
/// prefixes (Strict or prefixed SpreadsheetML), and ignores `<dimension>` (WPS writes "A1").
struct SheetScanner {
    let styles: CellStyles
    let limits: ReadLimits
    let path: String
    /// When given, shared-string cells arrive as their text, resolved as they are scanned (no
    /// second pass over each row); else as indices.
    let sharedStrings: [String]?
    var summary = SheetSummary(protected: false)
    private var nextRow = 0
    private var cells: [Cell] = []

    init(styles: CellStyles, limits: ReadLimits = .standard, path: String = "", sharedStrings: [String]? = nil) {
        self.styles = styles
        self.limits = limits
        self.path = path
        self.sharedStrings = sharedStrings
    }

    /// Scans `buffer`, delivering each complete row; returns how many bytes were consumed.
    /// With `final`, an incomplete tail is an error (a truncated part).
    mutating func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, final: Bool, deliver: (SheetRow) throws -> Void
    ) throws -> Int {
        var reader = ByteCursor(buffer)
        var committed = 0
        while true {
            guard let open = reader.find(UInt8(ascii: "<")) else {
                committed = buffer.count
                break
            }
            reader.position = open
            guard let tag = reader.tagName(at: open) else { break }
            if tag.isEnd {
                guard let close = reader.find(UInt8(ascii: ">"), from: open) else { break }
                reader.position = close + 1
                committed = reader.position
                continue
            }
            if reader.localNameEquals(tag, "row") {
                guard let end = try scanRow(&reader, at: open, deliver: deliver) else { break }
                reader.position = end
                committed = end
                continue
            }
            guard let close = reader.endOfTag(from: open) else { break }
            if reader.localNameEquals(tag, "sheetProtection") {
                summary.protected = true
            } else if reader.localNameEquals(tag, "mergeCell"),
                let ref = reader.attribute("ref", in: open..<close)
            {
                summary.mergedRanges.append(reader.string(ref))
            }
            reader.position = close + 1
            committed = reader.position
        }
        return committed
    }

    /// Scans `<row …>…</row>` starting at `open`; nil when the buffer ends first.
    private mutating func scanRow(
        _ reader: inout ByteCursor, at open: Int, deliver: (SheetRow) throws -> Void
    ) throws -> Int? {
        guard let tagEnd = reader.endOfTag(from: open) else { return nil }
        var rowIndex = nextRow
        if let r = reader.attribute("r", in: open..<tagEnd), let number = reader.integer(r), number > 0 {
            rowIndex = number - 1
        }
        // Row and column numbers are the file's word: past Excel's sheet they are damage, not an
        // index to trust (Int.max + 1 traps, a dense row of a huge column exhausts memory).
        guard rowIndex < limits.rows else {
            throw WorkbookError(.tooLarge, path: path, message: "a row numbered beyond \(limits.rows) (limit rows)")
        }
        cells.removeAll(keepingCapacity: true)
        if reader.isSelfClosing(tagEnd) {
            nextRow = rowIndex + 1
            try deliver(SheetRow(index: rowIndex, cells: []))
            return tagEnd + 1
        }
        var position = tagEnd + 1
        var nextColumn = 0
        while true {
            guard let child = reader.find(UInt8(ascii: "<"), from: position), let tag = reader.tagName(at: child) else {
                return nil
            }
            if tag.isEnd {
                guard let close = reader.find(UInt8(ascii: ">"), from: child) else { return nil }
                position = close + 1
                if reader.localNameEquals(tag, "row") { break }
                continue
            }
            guard let childEnd = reader.endOfTag(from: child) else { return nil }
            if !reader.localNameEquals(tag, "c") {
                position = childEnd + 1
                continue
            }
            var column = nextColumn
            var type = ByteCursor.CellType.number
            var style = 0
            reader.forEachCellAttribute(in: child..<childEnd) { name, value in
                switch name {
                case .r: if let parsed = reader.column(value) { column = parsed }
                case .t: type = reader.cellType(value)
                case .s: style = reader.integer(value) ?? 0
                }
            }
            guard column < limits.columns else {
                throw WorkbookError(.tooLarge, path: path, message: "a cell beyond column \(limits.columns) (limit columns)", row: rowIndex + 1)
            }
            nextColumn = column + 1
            if reader.isSelfClosing(childEnd) {
                position = childEnd + 1
                continue
            }
            guard let parts = reader.cellParts(from: childEnd + 1) else { return nil }
            position = parts.end
            if let value = try makeValue(&reader, type: type, style: style, parts: parts) {
                cells.append(Cell(column: column, value: value))
            }
        }
        nextRow = rowIndex + 1
        // A row's cells in column order, one per column, whatever order the file wrote them in
        // (readers index by column; the last written of two cells at one place wins, as in Excel).
        if zip(cells, cells.dropFirst()).contains(where: { $0.column >= $1.column }) {
            var byColumn: [Int: CellValue] = [:]
            for cell in cells { byColumn[cell.column] = cell.value }
            cells = byColumn.sorted { $0.key < $1.key }.map { Cell(column: $0.key, value: $0.value) }
        }
        try deliver(SheetRow(index: rowIndex, cells: cells))
        return position
    }

    private mutating func makeValue(
        _ reader: inout ByteCursor, type: ByteCursor.CellType, style: Int, parts: ByteCursor.CellParts
    ) throws -> CellValue? {
        if let formula = parts.formula, reader.hasPrefix(formula, "_xlfn.DISPIMG(") {
            summary.imageCells += 1
            return .image(reader.imageID(formula))
        }
        if type == .inlineString {
            guard let inline = parts.inline else { return nil }
            let text = reader.decodeRuns(inline)
            return text.isEmpty ? nil : .text(text)
        }
        guard let v = parts.value, !v.isEmpty else { return nil }
        switch type {
        case .number:
            guard let number = reader.number(v) else { return .text(reader.text(v)) }
            if style < styles.isDate.count {
                if styles.isDate[style] { return .date(number) }
                if styles.isPercent[style] { return .percent(number) }
            }
            return .number(number)
        case .sharedString:
            guard let index = reader.integer(v) else { return nil }
            guard let table = sharedStrings else { return .sharedString(index) }
            guard index < table.count else {
                throw WorkbookError(.damaged, path: path, message: "a cell refers to shared string \(index), but there are only \(table.count)")
            }
            return .text(table[index])
        case .bool:
            let text = reader.text(v)
            return .bool(text == "1" || text == "true")
        case .error:
            return .error(reader.text(v))
        case .inlineString, .other:  // "str" (a formula's text result), "d" (ISO date text), unknown
            let text = reader.text(v)
            return text.isEmpty ? nil : .text(text)
        }
    }
}
