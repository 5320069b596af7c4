import WorkbookIO

/// One unit's figures in a round, from that unit's own reports on its own tasks only — never
/// from a task's combined cells, which mix in the other units' values. The merged workbook's
/// 汇总, the bulletin's 单位排名 and its chart all show these, so a unit reads the same everywhere.
public struct UnitFigures: Sendable, Codable, Equatable {
    public var name: String
    /// The tasks it was sent (as 牵头单位).
    public var tasks: Int
    /// It has an accepted file in the round.
    public var returned: Bool
    /// Its tasks it typed anything on.
    public var reported: Int
    /// The form's status values in order, each with how many of its tasks it gave that status.
    public var byStatus: [Int]
    /// Its tasks it reported done (the status whose percent range is 100).
    public var completed: Int
    /// Its tasks whose own percent is at or ahead of 序时 (nil without 序时进度).
    public var onPace: Int?
    /// Problems and warnings of its accepted file.
    public var problems: Int
    public var warnings: Int

    /// completed / tasks (0 for a unit with no task).
    public var completion: Double { tasks == 0 ? 0 : Double(completed) / Double(tasks) }
    public var onPaceShare: Double? { onPace.map { tasks == 0 ? 0 : Double($0) / Double(tasks) } }

    /// Every unit of the master, in its order, then any other unit an accepted file names.
    /// `expected`: task → 序时进度 when the result has no ``MergeResult/pace`` (a collect that
    /// combined a few units' files); nil and no pace: no 序时 figure.
    public static func of(_ result: MergeResult, expected given: [String: Double]? = nil) -> [UnitFigures] {
        let template = result.template
        let choice = template.columns.firstIndex { $0.type == .choice }
        let percent = template.columns.firstIndex { $0.type == .percent }
        let values = choice.map { template.columns[$0].values } ?? []
        let done = template.doneStatus
        var names = result.master.units.map(\.name)
        let accepted = result.files.filter { $0.status == .accepted }
        for file in accepted { if let unit = file.unit, !names.contains(unit) { names.append(unit) } }
        let returned = Set(accepted.compactMap(\.unit))
        let byUnit = Dictionary(grouping: result.reports.values.joined().filter(\.hasValues), by: \.unit)
        var problems: [String: (all: Int, warnings: Int)] = [:]
        for file in accepted {
            guard let unit = file.unit else { continue }
            problems[unit, default: (0, 0)].all += file.problems.count
            problems[unit, default: (0, 0)].warnings += file.problems.filter { $0.level == .warning }.count
        }
        let paceByTask = given ?? result.pace.map { $0.standings.mapValues(\.expected) }
        return names.map { name in
            let assigned = Set(result.index.expectedTasks(of: name))
            // Its reports on its own tasks only (a correction may name a related unit).
            let own = (byUnit[name] ?? []).filter { assigned.contains($0.task) }
            let statuses = own.compactMap { report in choice.flatMap { report.values[$0]?.displayText } }
            var onPace: Int? = nil
            if let paceByTask {
                onPace = own.filter { report in
                    guard let percent, case .number(let number)? = report.values[percent], let wanted = paceByTask[report.task] else { return false }
                    return PaceClass.of(percent: number, expected: wanted, tolerance: template.pace.tolerance) != .behind
                }.count
            }
            return UnitFigures(name: name, tasks: assigned.count, returned: returned.contains(name), reported: own.count,
                               byStatus: values.map { value in statuses.filter { $0 == value }.count },
                               completed: done.map { done in statuses.filter { $0 == done }.count } ?? 0, onPace: onPace,
                               problems: problems[name]?.all ?? 0, warnings: problems[name]?.warnings ?? 0)
        }
    }
}
