import Foundation

/// Excel does not grow a row for wrapped text written by a library (nor does LibreOffice for a
/// height the file sets), so every writer computes the height that shows all its lines.
enum RowHeight {
    /// Excel's limit.
    static let maximum = 409.0

    /// A line of CJK text: LibreOffice sets Noto Serif CJK (what Linux renders 仿宋 with,
    /// Templates/fonts) 1.44 em apart (measured in its PDFs); Excel sizes a row of 仿宋 or 宋体 at
    /// about 1.3 em a line. The taller figure keeps every line visible in both.
    static func lineHeight(fontSize: Double) -> Double { fontSize * 1.45 }

    /// Width units (Excel's, 7 pixels at 96 dpi) of a full-width character at `fontSize`; an
    /// ASCII character is taken as 0.6 of that (digits and Latin letters are about half an em).
    static func wideUnits(fontSize: Double) -> Double { fontSize * 96 / 72 / 7 }

    static func estimate<Texts: Collection<String>, Widths: Collection<Double>>(
        _ texts: Texts, widths: Widths, fontSize: Double
    ) -> Double {
        var lines = 1
        for (text, width) in zip(texts, widths) where width > 0 {
            lines = max(lines, self.lines(text, width: width, fontSize: fontSize))
        }
        return min(maximum, Double(lines) * lineHeight(fontSize: fontSize) + 2)
    }

    /// Lines `text` wraps to in a column `width` units wide.
    static func lines(_ text: String, width: Double, fontSize: Double) -> Int {
        var lines = 1
        breakLines(text, width: width, fontSize: fontSize) { _ in lines += 1 }
        return lines
    }

    /// `text` as the lines it wraps to (for running text written one line a row).
    static func wrapped(_ text: String, width: Double, fontSize: Double) -> [String] {
        var pieces: [String] = []
        var start = text.utf8.startIndex
        breakLines(text, width: width, fontSize: fontSize) { index in
            pieces.append(String(decoding: text.utf8[start..<index], as: UTF8.self).trimmingCharacters(in: .newlines))
            start = index
        }
        pieces.append(String(decoding: text.utf8[start...], as: UTF8.self).trimmingCharacters(in: .newlines))
        return pieces
    }

    /// The narrowest column that shows all of `text` within Excel's tallest row.
    static func widthShowingWhole(_ text: String, fontSize: Double) -> Double {
        let most = Int((maximum - 2) / lineHeight(fontSize: fontSize))
        var width = 8.0
        while width < 255 && lines(text, width: width, fontSize: fontSize) > most { width += 1 }
        return width
    }

    /// Fills lines greedily character by character, as the office suites break CJK text, and
    /// calls `newLine` with the UTF-8 index each new line starts at. Counts on the UTF-8 bytes:
    /// a lead byte of two or more bytes is a wide character. Chinese line breaking (GB/T 15834's
    /// rule, as Word and WPS apply it): no line starts with closing punctuation (、，。）》” …) and
    /// none ends with an opening one (（《“ …) — the character before goes down with it.
    static func breakLines(_ text: String, width: Double, fontSize: Double, newLine: (String.UTF8View.Index) -> Void) {
        let wide = wideUnits(fontSize: fontSize), narrow = wide * 0.6
        // The cell's padding, about 3 pixels each side, and the suites' rounding: a unit.
        let usable = max(wide, width - 1)
        let bytes = text.utf8
        var index = bytes.startIndex
        // The characters on the current line: where each starts, its width, what it is.
        var line: [(index: String.UTF8View.Index, advance: Double, scalar: Unicode.Scalar)] = []
        var used = 0.0
        while index < bytes.endIndex {
            let byte = bytes[index]
            defer { index = bytes.index(after: index) }
            let advance: Double
            if byte == 10 {
                newLine(bytes.index(after: index))
                line.removeAll(keepingCapacity: true)
                used = 0
                continue
            } else if byte < 0x80 {
                advance = narrow
            } else if byte >= 0xC0 {
                advance = wide
            } else {
                continue
            }
            let current = (index: index, advance: advance, scalar: Self.scalar(in: bytes, at: index))
            if used + advance > usable && !line.isEmpty {
                // Break before `current`, or move back to the nearest place the rules allow. When
                // that would empty half the line, closing punctuation hangs at the line's end (as
                // Word and WPS let it) and anything else is cut where it overflows.
                func allowed(_ position: Int) -> Bool {
                    let after = position < line.count ? line[position].scalar : current.scalar
                    let before = line[position - 1].scalar
                    return !noLineStart.contains(after) && !noLineEnd.contains(before)
                        && !(wordCharacters.contains(after) && wordCharacters.contains(before))
                }
                var cut = line.count
                while cut > 0 && !allowed(cut) { cut -= 1 }
                let hangs = noLineStart.contains(current.scalar) && (cut == 0 || cut < line.count / 2)
                if !hangs {
                    if cut == 0 || cut < line.count / 2 { cut = line.count }
                    // The characters after the cut start the next line (in place: no new buffer a line).
                    newLine(cut < line.count ? line[cut].index : current.index)
                    line.removeSubrange(0..<cut)
                    used = line.reduce(0) { $0 + $1.advance }
                }
            }
            line.append(current)
            used += advance
        }
    }

    static let wordCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.".unicodeScalars)

    static let noLineStart = Set("、，。；：？！）》〉」』”’】〕〗…—%％,.;:?!)]}·".unicodeScalars)
    static let noLineEnd = Set("（《〈「『“‘【〔〖([{".unicodeScalars)

    /// The character whose UTF-8 encoding starts at `index`, decoded in place (this runs for
    /// every character of every cell a workbook sizes: no string is made).
    static func scalar(in bytes: String.UTF8View, at index: String.UTF8View.Index) -> Unicode.Scalar {
        let lead = bytes[index]
        guard lead >= 0xC0 else { return Unicode.Scalar(lead) }
        let count = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
        var value = UInt32(lead) & (count == 3 ? 0x07 : count == 2 ? 0x0F : 0x1F)
        var next = bytes.index(after: index)
        for _ in 0..<count {
            guard next < bytes.endIndex else { break }
            value = value << 6 | UInt32(bytes[next] & 0x3F)
            next = bytes.index(after: next)
        }
        return Unicode.Scalar(value) ?? " "
    }
}
