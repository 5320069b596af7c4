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
    /// Notes from the reader that did not stop it (e.g. a nested table).
    public var notes: [String] = []
    /// What ``RawRow/line`` counts, for messages: "line" of a text file or "row" of a Word table.
    public var position = "line"
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
    /// Which cells continue a vertically merged cell from the row above, when the source says
    /// so (.docx). nil when it cannot (a text export): every empty cell is then taken as merged.
    public var mergedFromAbove: [Bool]?

    public init(line: Int, cells: [[String]], mergedFromAbove: [Bool]? = nil) {
        self.line = line
        self.cells = cells
        self.mergedFromAbove = mergedFromAbove
    }
}
