import Foundation

/// Writes a file so that readers see either the old content or the complete new one:
/// the content goes to a hidden temporary file in the same folder, which is renamed
/// over the destination only after it was written without error.
public enum AtomicFile {
    /// Calls `write` with a temporary path next to `destination`, then renames it into place.
    /// On any error the temporary file is removed and the destination is left untouched.
    public static func write(to destination: URL, _ write: (URL) throws -> Void) throws {
        let folder = destination.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw WorkbookError(.write, path: destination.path, message: "the folder \(folder.path) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw WorkbookError(.write, path: destination.path, message: "the folder \(folder.path) is not writable")
        }
        let temporary = folder.appendingPathComponent(
            ".\(destination.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        do {
            try write(temporary)
            if rename(temporary.path, destination.path) != 0 {
                throw WorkbookError(
                    .write, path: destination.path,
                    message: "cannot move the finished file into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes `data` atomically.
    public static func write(_ data: Data, to destination: URL) throws {
        try write(to: destination) { temporary in
            do {
                try data.write(to: temporary)
            } catch {
                throw WorkbookError(.write, path: destination.path, message: "cannot write: \(error.localizedDescription)")
            }
        }
    }
}
