/// One cell's value as a reader delivers it.
public enum CellValue: Equatable, Sendable {
    case text(String)
    /// An index into the workbook's shared-string table (resolve with ``XlsxReader/sharedString(_:)``).
    case sharedString(Int)
    case number(Double)
    /// A number shown as a percentage (the cell's format has a %): 0.8 is shown as 80%.
    case percent(Double)
    /// A date or time as a serial day number of the workbook's date system (see ``XlsxReader/date1904``).
    case date(Double)
    case bool(Bool)
    /// An error value such as `#N/A` or `#DIV/0!`.
    case error(String)
    /// A WPS in-cell image (`=_xlfn.DISPIMG("ID_…",1)`); the payload is the image id.
    case image(String)
}

/// A non-empty cell of a row: its zero-based column and value.
public struct Cell: Equatable, Sendable {
    public var column: Int
    public var value: CellValue

    public init(column: Int, value: CellValue) {
        self.column = column
        self.value = value
    }
}

/// A row as delivered by a reader: zero-based index and its non-empty cells in column order.
public struct SheetRow: Sendable {
    public var index: Int
    public var cells: [Cell]

    public init(index: Int, cells: [Cell]) {
        self.index = index
        self.cells = cells
    }
}

extension CellValue {
    /// The value as a person would read it in the cell ("" for nothing).
    public func displayText(date1904: Bool) -> String {
        switch self {
        case .text(let text): return text
        case .sharedString(let index): return "#\(index)"
        case .number(let number): return NumberText.format(number)
        case .percent(let number): return NumberText.format(number * 100) + "%"
        case .date(let serial): return ExcelDate.text(serial, date1904: date1904)
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        case .error(let text): return text
        case .image: return "[图片]"
        }
    }
}
