/// Excel's limit on one cell's text, which libxlsxwriter enforces by refusing the write.
public enum ExcelText {
    /// Characters (Unicode scalars, as libxlsxwriter counts them) one cell holds.
    public static let maximum = 32_767

    /// The text, or its beginning and `suffix` when it is longer than a cell holds.
    public static func fitting(_ text: String, limit: Int = maximum, suffix: String = "…") -> String {
        guard isTooLong(text, limit: limit) else { return text }
        let scalars = text.unicodeScalars
        let keep = max(0, limit - suffix.unicodeScalars.count)
        return String(String.UnicodeScalarView(scalars.prefix(keep))) + suffix
    }

    public static func isTooLong(_ text: String, limit: Int = maximum) -> Bool {
        // utf8.count bounds the scalar count from above: most texts are decided without counting.
        text.utf8.count > limit && text.unicodeScalars.count > limit
    }
}
