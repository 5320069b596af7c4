/// Print settings for a worksheet.
public struct PageSetup: Sendable {
    public enum Paper: UInt8, Sendable { case a4 = 9, a3 = 8, letter = 1 }

    public var landscape = false
    public var paper: Paper = .a4
    /// Fit to this many pages wide (0 = as many as needed) and tall.
    public var fitToPagesWide: Int? = nil
    public var fitToPagesTall = 0
    /// Rows printed at the top of every page (first, last), zero-based.
    public var repeatRows: ClosedRange<Int>? = nil
    /// Header and footer in Excel's `&L &C &R &P &N` syntax, each at most 255 characters.
    public var header: String? = nil
    public var footer: String? = nil
    public var centerHorizontally = false
    /// A fixed print scale in percent (10–400), used when not fitting to pages.
    public var scale: Int? = nil
    /// Margins in inches; nil keeps Excel's defaults (0.7 left and right, 0.75 top and bottom).
    public var margins: (left: Double, right: Double, top: Double, bottom: Double)? = nil

    public init(
        landscape: Bool = false, paper: Paper = .a4, fitToPagesWide: Int? = nil, fitToPagesTall: Int = 0,
        repeatRows: ClosedRange<Int>? = nil, header: String? = nil, footer: String? = nil,
        centerHorizontally: Bool = false
    ) {
        self.landscape = landscape
        self.paper = paper
        self.fitToPagesWide = fitToPagesWide
        self.fitToPagesTall = fitToPagesTall
        self.repeatRows = repeatRows
        self.header = header
        self.footer = footer
        self.centerHorizontally = centerHorizontally
    }

    /// Excel's limit on header and footer text.
    public static let maximumHeaderFooterLength = 255
}
