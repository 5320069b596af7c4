/// Which cell styles (`s` attribute, an index into `cellXfs`) show numbers as dates or
/// percentages, read from xl/styles.xml.
public struct CellStyles: Sendable {
    public var isDate: [Bool] = []
    public var isPercent: [Bool] = []

    public init() {}

    /// Built-in formats: 14–22 and 45–47 are dates and times; 27–36 and 50–58 are the East Asian
    /// (CJK) date formats that ECMA-376 leaves to the locale; 9 and 10 are percentages.
    static func builtInIsDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    static func builtInIsPercent(_ id: Int) -> Bool { id == 9 || id == 10 }

    /// A custom format shows a date when, outside quoted text, `[…]` sections and escaped
    /// characters, it has a y, m, d, h or s code or 年/月/日.
    public static func formatIsDate(_ code: String) -> Bool {
        scanCodes(code) { "ymdhsYMDHS年月日时秒".contains($0) }
    }

    /// A custom format shows a percentage when it has a % outside quoted text.
    public static func formatIsPercent(_ code: String) -> Bool {
        scanCodes(code) { $0 == "%" }
    }

    private static func scanCodes(_ code: String, _ matches: (Character) -> Bool) -> Bool {
        // Only the first section (positive numbers) decides.
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        for character in code {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\"": inQuotes.toggle()
            case "\\" where !inQuotes: escaped = true
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            case ";" where !inQuotes && !inBrackets: return false
            default:
                if !inQuotes && !inBrackets && matches(character) { return true }
            }
        }
        return false
    }

    /// Parses xl/styles.xml; more cell formats than `limit` is an error (a styles bomb).
    static func parse(_ bytes: [UInt8], limit: Int = ReadLimits.standard.styles, path: String = "") throws -> CellStyles {
        var parser = XMLPullParser(bytes)
        var customFormats: [Int: String] = [:]
        var formatIDs: [Int] = []
        var inCellXfs = false
        while let event = parser.next() {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                if name == "numFmt", let id = attributes.value("numFmtId").flatMap({ Int($0) }) {
                    customFormats[id] = attributes.value("formatCode") ?? ""
                } else if name == "cellXfs" && !selfClosing {
                    inCellXfs = true
                } else if name == "xf" && inCellXfs {
                    formatIDs.append(attributes.value("numFmtId").flatMap { Int($0) } ?? 0)
                    if formatIDs.count > limit {
                        throw WorkbookError(.tooLarge, path: path, message: "more than \(limit) cell formats (limit styles)")
                    }
                } else if name == "numFmt" && customFormats.count > limit {
                    throw WorkbookError(.tooLarge, path: path, message: "more than \(limit) number formats (limit styles)")
                }
            case .end(let name):
                if name == "cellXfs" { inCellXfs = false }
            case .text:
                break
            }
        }
        var styles = CellStyles()
        for id in formatIDs {
            // A file may redefine a built-in id; its own definition wins.
            if let code = customFormats[id] {
                styles.isDate.append(formatIsDate(code))
                styles.isPercent.append(formatIsPercent(code))
            } else {
                styles.isDate.append(builtInIsDate(id))
                styles.isPercent.append(builtInIsPercent(id))
            }
        }
        return styles
    }
}
