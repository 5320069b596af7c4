import WorkbookIO

/// The cell styles every workbook xlsx-tasks writes (master, unit reports, checklist, merged)
/// shares, made from the template's `style` section: one place for fonts, fills and borders.
struct WorkbookStyle: Sendable {
    let style: ReportTemplate.Style
    var bodyFont: String { style.bodyFont[0] }
    var titleFont: String { style.titleFont[0] }
    var fontSize: Double { style.bodySize }

    /// Task and report text: wrapped, framed, top-aligned.
    let body: CellStyle
    let dateBody: CellStyle
    /// A share such as 完成率, as "24.3%".
    let percentBody: CellStyle
    /// Column headers of task columns, and of the progress columns a unit fills in (another
    /// colour, so they stand out).
    let header: CellStyle
    let progressHeader: CellStyle
    /// A sheet's title, centred over its table (centre-across works in constant-memory mode,
    /// where merged cells do not).
    let title: CellStyle
    /// The line under a title (deadline, contact, generation time).
    let subtitle: CellStyle
    /// Locked task cells a unit cannot edit, shaded.
    let locked: CellStyle
    /// The cells a unit fills in: unlocked.
    let input: CellStyle
    let inputDate: CellStyle
    /// "填报人：" and its blank.
    let label: CellStyle
    let reporterInput: CellStyle
    let reporterDate: CellStyle
    /// A merged cell no unit reported on: shaded, reading 未报送.
    let unreported: CellStyle
    /// Running text (填报说明, the rules above 汇总): wrapped, no frame.
    let paragraph: CellStyle
    /// A total row.
    let total: CellStyle
    /// A line of notes under a table: not wrapped, so it runs on over the empty cells.
    let note: CellStyle

    init(_ style: ReportTemplate.Style) {
        self.style = style
        let body = style.bodyFont[0], heading = style.titleFont[0], size = style.bodySize
        self.body = CellStyle(fontName: body, fontSize: size, wrap: true, border: true, vertical: .top)
        dateBody = CellStyle(fontName: body, fontSize: size, wrap: true, border: true, vertical: .top, numberFormat: "yyyy-mm-dd")
        percentBody = CellStyle(fontName: body, fontSize: size, border: true, vertical: .top, numberFormat: "0.0%")
        header = CellStyle(fontName: heading, fontSize: size, backgroundColor: style.headerFill, wrap: true, border: true,
                           horizontal: .center, vertical: .center)
        progressHeader = CellStyle(fontName: heading, fontSize: size, backgroundColor: style.progressHeaderFill, wrap: true,
                                   border: true, horizontal: .center, vertical: .center)
        title = CellStyle(fontName: heading, fontSize: style.titleSize, horizontal: .centerAcross, vertical: .center)
        subtitle = CellStyle(fontName: body, fontSize: size, horizontal: .centerAcross, vertical: .center)
        locked = CellStyle(fontName: body, fontSize: size, backgroundColor: style.lockedFill, wrap: true, border: true, vertical: .top)
        input = CellStyle(fontName: body, fontSize: size, wrap: true, locked: false, border: true, vertical: .top)
        inputDate = CellStyle(fontName: body, fontSize: size, wrap: true, locked: false, border: true, vertical: .top,
                              numberFormat: "yyyy-mm-dd")
        label = CellStyle(fontName: heading, fontSize: size, horizontal: .right, vertical: .center)
        reporterInput = CellStyle(fontName: body, fontSize: size, locked: false, border: true, vertical: .center)
        reporterDate = CellStyle(fontName: body, fontSize: size, locked: false, border: true, vertical: .center,
                                 numberFormat: "yyyy-mm-dd")
        unreported = CellStyle(fontName: body, fontSize: size, fontColor: 0x7F6000, backgroundColor: style.unreportedFill,
                               wrap: true, border: true, horizontal: .center, vertical: .top)
        paragraph = CellStyle(fontName: body, fontSize: size, wrap: true, vertical: .top)
        total = CellStyle(fontName: heading, fontSize: size, border: true, vertical: .top)
        note = CellStyle(fontName: body, fontSize: size, vertical: .center)
    }

    static let standard = WorkbookStyle(.standard)

    /// The height that shows every wrapped line of these cells at the body size.
    func rowHeight<Texts: Collection<String>, Widths: Collection<Double>>(_ texts: Texts, widths: Widths) -> Double {
        RowHeight.estimate(texts, widths: widths, fontSize: fontSize)
    }

    /// "第 1 页，共 3 页", centred, in the body font (without a font code the office suite
    /// prints it in the workbook's default Latin font and borrows a CJK face for the rest).
    var pageFooter: String { "&C&\"\(bodyFont),Regular\"第 &P 页，共 &N 页" }

    /// Header text left and right: `&` must be doubled, and Excel allows 255 bytes at most.
    func pageHeader(left: String, right: String) -> String {
        func escaped(_ text: String) -> String {
            var kept = ""
            for character in text.prefix(60) {
                if kept.utf8.count + String(character).utf8.count > 90 { break }
                kept.append(character)
            }
            return kept.replacingOccurrences(of: "&", with: "&&")
        }
        let font = "&\"\(bodyFont),Regular\""
        return "&L\(font)\(escaped(left))&R\(font)\(escaped(right))"
    }
}
