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
    static let margins = (left: 0.5, right: 0.5, top: 0.6, bottom: 0.6)

    /// The height an A4 page prints rows in, in points: the paper less the top and bottom
    /// margins and, as LibreOffice lays a page out, the page header and footer inside them
    /// (their own 0.3-inch margin, a line, the spacing: 44 points each), and 5 % for rounding.
    static func printableHeight(landscape: Bool) -> Double {
        ((landscape ? 595 : 842) - (margins.top + margins.bottom) * 72 - 2 * 44) * 0.95
    }

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
    /// pixels a character of its default font (Calibri 11), and so does LibreOffice when it has
    /// Carlito, Calibri's metric twin (fonts-crosextra-carlito, installed with the tool; without
    /// it LibreOffice measures in DejaVu Sans, 9 pixels a character, and prints every table a
    /// quarter wider). 5 % in hand for the suites' rounding.
    static func points(ofWidth width: Double) -> Double { (width * 7 + 5) * 0.75 * 1.05 }

    /// The smallest print scale that keeps `fontSize` at the limit, with 8 % in hand: the office
    /// suites round column widths and scales their own way (LibreOffice printed a 100,000-task
    /// corpus workbook modelled at 0.843 at 0.81).
    static func smallestScale(fontSize: Double) -> Double { min(1, smallestPrintedPoints / fontSize * 1.08) }

    /// The page set-up for a table of these column widths in a body font of `fontSize` points.
    /// `landscape` leaves out portrait paper (a summary read side by side with its numbers).
    static func pageSetup(widths: [Double], fontSize: Double, footer: String, repeatRows: ClosedRange<Int>?, header: String?,
                          landscape: Bool = false) -> PageSetup {
        // A hidden column (width 0) does not print.
        let tableWidth = widths.filter { $0 > 0 }.map(points(ofWidth:)).reduce(0, +)
        let smallestScale = self.smallestScale(fontSize: fontSize)
        let printable = { (page: Page) in page.width - (margins.left + margins.right) * 72 }
        var setup = PageSetup(repeatRows: repeatRows, header: header, footer: footer, centerHorizontally: true)
        setup.margins = margins
        if let page = pages.first(where: { (!landscape || $0.landscape) && min(1, printable($0) / tableWidth) >= smallestScale }) {
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

    /// Column widths that print on the widest page (A3 landscape) at the smallest allowed
    /// scale, so that no column continues on another page: the text columns (wider than
    /// `keep`) give up their width beyond `keep` in proportion, and wrap onto more lines
    /// instead; narrow columns (numbers, dates, names) stay as they are. Hidden columns (0)
    /// stay hidden.
    /// `longest` holds, per column, its longest text (or nothing): a column is never narrowed
    /// below the width that shows that text within Excel's 409-point row.
    static func fitting(_ widths: [Double], fontSize: Double, longest: [String] = []) -> [Double] {
        let needed = widths.indices.map { index in
            index < longest.count ? min(widths[index], RowHeight.widthShowingWhole(longest[index], fontSize: fontSize)) : 0
        }
        // Columns up to 14 wide (numbers, dates, names) are kept if that is enough; a table of
        // very many columns narrows them too.
        for keep in [14.0, 10, 8] {
            let fitted = fitting(widths, fontSize: fontSize, keep: keep, needed: needed)
            if fitted != widths || keep == 8 { return fitted }
        }
        return widths
    }

    static func fitting(_ widths: [Double], fontSize: Double, keep: Double, needed: [Double]) -> [Double] {
        let smallestScale = self.smallestScale(fontSize: fontSize)
        let page = pages.last!
        let available = (page.width - (margins.left + margins.right) * 72) / smallestScale
        let total = widths.filter { $0 > 0 }.map(points(ofWidth:)).reduce(0, +)
        guard total > available else { return widths }
        // Each column's floor: `keep`, or what its longest text needs; what is above it can go.
        let floors = widths.indices.map { widths[$0] <= keep ? widths[$0] : max(keep, needed[$0]) }
        let floor = widths.indices.filter { widths[$0] > 0 }.map { points(ofWidth: floors[$0]) }.reduce(0, +)
        let excess = widths.indices.map { points(ofWidth: widths[$0]) - points(ofWidth: floors[$0]) }.reduce(0, +)
        guard excess > 0, available > floor else { return widths }
        let share = min(1, (available - floor) / excess)
        return widths.indices.map { index in
            let width = widths[index], lowest = floors[index]
            return width > lowest ? ((lowest + (width - lowest) * share) * 4).rounded(.down) / 4 : width
        }
    }

    /// Sets up `sheet` for print from the widths its writer gave its columns (up to the last
    /// one given a width, or the first `columns`).
    static func apply(to sheet: XlsxWorksheet, columns: Int? = nil, style: WorkbookStyle, repeatRows: ClosedRange<Int>?,
                      header: String? = nil, landscape: Bool = false) throws {
        let count = columns ?? ((sheet.columnWidths.keys.max() ?? 0) + 1)
        let widths = (0..<max(1, count)).map { sheet.columnWidths[$0] ?? defaultColumnWidth }
        try sheet.setPageSetup(pageSetup(widths: widths, fontSize: style.fontSize, footer: style.pageFooter,
                                         repeatRows: repeatRows, header: header, landscape: landscape))
    }
}
