import Foundation
import WorkbookIO

/// Where an output may be written: never over an input, and over another existing file only
/// when xlsx-tasks wrote it as that kind of output, or when the clerk says so with --force.
public enum OutputSafety {
    /// Refuses `output` when it is SOURCE or one of the returned files (the same file under any
    /// name: compared by device and inode), and an existing file that is not a merged workbook
    /// unless `force`.
    /// `kind`: what xlsx-tasks writes there (an existing file of that kind may be replaced).
    public static func checkMergeOutput(_ output: String, source: String, inputs: [ReturnedInput], force: Bool,
                                        kind expected: String = "merged") throws {
        guard let target = identity(output) else { return }
        if target.isFolder { throw MergeError(message: "\(output): is a folder; give the merged workbook's file name, e.g. -o merged.xlsx") }
        if let special = SpecialFile.kind(output) { throw MergeError(message: "\(output): is \(special); give the merged workbook's file name") }
        if identity(source)?.same(as: target) == true {
            throw MergeError(message: "\(output): this is SOURCE, the task document; the merged workbook must go to another file")
        }
        if let input = inputs.first(where: { identity($0.path)?.same(as: target) == true }) {
            throw MergeError(message: "\(output): this is \(input.shown), a returned file; the merged workbook must go to another file")
        }
        if force || kind(of: output) == expected { return }
        throw MergeError(message: "\(output): exists and was not written by xlsx-tasks \(expected == "merged" ? "merge" : "report --\(expected)"); choose another name or add --force to replace it")
    }

    /// The `xlsx-tasks.kind` property of a workbook xlsx-tasks wrote ("merged", "checklist",
    /// "unit-report", "master"), nil for anything else.
    public static func kind(of path: String) -> String? {
        (try? Workbook.open(path))?.customProperties[DocumentProperty.kind]
    }

    struct Identity {
        var device: UInt64
        var inode: UInt64
        var isFolder: Bool
        func same(as other: Identity) -> Bool { device == other.device && inode == other.inode }
    }

    static func identity(_ path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), isFolder: (info.st_mode & S_IFMT) == S_IFDIR)
    }
}
