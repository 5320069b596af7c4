import Foundation
import GRDB
import TaskSchema

extension Workspace {
    /// `xlsx-tasks history`: every round's accepted values of each task.
    public struct History: Sendable, Encodable {
        public struct Task: Sendable, Encodable {
            public var id: String
            public var rounds: [RoundHistory.Entry]
        }
        public var tasks: [Task]
    }

    /// The rounds up to `label` (every round when nil), oldest first, each combined as its
    /// report combines it; `current`: that round's result when the caller has just made it.
    func roundHistory(through label: String?, template: ReportTemplate, index: MasterIndex,
                      current: MergeResult? = nil) throws -> RoundHistory {
        let labels = try database.read { db in try String.fetchAll(db, sql: "SELECT label FROM round ORDER BY rowid") }
        let wanted = label.flatMap { labels.firstIndex(of: $0) }.map { Array(labels[...$0]) } ?? labels
        return RoundHistory(rounds: try wanted.map { round in
            let result = round == label && current != nil ? current!
                : try recombine(round: round, template: template, index: index, recording: false)
            return RoundHistory.Round(label: round, reports: result.reports)
        })
    }

    /// `task`: one task; `unit`: the tasks a unit is responsible for (primary or related), with
    /// that unit's entries only. Tasks in the master's order.
    public func history(task: String? = nil, unit: String? = nil, template: ReportTemplate) throws -> History {
        let index = try masterIndex()
        let master = index.master
        if let task, !master.tables.contains(where: { $0.tasks.contains { $0.id == task } }) {
            throw WorkspaceError("no task \(task) in the master (ids look like 1-001)")
        }
        if let unit, !master.units.contains(where: { $0.name == unit }), !master.relatedUnits.contains(where: { $0.name == unit }) {
            throw WorkspaceError("no unit \(unit) in the master")
        }
        let history = try roundHistory(through: nil, template: template, index: index)
        var tasks: [History.Task] = []
        for table in master.tables {
            for item in table.tasks {
                if let task, item.id != task { continue }
                if let unit, !item.primaryUnits.contains(unit) && !item.relatedUnits.contains(unit) { continue }
                let entries = history.entries(of: item.id, template: template).filter { entry in unit.map { entry.unit == $0 } ?? true }
                tasks.append(.init(id: item.id, rounds: entries))
            }
        }
        return History(tasks: tasks)
    }
}
