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
        /// Positions of the tasks in their table: 150,000 assignments held as copies of the
        /// tasks were the largest thing a split allocated after the master itself.
        public var positions: [Int32]
        public var count: Int { positions.count }
        public func tasks(in table: TaskTable) -> [Task] { positions.map { table.tasks[Int($0)] } }
    }

    public struct Recipient: Sendable {
        public var name: String
        public var sections: [Section]
        public var primaryTaskCount: Int { sections.filter { $0.role == .primary }.reduce(0) { $0 + $1.count } }
        public var relatedTaskCount: Int { sections.filter { $0.role == .related }.reduce(0) { $0 + $1.count } }
    }

    public var grouping: Grouping
    public var recipients: [Recipient]

    /// A task goes to every unit among its primary responsible units — one workbook per unit,
    /// never a combined "发改委 工信局" group. With `includeRelated`, the tasks that name the unit
    /// specifically among the related units follow in separate sections.
    public static func plan(_ master: Master, by grouping: Grouping, includeRelated: Bool) -> Distribution {
        // Sections are appended in place (array subscripts, no copies): a copy per task made
        // this quadratic for units with thousands of tasks.
        var names: [String] = []
        var positions: [UTF8Key: Int] = [:]  // byte keys: String hashing normalises CJK text first
        var sections: [[Section]] = []
        func add(_ task: Task, at taskPosition: Int, to name: String, role: Role) {
            let position: Int
            if let known = positions[UTF8Key(name)] {
                position = known
            } else {
                position = names.count
                positions[UTF8Key(name)] = position
                names.append(name)
                sections.append([])
            }
            if let index = sections[position].lastIndex(where: { $0.table == task.table && $0.role == role }) {
                sections[position][index].positions.append(Int32(taskPosition))
            } else {
                sections[position].append(Section(table: task.table, role: role, positions: [Int32(taskPosition)]))
            }
        }
        for table in master.tables {
            for (position, task) in table.tasks.enumerated() {
                for name in grouping == .unit ? task.primaryUnits : task.leaders { add(task, at: position, to: name, role: .primary) }
            }
        }
        if includeRelated && grouping == .unit {
            for table in master.tables {
                for (position, task) in table.tasks.enumerated() {
                    for name in task.relatedUnits { add(task, at: position, to: name, role: .related) }
                }
            }
        }
        let recipients = names.indices.map { position in
            // Primary sections first, each role in table order.
            Recipient(name: names[position], sections: sections[position].sorted {
                ($0.role == .primary ? 0 : 1, $0.table) < ($1.role == .primary ? 0 : 1, $1.table)
            })
        }
        return Distribution(grouping: grouping, recipients: recipients)
    }

    public var assignmentCount: Int { recipients.reduce(0) { $0 + $1.primaryTaskCount + $1.relatedTaskCount } }
}
