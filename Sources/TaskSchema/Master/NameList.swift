import WorkbookIO
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

    static let separators: Set<Unicode.Scalar> = ["、", "，", ",", "；", ";", "/", "／"]

    /// The UTF-8 length of the separator at `index` (、，,；;/／), or 0.
    @inline(__always)
    static func separatorLength(_ bytes: [UInt8], at index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x2C || byte == 0x3B || byte == 0x2F { return 1 }
        guard index + 2 < bytes.count else { return 0 }
        let second = bytes[index + 1], third = bytes[index + 2]
        if byte == 0xE3 && second == 0x80 && third == 0x81 { return 3 }  // 、
        if byte == 0xEF && second == 0xBC && (third == 0x8C || third == 0x9B || third == 0x8F) { return 3 }  // ，；／
        return 0
    }

    /// Parses the lines of one cell.
    public init(lines: [String]) {
        // Split into pieces, remembering whether each followed a line break (a generic phrase
        // wrapped over two lines joins without a separator) or a written separator. Works on
        // UTF-8 bytes: a master of 100,000 tasks parses 300,000 such cells.
        var pieces: [(text: String, afterLineBreak: Bool)] = []
        for line in lines {
            var utf8 = Array(line.utf8)
            utf8.append(0x2C)  // a sentinel separator ends the last piece
            var start = 0
            var first = true
            var index = 0
            while index < utf8.count {
                let length = NameList.separatorLength(utf8, at: index)
                if length > 0 {
                    pieces.append((String(decoding: utf8[start..<index], as: UTF8.self), first))
                    first = false
                    index += length
                    start = index
                } else {
                    index += 1
                }
            }
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
                // Byte comparison: String == on CJK text takes the slow normalising path.
                if !names.contains(where: { $0.utf8.elementsEqual(name.utf8) }) {
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
        WhiteSpace.removed(from: text)
    }

    /// Phrases like "各镇（区）", "各有关部门", "有关部门", "相关单位" address whole groups.
    public static func isGeneric(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            genericPrefixes.contains { bytes.starts(with: $0) } || genericParts.contains { ByteSearch.contains(bytes, $0) }
        }
    }

    static let genericPrefixes = ["各", "有关", "相关", "其他", "其它"].map { Array($0.utf8) }
    static let genericParts = ["有关部门", "有关单位"].map { Array($0.utf8) }
}
