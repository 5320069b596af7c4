import Foundation
import WorkbookIO

/// A .zip a unit sent instead of its workbook: its files are taken out into a scratch folder and
/// merged as files of their own, shown as `archive.zip/member.xlsx`. Archives inside archives
/// are opened too, within bounds, so a crafted archive cannot fill the disk or nest forever.
enum ReturnedArchive {
    static let maximumDepth = 3
    static let maximumMembers = 500
    static let maximumBytes: UInt64 = 512 << 20

    struct Item: Sendable {
        var input: ReturnedInput
        /// Set for an archive that was opened: why it is not read itself (English, Chinese).
        var archive: (reason: String, chinese: String)?
    }

    /// Every input, with the members of each plain ZIP archive after it.
    static func expand(_ inputs: [ReturnedInput], scratch: URL) -> [Item] {
        var items: [Item] = []
        var counter = 0
        func visit(_ input: ReturnedInput, depth: Int) {
            guard (try? FileKind.sniff(path: input.path)) == .zip, let package = try? ZipPackage(path: input.path),
                !package.contains("xl/workbook.xml"), !package.contains("word/document.xml"),
                !package.contains("ppt/presentation.xml")
            else {
                items.append(Item(input: input, archive: nil))
                return
            }
            let members = package.members.filter { member in
                !member.name.split(separator: "/").contains { $0.hasPrefix(".") || $0 == "__MACOSX" || Merger.isIgnored(String($0)) }
            }
            let total = members.reduce(UInt64(0)) { $0 &+ $1.size }
            guard depth < maximumDepth, members.count <= maximumMembers, total <= maximumBytes else {
                items.append(Item(input: input, archive: nil))
                return
            }
            items.append(Item(input: input, archive: (
                "a ZIP archive: its \(members.count) file(s) are merged as \(input.shown)/…",
                "压缩包，已取出其中 \(members.count) 个文件逐一汇总")))
            for member in members {
                counter += 1
                let folder = scratch.appendingPathComponent(String(counter))
                let leaf = (member.name as NSString).lastPathComponent
                let target = folder.appendingPathComponent(leaf.isEmpty ? "file" : leaf)
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    FileManager.default.createFile(atPath: target.path, contents: nil)
                    let handle = try FileHandle(forWritingTo: target)
                    defer { try? handle.close() }
                    try package.stream(member.part) { chunk in try handle.write(contentsOf: chunk) }
                } catch {
                    // A member that cannot be taken out is still listed: as a file that cannot be read.
                    try? Data().write(to: target)
                }
                visit(ReturnedInput(path: target.path, shown: "\(input.shown)/\(member.name)", modified: member.modified), depth: depth + 1)
            }
        }
        for input in inputs { visit(input, depth: 0) }
        return items
    }
}
