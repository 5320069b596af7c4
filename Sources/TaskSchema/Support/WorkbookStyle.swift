import WorkbookIO

/// What every workbook xlsx-tasks writes (master, unit reports, checklist, merged) shares:
/// header and body cells, titles, page header and footer, in one place.
enum WorkbookStyle {
    /// Column headers of task columns.
    static let header = CellStyle(bold: true, backgroundColor: 0xDDEBF7, wrap: true, border: true,
                                  horizontal: .center, vertical: .center)
    /// Column headers of the progress columns a unit fills in: another colour, so they stand out.
    static let progressHeader = CellStyle(bold: true, backgroundColor: 0xFCE4D6, wrap: true, border: true,
                                          horizontal: .center, vertical: .center)
    static let body = CellStyle(wrap: true, border: true, vertical: .top)
    static let title = CellStyle(bold: true, fontSize: 14, wrap: true, horizontal: .center, vertical: .center)

    /// "第 1 页，共 3 页", centred.
    static let pageFooter = "&C第 &P 页，共 &N 页"

    /// Header text left and right: `&` must be doubled, and Excel allows 255 characters at most.
    static func pageHeader(left: String, right: String) -> String {
        func escaped(_ text: String) -> String { String(text.replacingOccurrences(of: "&", with: "&&").prefix(100)) }
        return "&L\(escaped(left))&R\(escaped(right))"
    }
}
