/// One column of a source table: its normalised header and, if recognised, its role.
public struct TableColumn: Sendable, Hashable, Codable {
    public var name: String
    public var role: ColumnRole?
    public init(name: String, role: ColumnRole?) {
        self.name = name
        self.role = role
    }
}

/// A task: one row of a source table.
public struct Task: Sendable, Hashable {
    /// Unique in the master and stable for the same document: "1-001" is the first task of the first table.
    public var id: String
    /// Index of the task's table in ``Master/tables``.
    public var table: Int
    /// Display text per column of the table (lists joined with "、").
    public var cells: [String]
    public var leaders: [String]
    public var primaryUnits: [String]
    /// Units named specifically among the related units (generic phrases name nobody).
    public var relatedUnits: [String]
    /// Where the task starts in the source (line for text, row for spreadsheets); 0 if unknown.
    public var sourceLine: Int

    public init(
        id: String, table: Int, cells: [String], leaders: [String], primaryUnits: [String],
        relatedUnits: [String], sourceLine: Int
    ) {
        self.id = id
        self.table = table
        self.cells = cells
        self.leaders = leaders
        self.primaryUnits = primaryUnits
        self.relatedUnits = relatedUnits
        self.sourceLine = sourceLine
    }

    /// A unit listed as primary is not also a related unit of the same task (the document often
    /// repeats it in both columns). Compared on bytes: String equality normalises, slowly.
    mutating func dropPrimaryFromRelated() {
        guard !relatedUnits.isEmpty else { return }
        relatedUnits.removeAll { related in primaryUnits.contains { $0.utf8.elementsEqual(related.utf8) } }
    }
}

/// A source table: its title, its columns and its tasks.
public struct TaskTable: Sendable, Hashable {
    public var name: String
    public var columns: [TableColumn]
    public var tasks: [Task]

    public init(name: String, columns: [TableColumn], tasks: [Task]) {
        self.name = name
        self.columns = columns
        self.tasks = tasks
    }

    public func columnIndex(of role: ColumnRole) -> Int? { columns.firstIndex { $0.role == role } }

    public func value(_ role: ColumnRole, of task: Task) -> String? {
        columnIndex(of: role).map { task.cells[$0] }
    }

    /// The text a unit is asked to act on: the content column, else the project column.
    public func taskText(_ task: Task) -> String {
        if let content = value(.content, of: task), !content.isEmpty { return content }
        return value(.project, of: task) ?? task.cells.joined(separator: " ")
    }
}

/// A note about the input that did not stop the import.
public struct ImportWarning: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A value was corrected automatically (the message gives original and corrected text).
        case corrected
        /// Two values look alike but were left as they are.
        case lookalike
        /// Something unusual that the clerk should check.
        case notice
    }

    public var kind: Kind
    public var message: String
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}

/// The master task list: every task of the document, with stable ids.
public struct Master: Sendable {
    /// The document's number, e.g. "太政发〔2020〕9号", when it has one.
    public var documentNumber: String?
    /// The document's title, e.g. "关于分解落实2020年政府各项主要工作任务的通知".
    public var title: String?
    public var tables: [TaskTable]
    public var warnings: [ImportWarning]

    public init(documentNumber: String? = nil, title: String? = nil, tables: [TaskTable], warnings: [ImportWarning] = [])
    {
        self.documentNumber = documentNumber
        self.title = title
        self.tables = tables
        self.warnings = warnings
    }

    public var taskCount: Int { tables.reduce(0) { $0 + $1.tasks.count } }
    public var allTasks: [Task] { tables.flatMap(\.tasks) }

    /// Primary responsible units, in order of first appearance, with their task counts.
    public var units: [(name: String, tasks: Int)] { tally(\.primaryUnits) }
    /// Units named specifically as related units, with the number of tasks naming them.
    public var relatedUnits: [(name: String, tasks: Int)] { tally(\.relatedUnits) }
    /// Leaders in order of first appearance, with their task counts.
    public var leaders: [(name: String, tasks: Int)] { tally(\.leaders) }

    private func tally(_ names: KeyPath<Task, [String]>) -> [(name: String, tasks: Int)] {
        var order: [String] = []
        var counts: [UTF8Key: Int] = [:]  // byte keys: String hashing normalises CJK text first
        for table in tables {
            for task in table.tasks {
                for name in task[keyPath: names] {
                    let key = UTF8Key(name)
                    if counts[key] == nil { order.append(name) }
                    counts[key, default: 0] += 1
                }
            }
        }
        return order.map { ($0, counts[UTF8Key($0)]!) }
    }

    /// A short name for titles: the document number, else its title, else "任务分解表".
    public var displayName: String { documentNumber ?? title ?? "任务分解表" }
}
