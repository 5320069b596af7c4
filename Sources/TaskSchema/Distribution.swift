/// Who receives which tasks.
public struct Distribution: Sendable {
    public enum Grouping: String, Sendable, CaseIterable { case unit, leader }

    public enum Role: String, Sendable {
        /// The recipient is among the task's primary responsible units (or its leaders).
        case primary = "主要"
        /// The recipient is named specifically among the related units.
        case related = "配合"
    }

    /// The tasks of one table that go to a recipient in one role.
    public struct Section: Sendable {
        public var table: Int
        public var role: Role
        public var tasks: [Task]
    }

    public struct Recipient: Sendable {
        public var name: String
        public var sections: [Section]
        public var primaryTaskCount: Int { sections.filter { $0.role == .primary }.reduce(0) { $0 + $1.tasks.count } }
        public var relatedTaskCount: Int { sections.filter { $0.role == .related }.reduce(0) { $0 + $1.tasks.count } }
    }

    public var grouping: Grouping
    public var recipients: [Recipient]

    /// A task goes to every unit among its primary responsible units — one workbook per unit,
    /// never a combined "发改委 工信局" group. With `includeRelated`, the tasks that name the unit
    /// specifically among the related units follow in separate sections.
    public static func plan(_ master: Master, by grouping: Grouping, includeRelated: Bool) -> Distribution {
        var order: [String] = []
        var sections: [String: [Section]] = [:]
        func add(_ task: Task, to name: String, role: Role) {
            if sections[name] == nil { order.append(name) }
            var list = sections[name, default: []]
            if let last = list.indices.last, list[last].table == task.table, list[last].role == role {
                list[last].tasks.append(task)
            } else if let index = list.firstIndex(where: { $0.table == task.table && $0.role == role }) {
                list[index].tasks.append(task)
            } else {
                list.append(Section(table: task.table, role: role, tasks: [task]))
            }
            sections[name] = list
        }
        for task in master.allTasks {
            let names = grouping == .unit ? task.primaryUnits : task.leaders
            for name in names { add(task, to: name, role: .primary) }
        }
        if includeRelated && grouping == .unit {
            for task in master.allTasks {
                for name in task.relatedUnits { add(task, to: name, role: .related) }
            }
        }
        let recipients = order.map { name in
            // Primary sections first, each role in table order.
            Recipient(name: name, sections: sections[name]!.sorted {
                ($0.role == .primary ? 0 : 1, $0.table) < ($1.role == .primary ? 0 : 1, $1.table)
            })
        }
        return Distribution(grouping: grouping, recipients: recipients)
    }

    public var assignmentCount: Int { recipients.reduce(0) { $0 + $1.primaryTaskCount + $1.relatedTaskCount } }
}
