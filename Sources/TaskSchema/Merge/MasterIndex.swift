import Foundation

/// Lookups over the master that the merge needs: tasks by id and by text, and who is
/// responsible for what. Made once and passed to every ``Merger/analyse(_:index:template:limits:)``
/// of a collect (building it for a 100,000-task master takes a while).
public struct MasterIndex: Sendable {
    public let master: Master
    let tasksByID: [String: Task]
    /// Made on first use: only a row without a recognisable id needs it.
    private let textIndex: TextIndex
    let primaryUnits: Set<String>
    /// Primary units in order of first appearance (who is missing is listed in this order).
    public let unitNames: [String]
    let leaders: Set<String>
    let relatedUnits: Set<String>
    /// Task ids sent to each recipient: units for their primary tasks, leaders for theirs.
    private let expected: [String: [String]]
    /// Every name a file may belong to with its folded UTF-8 key, longest first (so "市场监管局"
    /// wins over "监管局"); bytes, because titles are compared with every name for every file.
    let recipientKeys: [(name: String, key: [UInt8])]

    /// ``Fingerprint/of(master:)``, which files carry to say which master they were split from.
    public let fingerprint: String

    /// `fingerprint`: the master's, when already known (a workspace's snapshot keeps it).
    public init(_ master: Master, fingerprint known: String? = nil) {
        self.master = master
        fingerprint = known ?? Fingerprint.of(master: master)
        textIndex = TextIndex(master)
        // One pass over the tasks for everything else (100,000 tasks in a workspace's collect).
        var byID: [String: Task] = [:]
        byID.reserveCapacity(master.taskCount)
        var order: [String] = [], relatedNames: Set<UTF8Key> = []
        var expected: [UTF8Key: [String]] = [:]
        var byLeader: [UTF8Key: [String]] = [:]
        for table in master.tables {
            for task in table.tasks {
                byID[task.id] = task
                for unit in task.primaryUnits {
                    let key = UTF8Key(unit)
                    if expected[key] == nil { order.append(unit) }
                    expected[key, default: []].append(task.id)
                }
                for leader in task.leaders { byLeader[UTF8Key(leader), default: []].append(task.id) }
                for related in task.relatedUnits { relatedNames.insert(UTF8Key(related)) }
            }
        }
        tasksByID = byID
        unitNames = order
        primaryUnits = Set(order)
        leaders = Set(byLeader.keys.map(\.text))
        relatedUnits = Set(relatedNames.map(\.text))
        recipientKeys = (primaryUnits.union(leaders).union(relatedUnits))
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
            .map { ($0, Array(TextKey.of($0).utf8)) }
        // A leader who is also named as a unit keeps the unit's tasks.
        let merged = expected.merging(byLeader) { unitTasks, _ in unitTasks }
        self.expected = Dictionary(uniqueKeysWithValues: merged.map { ($0.key.text, $0.value) })
    }

    /// Hash of the task text key (whitespace and width folded) → ids; a text may repeat
    /// across tasks, and the ids found are checked against the text (see ``tasks(withText:)``).
    final class TextIndex: @unchecked Sendable {
        private let master: Master
        private let lock = NSLock()
        private var built: [UInt64: [String]]?
        init(_ master: Master) { self.master = master }

        func ids(_ hash: UInt64) -> [String] {
            lock.lock()
            defer { lock.unlock() }
            if built == nil {
                var byText: [UInt64: [String]] = [:]
                for table in master.tables {
                    for task in table.tasks { byText[MasterIndex.hash(TextKey.of(table.taskText(task))), default: []].append(task.id) }
                }
                built = byText
            }
            return built![hash] ?? []
        }
    }

    static func hash(_ key: String) -> UInt64 { FNV1a.hash(key) }

    /// The tasks whose text, folded, equals `text` folded.
    func tasks(withText text: String) -> [Task] {
        let key = TextKey.of(text)
        return textIndex.ids(MasterIndex.hash(key)).compactMap { tasksByID[$0] }.filter {
            TextKey.of(master.tables[$0.table].taskText($0)) == key
        }
    }

    func isRecipient(_ name: String) -> Bool {
        primaryUnits.contains(name) || leaders.contains(name) || relatedUnits.contains(name)
    }

    /// Whether `task` is the recipient's: a primary unit, a specifically named related unit,
    /// or (for workbooks split by leader) its leader.
    func isAssigned(_ task: Task, to recipient: String) -> Bool {
        task.primaryUnits.contains(recipient) || task.relatedUnits.contains(recipient) || task.leaders.contains(recipient)
    }

    /// The ids of the tasks a recipient was sent (primary units and leaders), in master order.
    public func expectedTasks(of recipient: String) -> [String] { expected[recipient] ?? [] }
}
