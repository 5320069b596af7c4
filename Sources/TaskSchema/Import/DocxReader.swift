import Foundation
import WorkbookIO

/// Reads the tables of a Word document (.docx) the office receives, into the same
/// ``RawDocument`` the text-export reader produces, so ``MasterAssembler`` applies the same
/// rules to both.
///
/// - `w:gridSpan`: a cell spanning several grid columns gives its text to the first one;
/// - `w:vMerge`: a "continue" cell takes the value of the cell above (marked for the assembler);
/// - paragraphs and `w:br` inside a cell are its lines; `w:tab` is a space;
/// - only `w:t` text is read, so field codes (`w:instrText`), deleted text (`w:delText`, and
///   anything inside `w:del` / `w:moveFrom`) and bookmarks drop out; insertions are kept;
///   of an `mc:AlternateContent`, only the choice is read, not its fallback copy;
/// - a two-row header (a cell spanning sub-columns named in the row below) names the sub-columns;
/// - a table nested in a cell keeps its text in that cell and is reported;
/// - body paragraphs before a table name it (and give the document number and title);
/// - a header row repeated inside a table, or a table that repeats the previous table's
///   header with no paragraph between them, continues the table.
public struct DocxReader {
    public let path: String

    public init(path: String) { self.path = path }

    public func read() throws -> RawDocument {
        let xml: Data
        do {
            let package = try ZipPackage(path: path)
            guard let body = try package.data(of: "word/document.xml") else {
                throw ImportError(path: path, message: "a ZIP file without word/document.xml: not a Word document")
            }
            xml = body
        } catch let error as WorkbookError {
            throw ImportError(path: path, message: error.message)
        }
        return try assemble(DocxBody.parse([UInt8](xml)))
    }

    /// The header completed by `row` when that row is the second line of a two-row header
    /// ("责任单位" spanning "牵头单位 | 配合单位" below it): every filled cell of the row is a known
    /// column name, and one stands under a grid column the cell above only covers.
    static func subHeader(_ row: DocxBody.Row, under header: [String]) -> [String]? {
        let texts = row.texts
        let filled = texts.indices.filter { !texts[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        guard !filled.isEmpty, filled.allSatisfy({ ColumnRole.recognise(texts[$0]) != nil }),
            filled.contains(where: { $0 < header.count && header[$0].isEmpty })
        else { return nil }
        return header.indices.map { filled.contains($0) ? texts[$0] : header[$0] }
    }

    /// Turns the body's paragraphs and tables into titled tables of rows.
    func assemble(_ blocks: [DocxBody.Block]) throws -> RawDocument {
        var document = RawDocument()
        var prose: [String] = []
        var preamble: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let text):
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                prose += [text, ""]
                if document.tables.isEmpty { preamble += [text, ""] }
            case .table(let table):
                guard let headerIndex = table.rows.firstIndex(where: { DocumentRules.looksLikeHeader($0.texts) }) else {
                    continue  // a layout table or a signature block, not a task table
                }
                var header = table.rows[headerIndex].texts
                var firstRow = headerIndex + 1
                // Header rows typed again further down (after a page break) are skipped.
                var headerRows: Set<[String]> = [header.map(ColumnName.normalise)]
                // A two-row header: "责任单位" spanning "牵头单位 | 配合单位" in the row below.
                if firstRow < table.rows.count, let sub = DocxReader.subHeader(table.rows[firstRow], under: header) {
                    headerRows.insert(table.rows[firstRow].texts.map(ColumnName.normalise))
                    header = sub
                    firstRow += 1
                }
                let normalised = header.map(ColumnName.normalise)
                headerRows.insert(normalised)
                var raw: RawTable
                if prose.isEmpty, let last = document.tables.last, last.header.map(ColumnName.normalise) == normalised {
                    raw = document.tables.removeLast()
                } else {
                    raw = RawTable(title: DocumentRules.title(from: prose), header: header)
                    raw.position = "row"
                }
                raw.notes += table.notes
                for row in table.rows[firstRow...] {
                    if headerRows.contains(row.texts.map(ColumnName.normalise)) { continue }  // repeated header
                    if row.cells.allSatisfy(\.isEmpty) && !row.merged.contains(true) { continue }  // blank row
                    raw.rows.append(RawRow(line: row.number, cells: row.cells, mergedFromAbove: row.merged))
                }
                document.tables.append(raw)
                prose = []
            }
        }
        (document.documentNumber, document.title) = DocumentRules.heading(of: preamble)
        if document.tables.isEmpty {
            throw ImportError(
                path: path,
                message: "no recognisable table: the document has no table whose header names known columns such as 门类 / 项目 / 内容和要求 / 主要责任单位")
        }
        return document
    }
}

