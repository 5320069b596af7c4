import Foundation
import GRDB
import TaskSchema

extension Workspace {
    /// `correct TASK --unit UNIT --column COLUMN --value VALUE --reason TEXT`: stored with its
    /// reason, time and author, applied in every later report of the round (``MergeResult/apply(_:)``).
    public func correct(task: String, unit: String, column name: String, value text: String, reason: String,
                        round label: String? = nil, template: ReportTemplate) throws -> Correction {
        guard let column = template.columns.first(where: { $0.name == name }) else {
            throw WorkspaceError("--column \(name): not a column of the form (\(template.columns.map(\.name).joined(separator: ", ")))")
        }
        let value: ReportedValue
        switch Correction.value(text, for: column) {
        case .success(let checked): value = checked
        case .failure(let error): throw WorkspaceError(error.message)
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw WorkspaceError("--reason is empty: say why (e.g. 电话核实)") }
        let span = try planSpan()
        return try database.write { db in
            let round = try self.round(label, in: db)
            guard let row = try Row.fetchOne(db, sql: "SELECT primary_units, related_units, leaders FROM task WHERE id = ?", arguments: [task]) else {
                throw WorkspaceError("\(task): no such task in the master")
            }
            let names = ["primary_units", "related_units", "leaders"].flatMap { ((row[$0] as String?) ?? "").split(separator: "、").map(String.init) }
            guard names.contains(unit) else {
                throw WorkspaceError("--unit \(unit): not a unit of task \(task) (\(names.joined(separator: "、")))")
            }
            let correction = Correction(task: task, unit: unit, column: name, value: value, reason: reason, at: Self.now(), who: Self.who)
            try db.execute(sql: "INSERT INTO correction (round, task, unit, column, value, reason, at, who) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [round.label, task, unit, name, String(decoding: try JSONEncoder().encode(value), as: UTF8.self),
                                       reason, correction.at, correction.who])
            try record(db, "correct", "\(round.label) \(task) \(unit) \(name) = \(value.displayText): \(reason)")
            if let span { try refreshStandings(db, round: round, template: template, span: span, tasks: [task]) }
            return correction
        }
    }

    func corrections(round label: String, in db: Database) throws -> [Correction] {
        try Row.fetchAll(db, sql: "SELECT * FROM correction WHERE round = ? ORDER BY id", arguments: [label]).map { row in
            Correction(task: row["task"], unit: row["unit"], column: row["column"],
                       value: try JSONDecoder().decode(ReportedValue.self, from: Data((row["value"] as String).utf8)),
                       reason: row["reason"], at: row["at"], who: row["who"])
        }
    }

    /// `prefer FILE`: this submission of its unit is used, whatever the dates say. FILE is a
    /// file collected into the round: as it was shown, its original path, or its copy in the inbox.
    public func prefer(_ file: String, round label: String? = nil, template: ReportTemplate) throws -> (path: String, unit: String?) {
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        let chosen = try database.write { db -> (Int64, String, String?) in
            let round = try self.round(label, in: db)
            let candidates = try Row.fetchAll(db, sql: """
                SELECT received.id, analysed.path, analysed.unit, received.original_path, received.stored FROM received
                JOIN analysed ON analysed.received = received.id WHERE received.round = ?
                """, arguments: [round.label])
            let matches = candidates.filter { row in
                (row["path"] as String) == file || (row["original_path"] as String) == absolute
                    || folder.appendingPathComponent(row["stored"] as String).standardizedFileURL.path == absolute
            }
            guard let match = matches.first else { throw WorkspaceError("\(file): not a file collected into round \(round.label)") }
            try db.execute(sql: "INSERT OR REPLACE INTO preference (round, received, at) VALUES (?, ?, ?)",
                           arguments: [round.label, match["id"] as Int64, Self.now()])
            try record(db, "prefer", "\(round.label) \(match["path"] as String)")
            return (match["id"], match["path"], match["unit"])
        }
        try recombine(round: try self.round(label).label, template: template, index: try masterIndex())
        return (chosen.1, chosen.2)
    }
}
