import Foundation

/// Reads delimited text as offices send it: CSV from a Chinese Excel (GBK, no BOM), UTF-8
/// with a BOM, "Unicode text" (UTF-16, tab-separated); RFC 4180 quoting with embedded line
/// breaks and doubled quotes; comma, tab or semicolon, whichever the file uses.
public enum CSVReader {
    public struct Table: Sendable {
        public var rows: [[String]]
        public var encoding: TextDecoding.Encoding
        public var delimiter: Character
    }

    public static func read(path: String, limits: ReadLimits = .standard) throws -> Table {
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
        guard size <= limits.csvBytes else {
            throw WorkbookError(.tooLarge, path: path, message: "a text file of \(size >> 20) MB, more than xlsx-tasks reads (limit csv-bytes: \(limits.csvBytes >> 20) MB)")
        }
        // Checked before reading (Foundation's reader also leaks a buffer on an empty file).
        if size == 0 { throw WorkbookError(.empty, path: path, message: "the file is empty") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw WorkbookError(.unreadable, path: path, message: "cannot read the file")
        }
        if data.isEmpty { throw WorkbookError(.empty, path: path, message: "the file is empty") }
        // A line too long is refused on the bytes, before a String of it is built.
        if longestLine(data) > limits.csvLineBytes {
            throw WorkbookError(.tooLarge, path: path, message: "a line longer than \(limits.csvLineBytes >> 20) MB (limit csv-line-bytes)")
        }
        switch TextDecoding.decode(data) {
        case .success(let decoded):
            let delimiter = detectDelimiter(decoded.text)
            let rows: [[String]]
            do {
                rows = try parse(decoded.text, delimiter: delimiter, limits: limits)
            } catch let error as LimitError {
                throw WorkbookError(.tooLarge, path: path, message: error.message)
            }
            return Table(rows: rows, encoding: decoded.encoding, delimiter: delimiter)
        case .failure(.binary):
            throw WorkbookError(.notSpreadsheet, path: path, message: "not a spreadsheet or text file (binary content)", found: .binary)
        case .failure(.unknownEncoding):
            throw WorkbookError(.unknownEncoding, path: path, message: "unreadable text: neither UTF-8, UTF-16 nor GB18030/GBK")
        }
    }

    static func longestLine(_ data: Data) -> Int {
        data.withUnsafeBytes { buffer -> Int in
            var longest = 0, start = 0
            for (index, byte) in buffer.enumerated() where byte == 0x0A || byte == 0x0D {
                longest = max(longest, index - start)
                start = index + 1
            }
            return max(longest, buffer.count - start)
        }
    }

    /// The candidate that splits the first lines most consistently into several fields.
    public static func detectDelimiter(_ text: String) -> Character {
        let sample = String(text.prefix(16_384))
        // Tab first: on a tie it wins, since text fields hold commas far more often than tabs.
        var best: (Character, Int, Int) = ("\t", 0, 0)
        for candidate in ["\t", ",", ";"] as [Character] {
            let counts = ((try? parse(sample, delimiter: candidate)) ?? []).prefix(20).map(\.count).filter { $0 > 1 }
            guard let mostCommon = Dictionary(grouping: counts, by: { $0 }).max(by: { $0.value.count < $1.value.count }) else {
                continue
            }
            let score = mostCommon.value.count
            if score > best.1 || (score == best.1 && mostCommon.key > best.2) { best = (candidate, score, mostCommon.key) }
        }
        return best.1 == 0 ? "," : best.0
    }

    /// RFC 4180 fields: quoted fields may hold delimiters, line breaks and doubled quotes.
    /// Line ends are LF, CR LF or CR; a line break inside a quoted field becomes LF.
    /// A record of more than ``ReadLimits/csvFields`` fields or ``ReadLimits/csvLineBytes``
    /// characters (a quoted field may span lines) is a ``LimitError``.
    public static func parse(_ text: String, delimiter: Character, limits: ReadLimits = .standard) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var atFieldStart = true
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        let separator = delimiter.unicodeScalars.first!
        var recordLength = 0
        func endRow() {
            recordLength = 0
            row.append(field)
            field = ""
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
            atFieldStart = true
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            recordLength += 1
            if recordLength > limits.csvLineBytes {
                throw LimitError(message: "a record longer than \(limits.csvLineBytes) characters (limit csv-line-bytes)")
            }
            if inQuotes {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                        pending = next
                    }
                } else if scalar == "\r" {
                    let next = iterator.next()
                    field.unicodeScalars.append("\n")
                    if next != "\n" { pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where atFieldStart:
                inQuotes = true
                atFieldStart = false
            case separator:
                row.append(field)
                field = ""
                atFieldStart = true
                if row.count > limits.csvFields {
                    throw LimitError(message: "a line with more than \(limits.csvFields) fields (limit csv-fields)")
                }
            case "\n":
                endRow()
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRow()
            default:
                field.unicodeScalars.append(scalar)
                atFieldStart = false
            }
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }
}
