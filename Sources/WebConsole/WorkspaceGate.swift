import Foundation
import TaskSchema
import Workspace

/// The one workspace the server works on. Everything that writes (create, open a round,
/// collect, report) goes through here one at a time — SQLite takes one writer, and two browsers
/// uploading at once must both be collected, not race; reads open their own connections.
/// All state is the workspace's: a restart loses nothing.
actor WorkspaceGate {
    let folder: URL
    private var opened: Workspace?
    /// Pages built from the ledger, dropped after every write made here.
    let cache = PageCache()

    init(folder: URL) { self.folder = folder }

    /// The workspace, or nil while the folder has none (the page offers to create one).
    func workspace() throws -> Workspace? {
        if let opened { return opened }
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(Workspace.databaseName).path) else { return nil }
        opened = try Workspace.open(folder)
        return opened
    }

    func required() throws -> Workspace {
        guard let workspace = try workspace() else { throw PageError(.notFound, "此文件夹还没有工作区，请先在首页新建。") }
        return workspace
    }

    /// Runs `work` alone: no other write of this server at the same time.
    func exclusive<T: Sendable>(_ work: @Sendable (Workspace) throws -> T) async throws -> T {
        // Dropped whether the work finished or failed midway (a collect may have stored some files).
        do {
            let result = try work(try required())
            await cache.invalidate()
            return result
        } catch {
            await cache.invalidate()
            throw error
        }
    }

    func create(source: String) throws -> Workspace.Created {
        let created = try Workspace.create(folder, source: source)
        opened = created.workspace
        return created
    }
}

/// A request the page answers with a message for the clerk, and the HTTP status.
struct PageError: Error {
    enum Kind { case badRequest, forbidden, notFound, tooLarge, unauthorized }
    var kind: Kind
    var message: String
    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