/// The body of `word/document.xml` as paragraphs and tables, in order.
enum DocxBody {
    enum Block {
        case paragraph(String)
        case table(Table)
    }

    struct Table {
        var rows: [Row] = []
        var notes: [String] = []
    }

    /// One table row laid out on the table grid.
    struct Row {
        /// 1-based row number within the table, for messages.
        var number: Int
        var cells: [[String]]
        var merged: [Bool]
        var texts: [String] { cells.map { $0.joined() } }
    }

    private struct Cell {
        var lines: [String] = []
        var span = 1
        var continuesAbove = false
    }

    static func parse(_ bytes: [UInt8]) -> [Block] {
        var parser = XMLPullParser(bytes)
        var blocks: [Block] = []
        var tableDepth = 0
        var table = Table()
        var rowCells: [Cell] = []
        var cell = Cell()
        var paragraph = ""          // the paragraph being read (its current line in a cell)
        var inText = false          // inside w:t
        var runDepth = 0            // inside w:r (w:tab also names tab stops in paragraph properties)
        var skipping = 0            // depth inside w:del / w:moveFrom
        var nestedReported = false

        while let event = parser.next() {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                if skipping > 0 {
                    if !selfClosing { skipping += 1 }
                    continue
                }
                switch name {
                case "del", "moveFrom", "Fallback":
                    // Deleted or moved-away text; mc:Fallback repeats what mc:Choice already holds.
                    if !selfClosing { skipping = 1 }
                case "tbl":
                    tableDepth += 1
                    if tableDepth == 1 {
                        table = Table()
                        nestedReported = false
                    } else if !nestedReported {
                        table.notes.append("row \(table.rows.count + 1) holds a nested table; its text is kept in the cell")
                        nestedReported = true
                    }
                case "tr" where tableDepth == 1:
                    rowCells = []
                case "tc" where tableDepth == 1:
                    cell = Cell()
                case "gridSpan" where tableDepth == 1:
                    cell.span = max(1, Int(value(of: "val", in: attributes) ?? "") ?? 1)
                case "vMerge" where tableDepth == 1:
                    // <w:vMerge/> or w:val="continue" continues; w:val="restart" starts a merge.
                    cell.continuesAbove = (value(of: "val", in: attributes) ?? "continue") == "continue"
                case "p":
                    paragraph = ""
                case "r":
                    if !selfClosing { runDepth += 1 }
                case "t":
                    inText = !selfClosing
                case "tab" where runDepth > 0:
                    paragraph += " "
                case "br" where runDepth > 0, "cr" where runDepth > 0:
                    if tableDepth > 0 {
                        cell.lines.append(paragraph)
                        paragraph = ""
                    } else {
                        paragraph += "\n"
                    }
                default:
                    break
                }
            case .end(let name):
                if skipping > 0 {
                    skipping -= 1
                    continue
                }
                switch name {
                case "r":
                    runDepth = max(0, runDepth - 1)
                case "t":
                    inText = false
                case "p":
                    if tableDepth == 0 {
                        blocks.append(.paragraph(paragraph.replacingOccurrences(of: "\n", with: "")))
                    } else {
                        cell.lines.append(paragraph)
                    }
                    paragraph = ""
                case "tc" where tableDepth == 1:
                    // Empty paragraphs are not lines; text lines keep their inner spacing.
                    cell.lines = cell.lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                    rowCells.append(cell)
                case "tr" where tableDepth == 1:
                    var cells: [[String]] = []
                    var merged: [Bool] = []
                    for cell in rowCells {
                        cells.append(cell.continuesAbove ? [] : cell.lines)
                        merged.append(cell.continuesAbove)
                        for _ in 1..<cell.span {
                            // Grid columns covered by a horizontal merge: part of the cell to their left.
                            cells.append([])
                            merged.append(cell.continuesAbove)
                        }
                    }
                    table.rows.append(Row(number: table.rows.count + 1, cells: cells, merged: merged))
                case "tbl":
                    if tableDepth == 1 { blocks.append(.table(table)) }
                    tableDepth -= 1
                default:
                    break
                }
            case .text(let text):
                if inText && skipping == 0 { paragraph += text }
            }
        }
        return blocks
    }

    private static func value(of local: String, in attributes: [(name: String, value: String)]) -> String? {
        attributes.first { XMLPullParser.localName($0.name) == local }?.value
    }
}
