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
        var used = 0.0
        let bytes = text.utf8
        var index = bytes.startIndex
        // The character before this one on the line: where it starts, its width, and what it is.
        var previous: (index: String.UTF8View.Index, advance: Double, scalar: Unicode.Scalar)? = nil
        var lineStart = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            defer { index = bytes.index(after: index) }
            let advance: Double
            if byte == 10 {
                newLine(bytes.index(after: index))
                lineStart = bytes.index(after: index)
                used = 0
                previous = nil
                continue
            } else if byte < 0x80 {
                advance = narrow
            } else if byte >= 0xC0 {
                advance = wide
            } else {
                continue
            }
            let scalar = Self.scalar(in: bytes, at: index)
            if used + advance > usable {
                // Closing punctuation may not start a line, an opening one may not end one: the
                // break moves back a character (never to the line's own start).
                if let before = previous, before.index > lineStart,
                   noLineStart.contains(scalar) || noLineEnd.contains(before.scalar) {
                    newLine(before.index)
                    lineStart = before.index
                    used = before.advance + advance
                } else {
                    newLine(index)
                    lineStart = index
                    used = advance
                }
            } else {
                used += advance
            }
            previous = (index, advance, scalar)
        }
    }

    static let noLineStart = Set("、，。；：？！）》〉」』”’】〕〗…—%％,.;:?!)]}·".unicodeScalars)
    static let noLineEnd = Set("（《〈「『“‘【〔〖([{".unicodeScalars)

    /// The character whose UTF-8 encoding starts at `index`.
    static func scalar(in bytes: String.UTF8View, at index: String.UTF8View.Index) -> Unicode.Scalar {
        var end = bytes.index(after: index)
        while end < bytes.endIndex && bytes[end] & 0xC0 == 0x80 { end = bytes.index(after: end) }
        return String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars.first ?? " "
    }
}
