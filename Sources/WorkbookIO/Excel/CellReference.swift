/// A1-style cell references, as Excel shows them.
public enum CellReference {
    /// "A", "B", … "Z", "AA"… for a zero-based column index.
    public static func columnName(_ column: Int) -> String {
        var index = column + 1
        var letters: [Character] = []
        while index > 0 {
            let remainder = (index - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            index = (index - 1) / 26
        }
        return String(letters.reversed())
    }

    /// "B3" for zero-based row 2, column 1.
    public static func name(row: Int, column: Int) -> String { "\(columnName(column))\(row + 1)" }

    /// An absolute reference to a range on another sheet: `'名称'!$A$1:$A$4`.
    public static func absoluteRange(sheet: String, rows: ClosedRange<Int>, column: Int) -> String {
        let quoted = "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        let letters = columnName(column)
        return "\(quoted)!$\(letters)$\(rows.lowerBound + 1):$\(letters)$\(rows.upperBound + 1)"
    }
}
