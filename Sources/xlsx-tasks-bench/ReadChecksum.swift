import Foundation
import WorkbookIO

/// The peers' read checksum over the first sheet, header row skipped: rows, non-empty cells,
/// characters in text cells (code points, as Python counts them) and the exact numeric sum.
enum ReadChecksum {
    static func run(_ path: String) throws -> String {
        let reader = try XlsxReader(path: path, limits: .trusted)
        // Characters once per distinct shared string.
        let lengths = try reader.sharedStrings().map { $0.unicodeScalars.count }
        var rows = 0
        var nonEmpty = 0
        var textCharacters = 0
        var sum = ExactSum()
        var first = true
        try reader.forEachRow(inSheet: 0) { row in
            if first {
                first = false
                return
            }
            rows += 1
            for cell in row.cells {
                switch cell.value {
                case .sharedString(let index):
                    let length = lengths[index]
                    if length > 0 {
                        nonEmpty += 1
                        textCharacters += length
                    }
                case .text(let text):
                    if !text.isEmpty {
                        nonEmpty += 1
                        textCharacters += text.unicodeScalars.count
                    }
                case .number(let value), .percent(let value):
                    nonEmpty += 1
                    sum.add(value)
                case .date, .bool, .error, .image:
                    nonEmpty += 1
                }
            }
        }
        return "rows=\(rows) nonempty=\(nonEmpty) textchars=\(textCharacters) numsum=\(String(format: "%.2f", sum.total))"
    }
}
