import WorkbookIO

/// The two rows above a table in every sheet written for people to read: the title, and a
/// line under it (document, deadline, contact; or when the workbook was made). Both are centred
/// across the table's columns, which also works in constant-memory mode, where merging cells
/// does not.
enum SheetHeading {
    static let titleRow = 0
    static let subtitleRow = 1
    /// The first row after the heading.
    static let rows = 2

    /// An unsized row (Excel's and libxlsxwriter's default), in points.
    static let defaultRowHeight = 15.0

    /// The points the two rows take.
    static func height(style: WorkbookStyle) -> Double {
        (style.style.titleSize * 2.2).rounded(.up) + (style.fontSize * 2).rounded(.up)
    }

    static func write(title: String, subtitle: String, across lastColumn: Int, style: WorkbookStyle, to sheet: XlsxWorksheet) throws {
        try sheet.setRowHeight(titleRow, height: (style.style.titleSize * 2.2).rounded(.up))
        try sheet.write(title, row: titleRow, column: 0, style: style.title)
        for column in 1...max(1, lastColumn) { try sheet.writeBlank(row: titleRow, column: column, style: style.title) }
        try sheet.setRowHeight(subtitleRow, height: (style.fontSize * 2).rounded(.up))
        try sheet.write(subtitle, row: subtitleRow, column: 0, style: style.subtitle)
        for column in 1...max(1, lastColumn) { try sheet.writeBlank(row: subtitleRow, column: column, style: style.subtitle) }
    }
}
