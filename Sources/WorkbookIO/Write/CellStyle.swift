/// How a cell looks and whether it stays editable under sheet protection.
///
/// A plain value type so callers never touch libxlsxwriter's `lxw_format`; the
/// workbook turns each distinct style into one C format and reuses it.
public struct CellStyle: Hashable, Sendable {
    public enum HorizontalAlignment: Hashable, Sendable {
        case general, left, center, right
        /// Centred across this cell and the following cells that have the same style: looks
        /// like a merged title, and works in constant-memory mode, where merging does not.
        case centerAcross
    }
    public enum VerticalAlignment: Hashable, Sendable { case bottom, center, top }

    public var bold = false
    /// The font family written into the file, e.g. "仿宋"; nil keeps the workbook's default.
    public var fontName: String? = nil
    public var fontSize: Double? = nil
    /// RGB colour such as `0xDDEBF7`.
    public var fontColor: UInt32? = nil
    public var backgroundColor: UInt32? = nil
    public var wrap = false
    /// Locked cells cannot be edited once the sheet is protected. Excel's default is locked.
    public var locked = true
    public var border = false
    public var horizontal: HorizontalAlignment = .general
    public var vertical: VerticalAlignment = .bottom
    /// An Excel number format such as `yyyy-mm-dd` or `0.0`.
    public var numberFormat: String? = nil

    public init(
        bold: Bool = false, fontName: String? = nil, fontSize: Double? = nil, fontColor: UInt32? = nil,
        backgroundColor: UInt32? = nil, wrap: Bool = false, locked: Bool = true,
        border: Bool = false, horizontal: HorizontalAlignment = .general,
        vertical: VerticalAlignment = .bottom, numberFormat: String? = nil
    ) {
        self.bold = bold
        self.fontName = fontName
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.backgroundColor = backgroundColor
        self.wrap = wrap
        self.locked = locked
        self.border = border
        self.horizontal = horizontal
        self.vertical = vertical
        self.numberFormat = numberFormat
    }

    public static let plain = CellStyle()
}
