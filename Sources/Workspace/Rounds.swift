import Foundation
import GRDB
import TaskSchema

/// A reporting period of the workspace: opened (its workbooks written and recorded), collected
/// into, closed. One round is open at a time.
public struct Round: Sendable, Encodable {
    public var label: String
    public var opened: String
    public var due: String?
    public var closed: String?
}

extension Workspace {
    public struct Opened: Sendable {
        public var round: Round
        /// The round whose values the workbooks carry over, if any.
        public var carriedOver: String?
        /// Tasks whose carried values come from a round before that one, by round.
        public var carriedFromEarlier: [String: Int] = [:]
        public var workbooks: [(unit: String, path: String, tasks: Int)]
    }

    /// `round open LABEL`: the same unit workbooks `split` writes, stamped with LABEL as the
    /// period, into rounds/LABEL/outbox/, each recorded with its checksum and task ids.
    /// `carryOver`: after an earlier round, its accepted values are shown and pre-filled.
    public func openRound(_ label: String, due: CalendarDay?, contact given: String = "", carryOver: Bool = true,
                          template: ReportTemplate) throws -> Opened {
        let label = label.trimmingCharacters(in: .whitespaces)
        let contact = try officeContact(given)
        guard !label.isEmpty else { throw WorkspaceError("a round needs a label, e.g. 2020年第二季度") }
        try database.read { db in
            if let open = try String.fetchOne(db, sql: "SELECT label FROM round WHERE closed IS NULL") {
                throw WorkspaceError("round \(open) is still open; close it first: xlsx-tasks round close \(open)",
                                     chinese: "“\(open)”尚未结束，请先结束本期再开启下一期")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM round WHERE label = ?", arguments: [label]) == true {
                throw WorkspaceError("round \(label) was already held; choose another label", chinese: "“\(label)”已经开启过，请换一个期次名称")
            }
        }
        let index = try masterIndex()
        let master = index.master
        let outbox = roundFolder(label).appendingPathComponent("outbox")
        // The earlier rounds as their reports show them (corrections, the chosen submissions),
        // newest first: each task carries its latest report, from whichever round made it.
        let earlier = carryOver ? try database.read { db in
            try String.fetchAll(db, sql: "SELECT label FROM round ORDER BY rowid DESC")
        } : []
        let previous = earlier.first
        let carried = earlier.isEmpty ? nil
            : CarryOver(rounds: try earlier.map { try recombine(round: $0, template: template, index: index, recording: false) }, template: template)
        let settings = SplitSettings(template: template, period: label, password: nil, grouping: .unit,
                                     masterFingerprint: index.fingerprint, document: master.displayName,
                                     deadline: due, contact: contact, carryOver: carried)
        let result = try Splitter.split(master, settings: settings, includeRelated: false, into: outbox, force: false)
        let round = Round(label: label, opened: Self.now(), due: due?.iso, closed: nil)
        var workbooks: [(unit: String, path: String, tasks: Int)] = []
        try database.write { db in
            try db.execute(sql: "INSERT INTO round (label, opened, due) VALUES (?, ?, ?)", arguments: [label, round.opened, round.due])
            for workbook in result.workbooks {
                let file = outbox.appendingPathComponent(workbook.file)
                let ids = result.distribution.recipients.first { $0.name == workbook.recipient }.map { recipient in
                    recipient.sections.flatMap { section in section.tasks(in: master.tables[section.table]).map(\.id) }
                } ?? []
                let prefilled = carried.map { $0.prefilled(unit: workbook.recipient) } ?? [:]
                try db.execute(sql: "INSERT INTO dispatched (round, unit, file, sha256, tasks, prefilled) VALUES (?, ?, ?, ?, ?, ?)", arguments: [
                    label, workbook.recipient, relative(file), try Self.sha256(of: file.path).hex,
                    String(decoding: try JSONEncoder().encode(ids), as: UTF8.self),
                    String(decoding: try JSONEncoder().encode(prefilled), as: UTF8.self),
                ])
                workbooks.append((workbook.recipient, relative(file), workbook.primaryTasks))
            }
            try record(db, "round open", "\(label): \(result.workbooks.count) workbooks" + (due.map { ", due \($0.iso)" } ?? "")
                       + (previous.map { ", carrying over \($0)" } ?? ""))
        }
        var opened = Opened(round: round, carriedOver: previous, workbooks: workbooks)
        for source in (carried?.from ?? [:]).values { opened.carriedFromEarlier[source, default: 0] += 1 }
        return opened
    }

