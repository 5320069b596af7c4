import Foundation

/// How a task-decomposition document shows its parts, whatever it was read from (the Word file
/// or its text export): which row is a table header, a table's title, the document number and
/// the title of the whole document.
enum DocumentRules {
    /// Most header cells must be known column names, and at least two of them.
    static func looksLikeHeader(_ cells: [String]) -> Bool {
        let known = cells.filter { ColumnRole.recognise($0) != nil }.count
        return cells.count >= 2 && known >= 2 && known * 5 >= cells.count * 3
    }

    static let attachmentLabel = try! NSRegularExpression(pattern: "^\\s*附\\s*件\\s*[0-9０-９一二三四五六七八九十]*\\s*[:：]?\\s*$")

    /// The table's title: the last prose paragraph before it, unless that is only "附件1".
    static func title(from prose: [String]) -> String? {
        let paragraphs = prose.split(separator: "").map { $0.map { $0.trimmingCharacters(in: .whitespaces) }.joined() }
        for paragraph in paragraphs.reversed() {
            let range = NSRange(paragraph.startIndex..., in: paragraph)
            if attachmentLabel.firstMatch(in: paragraph, range: range) == nil, !paragraph.isEmpty {
                return paragraph
            }
        }
        return nil
    }

    /// The first "太政发〔2020〕9号" in the text: non-space characters, 〔, four digits, 〕, digits, 号.
    /// Found from each 〔 rather than by the regular expression `\S+〔\d{4}〕\d+号`, which backtracks
    /// quadratically over a long paragraph without spaces (7 s on 46 KB, found by fuzzing).
    static func documentNumber(in text: String) -> String? {
        let characters = Array(text)
        for (position, character) in characters.enumerated() where character == "〔" {
            var end = position + 1
            guard end + 4 <= characters.count, characters[end..<(end + 4)].allSatisfy(\.isASCIIDigit) else { continue }
            end += 4
            guard end < characters.count, characters[end] == "〕" else { continue }
            end += 1
            let digits = end
            while end < characters.count, characters[end].isASCIIDigit { end += 1 }
            guard end > digits, end < characters.count, characters[end] == "号" else { continue }
            var start = position
            while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
            guard start < position else { continue }
            return String(characters[start...end])
        }
        return nil
    }

    /// The document number ("太政发〔2020〕9号") and the title (the first paragraph that starts
    /// with 关于, its wrapped lines joined) from the prose before the first table.
    static func heading(of preamble: [String]) -> (number: String?, title: String?) {
        var number: String? = nil
        var title: String? = nil
        for paragraph in preamble.split(separator: "") {
            let text = paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            if number == nil { number = documentNumber(in: text) }
            if title == nil, text.hasPrefix("关于"), text.count <= 80 { title = text }
        }
        return (number, title)
    }
}
