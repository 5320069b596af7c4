import BundledTemplates
import Foundation
import Hummingbird
import ZIPFoundation

/// Files sent to the browser with their Chinese names (RFC 6266: an ASCII fallback and
/// `filename*` in UTF-8), and several as one .zip built in a scratch folder.
enum Downloads {
    static func file(_ url: URL, named name: String) throws -> Response {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw PageError(.notFound, "文件不存在：\(name)") }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._"))) ?? "download"
        let type = name.hasSuffix(".zip") ? "application/zip" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return Response(status: .ok, headers: [
            .contentType: type,
            .contentDisposition: "attachment; filename=\"download\((name as NSString).pathExtension.isEmpty ? "" : "." + (name as NSString).pathExtension)\"; filename*=UTF-8''\(encoded)",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Stored, not deflated: the workbooks and drafts inside are compressed already. Names in
    /// UTF-8 (the flag set), which Windows' own extractor and 7-Zip read.
    static func zip(_ files: [URL], named name: String) throws -> Response {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-tasks-zip-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let target = scratch.appendingPathComponent("download.zip")
        let archive = try Archive(url: target, accessMode: .create, pathEncoding: .utf8)
        for file in files {
            try archive.addEntry(with: file.lastPathComponent, fileURL: file, compressionMethod: .none)
        }
        return try Self.file(target, named: name)
    }
}

enum BundledTemplatesWeb {
    static func file(_ name: String) -> URL { BundledTemplates.web.appendingPathComponent(name) }
}
