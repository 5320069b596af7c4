import Foundation
import GRDB
import TaskSchema

/// What the web page shows beside status: every round, the round's problems with their file and
/// row, and one unit's tasks with what it reported. Read from the ledger, as status is.
extension Workspace {
    public struct Summary: Sendable, Encodable {
        public var document: String
        public var tasks: Int
        public var units: Int
        public var rounds: [Round]
    }

    public func summary() throws -> Summary {
        try database.read { db in
            Summary(document: try String.fetchOne(db, sql: "SELECT document FROM workspace WHERE id = 1") ?? "",
                    tasks: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task") ?? 0,
                    units: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit") ?? 0,
                    rounds: try Row.fetchAll(db, sql: "SELECT label, opened, due, closed FROM round ORDER BY opened").map {
                        Round(label: $0["label"], opened: $0["opened"], due: $0["due"], closed: $0["closed"])
                    })
        }
    }

    /// The last entry of the event log: every command that changes the workspace writes one, so
    /// a page built at one version is still right while it stays the same.
    public func ledgerVersion() throws -> Int64 {
        try database.read { try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM event") ?? 0 }
    }

    public struct ListedProblem: Sendable, Encodable {
        public var file: String
        public var unit: String?
        public var level: MergeProblem.Level
        public var kind: String
        public var sheet: String?
        public var row: Int?
        public var task: String?
        public var column: String?
        public var value: String?
        public var chinese: String
    }

    /// The problems of the files the round uses and of those it rejected, and why a form sent
    /// back blank is not a return, in file order (as 问题清单 lists them).
    public func problems(round label: String? = nil) throws -> [ListedProblem] {
        try database.read { db in
            let round = try self.round(label, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT analysed.path, analysed.unit, problem.* FROM problem
                JOIN analysed ON analysed.id = problem.analysed JOIN received ON received.id = analysed.received
                WHERE received.round = ? AND (analysed.status IN ('accepted', 'rejected')
                    OR (analysed.status = 'blank' AND problem.kind = 'blank-return'))
                ORDER BY analysed.path, problem.rowid
                """, arguments: [round.label]).map { row in
                let kind = MergeProblem.Kind(rawValue: row["kind"]) ?? .rejected
                return ListedProblem(file: row["path"], unit: row["unit"], level: kind.level, kind: kind.chinese, sheet: row["sheet"],
                                     row: row["row"], task: row["task"], column: row["column"], value: row["value"], chinese: row["chinese"])
            }
        }
    }

    public struct UnitView: Sendable, Encodable {
        public struct TaskLine: Sendable, Encodable {
            public var id: String
            public var content: String
            /// Primary (牵头) or related (配合).
            public var primary: Bool
            /// Column → what the unit reported in this round's accepted file.
            public var values: [String: String]
        }
        public var unit: String
        public var tasks: [TaskLine]
        public var columns: [String]
    }

    /// One unit's tasks and, for each, what its accepted file of the round says; nil for a name
    /// the master does not have.
    public func unitView(_ name: String, round label: String? = nil, template: ReportTemplate) throws -> UnitView? {
        let index = try masterIndex()
        guard index.unitNames.contains(name) else { return nil }
        let master = index.master
        let values = try database.read { db -> [String: [String: String]] in
            let round = try self.round(label, in: db)
            var found: [String: [String: String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT value.task, value.column, value.typed FROM value JOIN analysed ON analysed.id = value.analysed
                JOIN received ON received.id = analysed.received
                WHERE received.round = ? AND analysed.status = 'accepted' AND value.unit = ?
                """, arguments: [round.label, name]) {
                found[row["task"], default: [:]][row["column"]] = row["typed"]
            }
            // What the unit typed that could not be used is shown as typed, marked, not as a blank.
            for row in try Row.fetchAll(db, sql: """
                SELECT problem.task, problem.column, problem.value FROM problem JOIN analysed ON analysed.id = problem.analysed
                JOIN received ON received.id = analysed.received
                WHERE received.round = ? AND analysed.status = 'accepted' AND analysed.unit = ? AND problem.kind = 'invalid-value'
                    AND problem.task IS NOT NULL AND problem.value IS NOT NULL
                """, arguments: [round.label, name]) {
                let task: String = row["task"], column: String = row["column"] ?? ""
                if found[task]?[column] == nil { found[task, default: [:]][column] = "\(row["value"] as String)（无效，未采用）" }
            }
            return found
        }
        var lines: [UnitView.TaskLine] = []
        for table in master.tables {
            let content = table.columns.firstIndex { $0.role == .content }, project = table.columns.firstIndex { $0.role == .project }
            for task in table.tasks where task.primaryUnits.contains(name) || task.relatedUnits.contains(name) || task.leaders.contains(name) {
                // 项目：内容, as the document reads.
                let text = [project, content].compactMap { $0 }.filter { $0 < task.cells.count }.map { task.cells[$0] }.filter { !$0.isEmpty }
                lines.append(.init(id: task.id, content: text.joined(separator: "："),
                                   primary: task.primaryUnits.contains(name), values: values[task.id] ?? [:]))
            }
        }
        return UnitView(unit: name, tasks: lines, columns: template.columns.map(\.name))
    }

    public struct Dispatched: Sendable {
        public var unit: String
        /// The workbook in the round's outbox (named as split names it: made safe for the file system).
        public var file: URL
        public var tasks: Int
    }

    /// The workbooks the round sent, in the master's order.
    public func dispatched(round label: String? = nil) throws -> [Dispatched] {
        try database.read { db in
            let round = try self.round(label, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT dispatched.unit, dispatched.file, unit.tasks FROM dispatched JOIN unit ON unit.name = dispatched.unit
                WHERE dispatched.round = ? ORDER BY unit.position
                """, arguments: [round.label]).map {
                Dispatched(unit: $0["unit"], file: folder.appendingPathComponent($0["file"] as String), tasks: $0["tasks"])
            }
        }
    }
}
