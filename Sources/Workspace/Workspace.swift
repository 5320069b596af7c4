import Crypto
import Foundation
import GRDB
import TaskSchema
import WorkbookIO

/// A folder that remembers every reporting round: `xlsx-tasks.sqlite` (the ledger), the master
/// it was made from (`master.xlsx`), and per round what was sent (`rounds/<label>/outbox/`)
/// and a copy of everything received (`rounds/<label>/inbox/`). Every command of the
/// workspace goes through here; the reading, splitting and merging are TaskSchema's.
public final class Workspace: Sendable {
    public static let databaseName = "xlsx-tasks.sqlite"
    public static let masterName = "master.xlsx"

    public let folder: URL
    let database: DatabasePool

    public var databasePath: String { folder.appendingPathComponent(Self.databaseName).path }
    var masterURL: URL { folder.appendingPathComponent(Self.masterName) }

    init(folder: URL, database: DatabasePool) {
        self.folder = folder
        self.database = database
    }

    /// Opens the workspace in `folder`. A folder without one, a file that is not SQLite, and an
    /// SQLite file of another program are refused with a message that says which.
    public static func open(_ folder: URL) throws -> Workspace {
        let path = folder.appendingPathComponent(databaseName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw WorkspaceError("\(folder.path): no workspace here (no \(databaseName)); create one with: xlsx-tasks init SOURCE -w \(folder.path)")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let id = try pool.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") ?? 0 }
            guard id == Schema.applicationID else {
                throw WorkspaceError("\(path): an SQLite database of another program, not an xlsx-tasks workspace; it was not changed")
            }
            try Schema.migrator.migrate(pool)
        } catch let error as WorkspaceError {
            throw error
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw WorkspaceError("\(path): damaged or not a database (\(error.resultCode)); restore it from a backup — the files in rounds/ are untouched")
        } catch {
            throw WorkspaceError("\(path): cannot open the workspace: \(error)")
        }
        return Workspace(folder: folder.standardizedFileURL, database: pool)
    }

    /// A second process waits up to 30 s for the one writing, then fails with SQLite's "database is locked".
    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        // In WAL mode NORMAL loses no committed transaction when the process dies (kill -9) and
        // never corrupts; only a power cut can undo the last ones. It spares an fsync per file.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        return configuration
    }

    // MARK: What every command shares

    /// The master, read back from master.xlsx (the same reader `split` and `merge` use).
    public func master() throws -> Master { try masterIndex().master }

    /// The master with its lookups for a merge. master.xlsx is the master; `.master-snapshot`
    /// beside it is the same master in a form that reads ten times faster (see
    /// ``MasterSnapshot``), used while it was made from master.xlsx as it is now (its SHA-256)
    /// and made again, atomically, when it was not (a read-only folder only costs time). The
    /// index is kept for the life of the process: a server's next request, or the end of a
    /// command, does not rebuild or free 100,000 tasks.
    func masterIndex() throws -> MasterIndex {
        let (sha, _) = try Self.sha256(of: masterURL.path)
        if let kept = MasterCache.shared.index(for: sha) { return kept }
        let snapshot = folder.appendingPathComponent(Self.snapshotName)
        let index: MasterIndex
        if let data = try? Data(contentsOf: snapshot, options: .alwaysMapped), let decoded = MasterSnapshot.decode(data), decoded.source == sha {
            index = MasterIndex(decoded.master, fingerprint: decoded.fingerprint)
        } else {
            let master = try MasterSource.load(masterURL.path)
            index = MasterIndex(master)
            let data = MasterSnapshot.encode(master, fingerprint: index.fingerprint, source: sha)
            let partial = folder.appendingPathComponent("\(Self.snapshotName).partial-\(UUID().uuidString.prefix(8))")
            if (try? data.write(to: partial)) != nil, rename(partial.path, snapshot.path) != 0 { try? FileManager.default.removeItem(at: partial) }
        }
        MasterCache.shared.keep(index, for: sha)
        return index
    }

    static let snapshotName = ".master-snapshot"

    /// The form of every round: the template the workspace was made with, else the bundled one.
    public func template() throws -> ReportTemplate {
        let stored = try database.read { try String.fetchOne($0, sql: "SELECT template FROM workspace WHERE id = 1") }
        guard let stored else { return try ReportTemplate.standard() }
        return try ReportTemplate.load(data: Data(stored.utf8), named: "\(databasePath) (its template)")
    }

    /// Appends to the event log.
    func record(_ db: Database, _ what: String, _ detail: String) throws {
        try db.execute(sql: "INSERT INTO event (at, who, what, detail) VALUES (?, ?, ?, ?)",
                       arguments: [Self.now(), Self.who, what, detail])
    }

    static var who: String { ProcessInfo.processInfo.environment["USER"] ?? "unknown" }

    /// ISO 8601 in local time with its offset, to the second (the office's zone, from TZ).
    static func now(_ date: Date = Date()) -> String { LocalTime.iso(date) }

    /// The SHA-256 of a file, read in 1 MiB pieces, as hex.
    static func sha256(of path: String) throws -> (hex: String, size: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw WorkspaceError("\(path): cannot read the file") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
    }

    func relative(_ url: URL) -> String {
        let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        return url.standardizedFileURL.path.hasPrefix(base) ? String(url.standardizedFileURL.path.dropFirst(base.count)) : url.path
    }

    func roundFolder(_ label: String) -> URL {
        folder.appendingPathComponent("rounds").appendingPathComponent(FileName.safeStem(label, avoidingLowercased: []))
    }
}

/// The last master read in this process, by the SHA-256 of its master.xlsx.
final class MasterCache: @unchecked Sendable {
    static let shared = MasterCache()
    private let lock = NSLock()
    private var kept: (sha: String, index: MasterIndex)?

    func index(for sha: String) -> MasterIndex? {
        lock.lock()
        defer { lock.unlock() }
        return kept?.sha == sha ? kept?.index : nil
    }

    func keep(_ index: MasterIndex, for sha: String) {
        lock.lock()
        defer { lock.unlock() }
        kept = (sha, index)
    }
}

public struct WorkspaceError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// The same in Chinese, for the page the clerk reads (nil: only the English exists).
    public var chinese: String?
    public init(_ message: String, chinese: String? = nil) {
        self.message = message
        self.chinese = chinese
    }
    public var description: String { message }
}