    /// `round close [LABEL]`: no more files are collected into it. A round nobody has returned
    /// anything to is closed only with `force` (a second click, a wrong label: the next round
    /// would carry over nothing).
    public func closeRound(_ label: String?, force: Bool = false) throws -> Round {
        try database.write { db in
            let round = try self.round(label, in: db)
            guard round.closed == nil else { throw WorkspaceError("round \(round.label) is already closed", chinese: "“\(round.label)”已经结束") }
            let accepted = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM analysed JOIN received ON received.id = analysed.received
                WHERE received.round = ? AND analysed.status = 'accepted'
                """, arguments: [round.label]) ?? 0
            guard accepted > 0 || force else {
                throw WorkspaceError("round \(round.label) has no accepted return yet; close it anyway with: xlsx-tasks round close --force",
                                     chinese: "“\(round.label)”还没有收到任何有效报送，暂不结束（确需结束请在命令行使用 round close --force）")
            }
            let closed = Self.now()
            try db.execute(sql: "UPDATE round SET closed = ? WHERE label = ?", arguments: [closed, round.label])
            try record(db, "round close", round.label)
            return Round(label: round.label, opened: round.opened, due: round.due, closed: closed)
        }
    }

    /// `round reopen [LABEL]`: the latest round, closed, is open again (only while no later round
    /// exists: a later round has carried it over already).
    public func reopenRound(_ label: String?) throws -> Round {
        try database.write { db in
            guard let latest = try Row.fetchOne(db, sql: "SELECT * FROM round ORDER BY rowid DESC LIMIT 1") else {
                throw WorkspaceError("no round yet; open one with: xlsx-tasks round open LABEL")
            }
            let round = Round(label: latest["label"], opened: latest["opened"], due: latest["due"], closed: latest["closed"])
            if let label, label != round.label {
                _ = try self.round(label, in: db)
                throw WorkspaceError("round \(label) is not the latest round (\(round.label)): only the latest can be reopened")
            }
            guard round.closed != nil else { throw WorkspaceError("round \(round.label) is open", chinese: "“\(round.label)”正在进行，无需重新开启") }
            try db.execute(sql: "UPDATE round SET closed = NULL WHERE label = ?", arguments: [round.label])
            try record(db, "round reopen", round.label)
            return Round(label: round.label, opened: round.opened, due: round.due, closed: nil)
        }
    }

    /// The round named, or the open one, or the latest.
    func round(_ label: String?, in db: Database) throws -> Round {
        let row: Row?
        if let label {
            row = try Row.fetchOne(db, sql: "SELECT * FROM round WHERE label = ?", arguments: [label])
            guard row != nil else {
                let known = try String.fetchAll(db, sql: "SELECT label FROM round ORDER BY rowid")
                throw WorkspaceError("no round \(label) in this workspace" + (known.isEmpty ? "; open one with: xlsx-tasks round open LABEL" : " (rounds: \(known.joined(separator: ", ")))"))
            }
        } else {
            row = try Row.fetchOne(db, sql: "SELECT * FROM round ORDER BY closed IS NULL DESC, rowid DESC LIMIT 1")
            guard row != nil else { throw WorkspaceError("no round yet; open one with: xlsx-tasks round open LABEL [--due YYYY-MM-DD]") }
        }
        return Round(label: row!["label"], opened: row!["opened"], due: row!["due"], closed: row!["closed"])
    }

    public func round(_ label: String?) throws -> Round { try database.read { try round(label, in: $0) } }
}
