import Foundation
import GRDB
import TaskSchema

extension Workspace {
    public struct Created: Sendable {
        public var workspace: Workspace
        public var master: Master
        /// The span 序时进度 is counted over, if given or named by the document's title.
        public var plan: PlanSpan?
    }

    /// `xlsx-tasks init`: imports SOURCE (anything `import` reads) into a new workspace in
    /// `folder`. A folder that already holds a workspace is refused; nothing is written until
    /// the import has succeeded, and the database appears last, complete.
    /// `template`: a template file (JSON) the workspace keeps and uses in every round; nil for the bundled one.
    /// `plan`: the span 序时进度 is counted over; nil for the year the document's title names.
    public static func create(_ folder: URL, source: String, template: String? = nil, plan: PlanSpan? = nil) throws -> Created {
        let manager = FileManager.default
        let database = folder.appendingPathComponent(databaseName)
        if manager.fileExists(atPath: database.path) {
            throw WorkspaceError("\(folder.path): already holds a workspace (\(databaseName)); open a round in it, or choose another folder")
        }
        for name in [masterName, "rounds"] where manager.fileExists(atPath: folder.appendingPathComponent(name).path) {
            throw WorkspaceError("\(folder.path): already has a \(name) that is not part of a workspace; choose an empty or new folder")
        }
        let templateData = try template.map { path -> Data in
            _ = try ReportTemplate.load(from: URL(fileURLWithPath: path))  // refused here, with the field, if it is wrong
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let master = try MasterSource.load(source)
        let span = plan ?? PlanSpan.year(in: master.title ?? "")
        let (sha, _) = try sha256(of: source)
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        try MasterWorkbook.write(master, to: folder.appendingPathComponent(masterName))
        // Built under a temporary name and renamed: a crash leaves no half workspace.
        let building = folder.appendingPathComponent(".\(databaseName).building-\(UUID().uuidString.prefix(8))")
        do {
            let pool = try DatabasePool(path: building.path, configuration: configuration)
            try Schema.migrator.migrate(pool)
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO workspace (id, document, source_name, source_sha256, master_fingerprint, created)
                    VALUES (1, ?, ?, ?, ?, ?)
                    """, arguments: [master.displayName, URL(fileURLWithPath: source).lastPathComponent, sha,
                                     Fingerprint.of(master: master), now()])
                // Empty when the title names no year: known to have no plan (NULL: not yet looked at).
                try db.execute(sql: "UPDATE workspace SET plan_start = ?, plan_end = ? WHERE id = 1",
                               arguments: [span?.start.iso ?? "", span?.end.iso ?? ""])
                if let templateData {
                    try db.execute(sql: "UPDATE workspace SET template = ? WHERE id = 1", arguments: [String(decoding: templateData, as: UTF8.self)])
                }
                for table in master.tables {
                    for task in table.tasks {
                        let deadline = PaceReport.deadlineText(of: task, in: table)
                        let columns = Dictionary(zip(table.columns.map(\.name), task.cells), uniquingKeysWith: { first, _ in first })
                        try db.execute(sql: "INSERT INTO task VALUES (?, ?, ?, ?, ?, ?, ?)", arguments: [
                            task.id, table.name, String(decoding: try JSONEncoder().encode(columns), as: UTF8.self),
                            task.primaryUnits.joined(separator: "、"), task.relatedUnits.joined(separator: "、"),
                            task.leaders.joined(separator: "、"), deadline,
                        ])
                    }
                }
                for (position, unit) in master.units.enumerated() {
                    try db.execute(sql: "INSERT INTO unit VALUES (?, ?, ?)", arguments: [unit.name, position, unit.tasks])
                }
                try db.execute(sql: "INSERT INTO event (at, who, what, detail) VALUES (?, ?, 'init', ?)",
                               arguments: [now(), who, "\(source): \(master.taskCount) tasks, \(master.units.count) units"])
            }
            try pool.close()
            for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: building.path + suffix) }
            guard rename(building.path, database.path) == 0 else {
                throw WorkspaceError("\(database.path): cannot put the new database in place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? manager.removeItem(at: building)
            throw error
        }
        return Created(workspace: try open(folder), master: master, plan: span)
    }
}
