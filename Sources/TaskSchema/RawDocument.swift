/// A document's tables as read from the source, before any interpretation: what every
/// source reader (text export, later .docx) produces and ``MasterAssembler`` consumes.
public struct RawDocument: Sendable {
    public var documentNumber: String?
    public var title: String?
    public var tables: [RawTable]

    public init(documentNumber: String? = nil, title: String? = nil, tables: [RawTable] = []) {
        self.documentNumber = documentNumber
        self.title = title
        self.tables = tables
    }
}

public struct RawTable: Sendable {
    /// The title line that preceded the table, e.g. "2020年政府各项主要工作分解落实表".
    public var title: String?
    /// Header cells as written ("项  目").
    public var header: [String]
    public var rows: [RawRow]

    public init(title: String?, header: [String], rows: [RawRow] = []) {
        self.title = title
        self.header = header
        self.rows = rows
    }
}

public struct RawRow: Sendable {
    /// Source line (or row) where the row starts.
    public var line: Int
    /// Each cell as its lines (paragraphs); an empty array is an empty cell.
    public var cells: [[String]]

    public init(line: Int, cells: [[String]]) {
        self.line = line
        self.cells = cells
    }
}
