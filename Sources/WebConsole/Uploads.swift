import Foundation
import HTTPTypes
import Hummingbird
import TaskSchema
import Workspace

/// Files the browser sends, one request each: the raw bytes, the name in `X-File-Name`.
actor UploadBatches {
    private var counts: [String: Int] = [:]

    /// Counts a batch's files (the page names each batch it sends): past `limit` the next is
    /// refused. A request of no batch is one of its own.
    func admit(batch: String, limit: Int) -> Bool {
        guard !batch.isEmpty else { return true }
        if counts.count > 10_000 { counts.removeAll() }  // a server up for months keeps no history of batches
        counts[batch, default: 0] += 1
        return counts[batch]! <= limit
    }

    /// Streams the body into `parent/<random>/<safe name>`. A body over `limit` or cut off
    /// midway leaves nothing behind: the folder is removed and nothing is collected.
    static func receive(_ request: Request, into parent: URL, limit: Int) async throws -> URL {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw PageError(.tooLarge, "文件超过 \(limit >> 20) MB 的上限，未收取")
        }
        let raw = request.headers[HTTPField.Name("X-File-Name")!].flatMap { $0.removingPercentEncoding } ?? ""
        let name = SafeFileName.of(raw, number: 1)
        let folder = parent.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent(name)
        do {
            FileManager.default.createFile(atPath: target.path, contents: nil)
            let handle = try FileHandle(forWritingTo: target)
            defer { try? handle.close() }
            var written = 0
            for try await buffer in request.body {
                written += buffer.readableBytes
                guard written <= limit else { throw PageError(.tooLarge, "文件超过 \(limit >> 20) MB 的上限，未收取") }
                try handle.write(contentsOf: Data(buffer.readableBytesView))
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        return target
    }
}

/// What the page shows of each collected file, in Chinese.
struct UploadOutcome: Encodable {
    struct File: Encodable {
        var path: String
        var unit: String?
        var status: String
        var statusText: String
        var note: String
    }
    var files: [File]
    var missing: Int

    static let statusText = ["accepted": "已采用", "rejected": "未采用", "superseded": "已被替代", "skipped": "已跳过",
                             "unpacked": "已拆开", "duplicate": "重复（此前已收）"]

    init(_ collected: Workspace.Collected) {
        files = collected.files.map { file in
            let note = file.problems.first { $0.kind == .rejected || $0.kind == .otherPeriod || $0.kind == .superseded }?.chineseMessage
                ?? (file.problems.isEmpty ? "" : "\(file.problems.count) 个问题：\(file.problems[0].chineseMessage)")
            return File(path: file.path, unit: file.unit, status: file.status, statusText: Self.statusText[file.status] ?? file.status, note: note)
        }
        missing = collected.missing.count
    }
}
