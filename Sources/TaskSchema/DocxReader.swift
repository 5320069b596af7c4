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
                guard let headerIndex = table.rows.firstIndex(where: { TextExportReader.looksLikeHeader($0.texts) }) else {
                    continue  // a layout table or a signature block, not a task table
                }
                let header = table.rows[headerIndex].texts
                let normalised = header.map(ColumnName.normalise)
                var raw: RawTable
                if prose.isEmpty, let last = document.tables.last, last.header.map(ColumnName.normalise) == normalised {
                    raw = document.tables.removeLast()
                } else {
                    raw = RawTable(title: TextExportReader.title(from: prose), header: header)
                    raw.position = "row"
                }
                raw.notes += table.notes
                for row in table.rows[(headerIndex + 1)...] {
                    if row.texts.map(ColumnName.normalise) == normalised { continue }  // repeated header
                    if row.cells.allSatisfy(\.isEmpty) && !row.merged.contains(true) { continue }  // blank row
                    raw.rows.append(RawRow(line: row.number, cells: row.cells, mergedFromAbove: row.merged))
                }
                document.tables.append(raw)
                prose = []
            }
        }
        (document.documentNumber, document.title) = TextExportReader.heading(of: preamble)
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
                case "del", "moveFrom":
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
                case "t":
                    inText = !selfClosing
                case "tab":
                    paragraph += " "
                case "br", "cr":
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
