/// A cell that names units or people: "发改委\n工信局", "顾晓东、岳智宏",
/// "各有关镇（区）\n有关部门". Names are split and cleaned; generic phrases that name
/// nobody in particular are kept as text but are not units.
public struct NameList: Sendable, Hashable {
    /// Specific names, in the order written, without repeats.
    public var names: [String]
    /// Generic phrases such as "各有关镇（区）有关部门".
    public var phrases: [String]
    /// Every entry (names and phrases) in the order written, for display.
    public var entries: [String]

    public init(names: [String] = [], phrases: [String] = [], entries: [String]? = nil) {
        self.names = names
        self.phrases = phrases
        self.entries = entries ?? (names + phrases)
    }

    /// How the entries are joined for display in a single cell.
    public static let displaySeparator = "、"
    public var displayText: String { entries.joined(separator: NameList.displaySeparator) }

    static let separators: Set<Character> = ["、", "，", ",", "；", ";", "/", "／"]

    /// Parses the lines of one cell.
    public init(lines: [String]) {
        // Split into pieces, remembering whether each followed a line break (a generic phrase
        // wrapped over two lines joins without a separator) or a written separator.
        var pieces: [(text: String, afterLineBreak: Bool)] = []
        for line in lines {
            var current = ""
            var first = true
            for character in line {
                if NameList.separators.contains(character) {
                    pieces.append((current, first))
                    current = ""
                    first = false
                } else {
                    current.append(character)
                }
            }
            pieces.append((current, first))
        }
        var entries: [String] = []
        var names: [String] = []
        var phrases: [String] = []
        var phraseInProgress: String? = nil
        func finishPhrase() {
            if let phrase = phraseInProgress {
                phrases.append(phrase)
                entries.append(phrase)
            }
            phraseInProgress = nil
        }
        for piece in pieces {
            let name = NameList.clean(piece.text)
            if name.isEmpty { continue }
            if NameList.isGeneric(name) {
                if let phrase = phraseInProgress {
                    phraseInProgress = phrase + (piece.afterLineBreak ? "" : NameList.displaySeparator) + name
                } else {
                    phraseInProgress = name
                }
            } else {
                finishPhrase()
                if !names.contains(name) {
                    names.append(name)
                    entries.append(name)
                }
            }
        }
        finishPhrase()
        self.init(names: names, phrases: phrases, entries: entries)
    }

    /// A name without any ASCII or full-width spaces: "邵  建" → 邵建, "胡　捷" → 胡捷.
    public static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !ColumnName.isSpace($0) && $0 != "\r" }))
    }

    /// Phrases like "各镇（区）", "各有关部门", "有关部门", "相关单位" address whole groups.
    public static func isGeneric(_ name: String) -> Bool {
        name.hasPrefix("各") || name.hasPrefix("有关") || name.hasPrefix("相关") || name.hasPrefix("其他")
            || name.hasPrefix("其它") || name.contains("有关部门") || name.contains("有关单位")
    }
}
