/// Excel does not grow a row for wrapped text written by a library; an estimate keeps long
/// task texts readable on screen and on paper.
enum RowHeight {
    static let lineHeight = 14.5

    static func estimate(_ cells: [(text: String, width: Double)]) -> Double {
        estimate(cells.map(\.text), widths: cells.map(\.width))
    }

    /// Counts on the UTF-8 bytes: an ASCII character is about 1.1 width units, any other
    /// (mostly CJK, three bytes) about 2.
    static func estimate<Widths: Collection<Double>>(_ texts: [String], widths: Widths) -> Double {
        var lines = 1
        for (text, width) in zip(texts, widths) {
            let usable = max(1, width - 1)
            var total = 0
            var ascii = 0
            var wide = 0
            func endParagraph() {
                let units = Double(ascii) * 1.1 + Double(wide) * 2
                total += max(1, Int((units / usable).rounded(.up)))
                ascii = 0
                wide = 0
            }
            for byte in text.utf8 {
                if byte == 10 {
                    endParagraph()
                } else if byte < 0x80 {
                    ascii += 1
                } else if byte >= 0xC0 {
                    wide += 1
                }
            }
            endParagraph()
            lines = max(lines, total)
        }
        return min(409, Double(lines) * lineHeight + 3)
    }
}
