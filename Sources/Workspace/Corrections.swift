import Foundation
import GRDB
import TaskSchema

extension Workspace {
    /// `correct TASK --unit UNIT --column COLUMN --value VALUE --reason TEXT`: stored with its
    /// reason, time and author, applied in every later report of the round (``MergeResult/apply(_:)``).
    /// `by`: who corrected (else the clerk's name kept in the workspace, else the login's full name).
    public func correct(task: String, unit: String, column name: String, value text: String, reason: String, by: String? = nil,
                        round label: String? = nil, template: ReportTemplate) throws -> Correction {
        let column = try formColumn(name, template: template)
        let value: ReportedValue
        switch Correction.value(text, for: column) {
        case .success(let checked): value = checked
        case .failure(let error): throw WorkspaceError(error.message)
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw WorkspaceError("--reason is empty: say why (e.g. 电话核实)") }
        let span = try planSpan()
        let correction = try database.write { db -> Correction in
            let round = try self.round(label, in: db)
            try checkUnit(unit, of: task, in: db)
            let who = try corrector(by, in: db)
            let correction = Correction(task: task, unit: unit, column: column.name, value: value, reason: reason, at: Self.now(), who: who)
            try db.execute(sql: "INSERT INTO correction (round, task, unit, column, value, reason, at, who) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [round.label, task, unit, column.name, String(decoding: try JSONEncoder().encode(value), as: UTF8.self),
                                       reason, correction.at, correction.who])
            try record(db, "correct", "\(round.label) \(task) \(unit) \(column.name) = \(value.displayText): \(reason) (\(who))")
            if let span { try refreshStandings(db, round: round, template: template, span: span, tasks: [task]) }
            return correction
        }
        // The unit's figures (汇总, 单位排名, status) follow its corrected values.
        try recombine(round: try self.round(label).label, template: template, index: try masterIndex(), units: [unit])
        return correction
    }

    /// `correct --undo TASK --unit UNIT [--column C]`: the unit's corrections of the task (of that
    /// column) stop applying; the value is again what the unit's file says. Kept, marked undone, logged.
    public func undoCorrection(task: String, unit: String, column name: String?, round label: String? = nil,
                               template: ReportTemplate) throws -> [Correction] {
        let column = try name.map { try formColumn($0, template: template).name }
        let span = try planSpan()
        let undone = try database.write { db -> [Correction] in
            let round = try self.round(label, in: db)
            try checkUnit(unit, of: task, in: db)
            var sql = "SELECT * FROM correction WHERE round = ? AND task = ? AND unit = ? AND undone IS NULL"
            var arguments: StatementArguments = [round.label, task, unit]
            if let column {
                sql += " AND column = ?"
                _ = arguments.append(contentsOf: [column])
            }
            let rows = try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments)
            guard !rows.isEmpty else {
                throw WorkspaceError("no correction of \(task) \(unit)\(column.map { " \($0)" } ?? "") to undo in round \(round.label)")
            }
            let at = Self.now()
            for row in rows { try db.execute(sql: "UPDATE correction SET undone = ? WHERE id = ?", arguments: [at, row["id"] as Int64]) }
            try record(db, "correct undo", "\(round.label) \(task) \(unit)\(column.map { " \($0)" } ?? ""): \(rows.count) correction(s) undone")
            if let span { try refreshStandings(db, round: round, template: template, span: span, tasks: [task]) }
            return try rows.map(Self.correction)
        }
        try recombine(round: try self.round(label).label, template: template, index: try masterIndex(), units: [unit])
        return undone
    }

    /// A form column by its name, as people retype it ("完成进度(%)" is 完成进度（%）).
    func formColumn(_ name: String, template: ReportTemplate) throws -> ReportTemplate.Column {
        guard let column = template.columns.first(where: { $0.name == name }) ?? template.columns.first(where: { TextKey.of($0.name) == TextKey.of(name) })
        else { throw WorkspaceError("--column \(name): not a column of the form (\(template.columns.map(\.name).joined(separator: ", ")))") }
        return column
    }

    /// Only the task's units (牵头 and 配合) report on it: a leader is not a unit.
    func checkUnit(_ unit: String, of task: String, in db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT primary_units, related_units FROM task WHERE id = ?", arguments: [task]) else {
            throw WorkspaceError("\(task): no such task in the master")
        }
        let names = ["primary_units", "related_units"].flatMap { ((row[$0] as String?) ?? "").split(separator: "、").map(String.init) }
        guard names.contains(unit) else {
            throw WorkspaceError("--unit \(unit): not a unit of task \(task) (its units: \(names.joined(separator: "、")))")
        }
    }

    /// Who corrects: `--by`, else the name kept with `--by` before, else the login's full name, else the login.
    func corrector(_ by: String?, in db: Database) throws -> String {
        if let by = by?.trimmingCharacters(in: .whitespaces), !by.isEmpty {
            try db.execute(sql: "INSERT OR REPLACE INTO setting VALUES ('clerk', ?)", arguments: [by])
            return by
        }
        if let kept = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'clerk'") { return kept }
        return Self.loginName
    }

    /// The login's full name (the GECOS field), else its user name.
    static var loginName: String {
        if let entry = getpwuid(getuid()), let gecos = entry.pointee.pw_gecos {
            let full = String(cString: gecos).split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if !full.trimmingCharacters(in: .whitespaces).isEmpty { return full }
        }
        return who
    }

    static func correction(_ row: Row) throws -> Correction {
        Correction(task: row["task"], unit: row["unit"], column: row["column"],
                   value: try JSONDecoder().decode(ReportedValue.self, from: Data((row["value"] as String).utf8)),
                   reason: row["reason"], at: row["at"], who: row["who"])
    }

    /// The corrections in force (not undone), in the order they were made.
    func corrections(round label: String, in db: Database) throws -> [Correction] {
        try Row.fetchAll(db, sql: "SELECT * FROM correction WHERE round = ? AND undone IS NULL ORDER BY id", arguments: [label]).map(Self.correction)
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
            // One pin a unit: a new one replaces the last.
            if let unit = match["unit"] as String? { try clearPreferences(of: unit, round: round.label, in: db) }
            try db.execute(sql: "INSERT OR REPLACE INTO preference (round, received, at) VALUES (?, ?, ?)",
                           arguments: [round.label, match["id"] as Int64, Self.now()])
            try record(db, "prefer", "\(round.label) \(match["path"] as String)")
            return (match["id"], match["path"], match["unit"])
        }
        try recombine(round: try self.round(label).label, template: template, index: try masterIndex())
        return (chosen.1, chosen.2)
    }

    /// `prefer --clear UNIT`: the unit's submissions are chosen by their dates again.
    /// Returns how many pins were removed.
    public func clearPreference(unit: String, round label: String? = nil, template: ReportTemplate) throws -> Int {
        let removed = try database.write { db -> Int in
            let round = try self.round(label, in: db)
            let removed = try clearPreferences(of: unit, round: round.label, in: db)
            guard removed > 0 else { throw WorkspaceError("\(unit): no submission is pinned in round \(round.label)") }
            try record(db, "prefer clear", "\(round.label) \(unit)")
            return removed
        }
        try recombine(round: try self.round(label).label, template: template, index: try masterIndex())
        return removed
    }

    @discardableResult
    private func clearPreferences(of unit: String, round: String, in db: Database) throws -> Int {
        try db.execute(sql: """
            DELETE FROM preference WHERE round = ? AND received IN (
                SELECT analysed.received FROM analysed JOIN received ON received.id = analysed.received
                WHERE received.round = ? AND analysed.unit = ?)
            """, arguments: [round, round, unit])
        return db.changesCount
    }
}
