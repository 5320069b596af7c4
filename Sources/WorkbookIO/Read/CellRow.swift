import WorkbookIO

/// One row of a returned sheet: indexable by column like an array (nil for an empty cell), but
/// holding only its non-empty cells, so a file with a cell at XFD on every row costs its cells,
/// not 16,384 slots a row.
public struct CellRow: RandomAccessCollection, Sendable {
    /// Non-empty cells in column order.
    public private(set) var cells: [Cell]

    /// `values` by column; trailing nils dropped.
    public init(_ values: [CellValue?]) {
        cells = values.enumerated().compactMap { column, value in value.map { Cell(column: column, value: $0) } }
    }

    /// Cells in column order (a reader's row).
    public init(cells: [Cell]) { self.cells = cells }

    public var startIndex: Int { 0 }
    /// One past the last non-empty column.
    public var endIndex: Int { (cells.last?.column ?? -1) + 1 }

    public subscript(column: Int) -> CellValue? {
        var low = 0, high = cells.count
        while low < high {
            let middle = (low + high) / 2
            if cells[middle].column < column { low = middle + 1 } else { high = middle }
        }
        return low < cells.count && cells[low].column == column ? cells[low].value : nil
    }

    /// No cell holds anything.
    public var isBlank: Bool { cells.isEmpty }
}
