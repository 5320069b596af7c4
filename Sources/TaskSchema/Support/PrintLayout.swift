import WorkbookIO

/// The print rule every sheet xlsx-tasks writes follows: printed text is never smaller than
/// 9 pt. The paper and orientation are chosen from the columns' widths — A4 portrait, A4
/// landscape, then A3 landscape — and the sheet is fitted to the page width only while that
/// keeps the scale above the limit; a table wider than A3 at the limit prints at the limit,
/// its columns continuing on the next page. Header rows repeat, the table is centred, every
/// page is numbered.
enum PrintLayout {
    static let smallestPrintedPoints = 9.0
    /// Excel's default column width, for columns no writer set.
    static let defaultColumnWidth = 8.43
    /// Inches; narrower left and right than Excel's 0.7 so that more of A4 is table.
    static let margins = (left: 0.5, right: 0.5, top: 0.75, bottom: 0.75)

    struct Page {
        var paper: PageSetup.Paper
        var landscape: Bool
        /// Paper width in points.
        var width: Double
    }

    static let pages = [
        Page(paper: .a4, landscape: false, width: 595),
        Page(paper: .a4, landscape: true, width: 842),
        Page(paper: .a3, landscape: true, width: 1191),
    ]

    /// The printed width of a column of `width` characters, at 0.75 pt a pixel. Excel counts 7
    /// pixels a character at its default font; LibreOffice, printing the same file, fitted a
    /// 109-character checklist as if each took 9 (measured from its PDF). The wider figure is
    /// used, so that every suite prints at least as large as the rule promises.
    static func points(ofWidth width: Double) -> Double { (width * 9 + 5) * 0.75 }

    /// The page set-up for a table of these column widths in a body font of `fontSize` points.
    static func pageSetup(widths: [Double], fontSize: Double = 11, repeatRows: ClosedRange<Int>?, header: String?) -> PageSetup {
        let tableWidth = widths.map(points(ofWidth:)).reduce(0, +)
        // 3 % in hand: the office suites round column widths and scales their own way.
        let smallestScale = min(1, smallestPrintedPoints / fontSize * 1.03)
        let printable = { (page: Page) in page.width - (margins.left + margins.right) * 72 }
        var setup = PageSetup(repeatRows: repeatRows, header: header, footer: WorkbookStyle.pageFooter, centerHorizontally: true)
        setup.margins = margins
        if let page = pages.first(where: { min(1, printable($0) / tableWidth) >= smallestScale }) {
            setup.paper = page.paper
            setup.landscape = page.landscape
            if tableWidth > printable(page) { setup.fitToPagesWide = 1 }
            return setup
        }
        setup.paper = .a3
        setup.landscape = true
        setup.scale = Int((smallestScale * 100).rounded(.up))
        return setup
    }

    /// Sets up `sheet` for print from the widths its writer gave its columns (up to the last
    /// one given a width, or the first `columns`).
    static func apply(to sheet: XlsxWorksheet, columns: Int? = nil, fontSize: Double = 11, repeatRows: ClosedRange<Int>?,
                      header: String? = nil) throws {
        let count = columns ?? ((sheet.columnWidths.keys.max() ?? 0) + 1)
        let widths = (0..<max(1, count)).map { sheet.columnWidths[$0] ?? defaultColumnWidth }
        try sheet.setPageSetup(pageSetup(widths: widths, fontSize: fontSize, repeatRows: repeatRows, header: header))
    }
}
