import Foundation
import WorkbookIO

/// A .zip a unit sent instead of its workbook: its files are taken out into a scratch folder and
/// merged as files of their own, shown as `archive.zip/member.xlsx`. Archives inside archives
/// are opened too, within ``ReadLimits`` (entries, inflated bytes, depth), so a crafted archive
/// cannot fill the disk or nest forever.
enum ReturnedArchive {
    /// Why an archive or one of its files cannot be merged, in English and Chinese.
    struct Refusal: Error {
        var reason: String
        var chinese: String
    }

    /// The archive's files, written under `scratch` (hidden files, `__MACOSX` and lock files left
    /// out); `depth` is how many archives it sits in.
    static func extract(_ archive: ReturnedInput, depth: Int, into scratch: URL, limits: ReadLimits) throws(Refusal) -> [ReturnedInput] {
        let package: ZipPackage
        do {
            package = try ZipPackage(path: archive.path, limits: limits)
        } catch {
            throw Refusal(reason: "a ZIP archive that cannot be opened: \((error as? WorkbookError)?.message ?? "\(error)")",
                          chinese: "压缩包已损坏或超出可处理的大小，无法打开")
        }
        let members = package.members.filter { member in
            !member.name.split(separator: "/").contains { $0 == "__MACOSX" || Merger.isIgnored(String($0)) }
        }
        let total = members.reduce(UInt64(0)) { $0 &+ $1.size }
        guard depth < limits.archiveDepth else {
            throw Refusal(reason: "a ZIP archive nested more than \(limits.archiveDepth) deep (limit archive-depth); extract it and merge the files inside",
                          chinese: "压缩包嵌套超过 \(limits.archiveDepth) 层，请解压后汇总其中的文件")
        }
        guard total <= limits.fileBytes else {
            throw Refusal(
                reason: "a ZIP archive whose files inflate to \(total >> 20) MB (limit file-bytes: \(limits.fileBytes >> 20) MB); extract it and merge the files inside",
                chinese: "压缩包过大（\(members.count) 个文件，\(total >> 20) MB），请解压后汇总其中的文件")
        }
        var inputs: [ReturnedInput] = []
        for (offset, member) in members.enumerated() {
            let folder = scratch.appendingPathComponent("\(depth)-\(UUID().uuidString.prefix(8))-\(offset)")
            let leaf = (member.name as NSString).lastPathComponent
            let target = folder.appendingPathComponent(leaf.isEmpty ? "file" : leaf)
            let shown = "\(archive.shown)/\(member.name)"
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                FileManager.default.createFile(atPath: target.path, contents: nil)
                let handle = try FileHandle(forWritingTo: target)
                defer { try? handle.close() }
                try package.stream(member.part) { chunk in try handle.write(contentsOf: chunk) }
                var inner = ReturnedInput(path: target.path, shown: shown, modified: member.modified)
                inner.mail = archive.mail  // a .zip attached to a mail came in that mail
                inputs.append(inner)
            } catch {
                // Listed as a file that cannot be used, with the reason, like any other.
                inputs.append(ReturnedInput(path: target.path, shown: shown, modified: member.modified,
                                            unreadable: "cannot be taken out of the archive: \(error)"))
            }
        }
        return inputs
    }
}
