import Foundation
import WorkbookIO

/// Reads the plain-text export of a Word document with tables (as Word's "Save as text" or
/// a similar converter writes it):
///
/// - a cell starts with a line beginning with a TAB; lines without a tab continue that cell;
/// - a row has as many cells as its table's header row; the blank line after its last cell
///   ends it, while a blank line before that is an empty paragraph of the cell it follows;
/// - header rows are recognised by their column names; a repeated identical header (a page
///   break in Word) is skipped, a different one starts a new table;
/// - prose lines between tables are not rows, but the last one before a table names it;
/// - `[bookmark: …]` markers are removed; the file's last row may lack its last cell.
public struct TextExportReader {
    public let path: String

    public init(path: String) { self.path = path }

    /// Reads and splits the file. Errors name the file and, where it applies, the line.
    public func read() throws -> RawDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ImportError(path: path, message: FileManager.default.fileExists(atPath: path)
                ? "cannot read the file" : "no such file")
        }
        if data.isEmpty { throw ImportError(path: path, message: "the file is empty") }
        let text: String
        switch TextDecoding.decode(data) {
        case .success(let decoded): text = decoded.text
        case .failure(.binary):
            throw ImportError(path: path, message: "not a text file (binary content); expected a text export of the document")
        case .failure(.unknownEncoding):
            throw ImportError(path: path, message: "the text is neither UTF-8 nor GB18030/GBK")
        }
        return try parse(text)
    }

    /// Splits decoded text into tables and rows.
    public func parse(_ text: String) throws -> RawDocument {
        let lines = TextExportReader.cleanLines(text)
        var document = RawDocument()
        var prose: [String] = []          // prose lines since the last table (for titles)
        var preamble: [String] = []       // prose before the first table (document number, title)
        var table: RawTable? = nil
        var row: RawRow? = nil
        var rowIsComplete = false         // all cells present; waiting for the blank line
        var index = 0

        func finishTable() {
            if let finished = table { document.tables.append(finished) }
            table = nil
        }
        func finishRow() {
            if let finished = row { table?.rows.append(finished) }
            row = nil
            rowIsComplete = false
        }

        while index < lines.count {
            let line = lines[index]
            let lineNumber = index + 1
            let startsCell = line.hasPrefix("\t")

            if let current = row {
                let width = table!.header.count
                if startsCell {
                    if current.cells.count == width {
                        throw ImportError(
                            path: path, line: lineNumber,
                            message: "a row (from line \(current.line)) has more cells than the \(width) columns of its table")
                    }
                    row!.cells.append(TextExportReader.startCell(line))
                    rowIsComplete = row!.cells.count == width
                } else if rowIsComplete && line.isEmpty {
                    finishRow()
                } else {
                    if !line.isEmpty { row!.cells[row!.cells.count - 1].append(line) }
                }
                index += 1
                continue
            }

            // Between rows, or outside any table.
            if startsCell {
                let headerCells = TextExportReader.headerCandidate(lines, from: index)
                if let header = headerCells, DocumentRules.looksLikeHeader(header) {
                    let normalised = header.map(ColumnName.normalise)
                    if let current = table, current.header.map(ColumnName.normalise) == normalised {
                        // The same header again: Word repeated it after a page break.
                    } else {
                        finishTable()
                        table = RawTable(title: DocumentRules.title(from: prose), header: header)
                        prose = []
                    }
                    index += header.count
                    continue
                }
                guard table != nil else {
                    throw ImportError(
                        path: path, line: lineNumber,
                        message: "a table cell outside any table: no header row with known column names (门类, 项目, 内容和要求, 主要责任单位 …) above it")
                }
                row = RawRow(line: lineNumber, cells: [TextExportReader.startCell(line)])
                rowIsComplete = table!.header.count == 1
                index += 1
                continue
            }
            if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                finishTable()
                prose.append(line)
                if document.tables.isEmpty { preamble.append(line) }
            } else if table == nil, !prose.isEmpty, prose.last != "" {
                prose.append("")  // paragraph break: keeps the title lines of one paragraph together
                if document.tables.isEmpty { preamble.append("") }
            }
            index += 1
        }

        if let current = row {
            let width = table!.header.count
            // Word's export drops the very last cell of the file when it is empty.
            if current.cells.count == width - 1 { row!.cells.append([]) }
            if row!.cells.count != width {
                throw ImportError(
                    path: path, line: current.line,
                    message: "the last row has \(current.cells.count) cells but its table has \(width) columns")
            }
            finishRow()
        }
        finishTable()
        (document.documentNumber, document.title) = DocumentRules.heading(of: preamble)
        if document.tables.isEmpty {
            throw ImportError(
                path: path,
                message: "no recognisable table: expected a header row of tab-started cells such as 门类 / 项目 / 内容和要求 / 主要责任单位")
        }
        return document
    }

    // MARK: Helpers

    static let bookmark = try! NSRegularExpression(pattern: "\\[bookmark: [^\\]]*\\]")

    /// Lines without line-end characters or bookmark markers.
    static func cleanLines(_ text: String) -> [String] {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let stripped = bookmark.stringByReplacingMatches(
            in: unified, range: NSRange(unified.startIndex..., in: unified), withTemplate: "")
        return stripped.components(separatedBy: "\n").map {
            $0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("\t") ? "" : $0
        }
    }

    static func startCell(_ line: String) -> [String] {
        let text = String(line.dropFirst())
        return text.trimmingCharacters(in: .whitespaces).isEmpty ? [] : [text]
    }

    /// The consecutive single-line tab cells starting at `index`, if they end at a blank line.
    static func headerCandidate(_ lines: [String], from index: Int) -> [String]? {
        var cells: [String] = []
        var position = index
        while position < lines.count, lines[position].hasPrefix("\t") {
            cells.append(String(lines[position].dropFirst()))
            position += 1
        }
        guard position == lines.count || lines[position].isEmpty else { return nil }
        return cells
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
