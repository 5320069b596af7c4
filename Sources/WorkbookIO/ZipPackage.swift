import Foundation
import SystemZlib
import ZIPFoundation

/// The ZIP container of an Office Open XML file, with the leniency real files need: part
/// names compared without regard to case (ECMA-376 Part 2 §6.2.2.3), Windows backslashes and
/// leading slashes ignored, sizes taken from the central directory (so data descriptors and
/// ZIP64 work). Parts are inflated by zlib in chunks and checked with zlib's own CRC-32.
public final class ZipPackage {
    public let path: String
    private let archive: Archive
    private let entries: [String: Entry]

    public init(path: String) throws {
        self.path = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw WorkbookError(path: path, message: "damaged or truncated ZIP container (\(error))")
        }
        var entries: [String: Entry] = [:]
        for entry in archive {
            entries[ZipPackage.key(entry.path)] = entry
        }
        self.entries = entries
    }

    /// "xl\\SharedStrings.xml", "/xl/sharedStrings.xml" → "xl/sharedstrings.xml".
    static func key(_ name: String) -> String {
        var normalised = name.replacingOccurrences(of: "\\", with: "/")
        while normalised.hasPrefix("/") { normalised.removeFirst() }
        return normalised.lowercased()
    }

    public func contains(_ part: String) -> Bool { entries[ZipPackage.key(part)] != nil }

    /// Parts at least this large are inflated on a second thread while they are scanned.
    static let pipelineThreshold: UInt64 = 16 << 20

    /// The inflated size of a part, as the central directory states it (0 if missing).
    public func size(of part: String) -> UInt64 { entries[ZipPackage.key(part)]?.uncompressedSize ?? 0 }

    /// The files of a plain ZIP archive (not a workbook): names as the sender's system wrote
    /// them (UTF-8 when flagged, else the local code page — GBK on a Chinese Windows, which
    /// ZIPFoundation would read as CP437), folders left out.
    public var members: [(name: String, part: String, size: UInt64, modified: Date?)] {
        entries.compactMap { key, entry in
            guard entry.type == .file else { return nil }
            let raw = Data(entry.path(using: .isoLatin1).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
            let name: String
            if case .success(let decoded) = TextDecoding.decode(raw) { name = decoded.text } else { name = entry.path }
            return (name.replacingOccurrences(of: "\\", with: "/"), key, entry.uncompressedSize,
                    entry.fileAttributes[.modificationDate] as? Date)
        }.sorted { $0.name < $1.name }
    }

    /// Every part name, normalised.
    public var partNames: [String] { Array(entries.keys) }

    /// The whole part, for the small ones (workbook, styles, relationships, shared strings).
    public func data(of part: String) throws -> Data? {
        guard entries[ZipPackage.key(part)] != nil else { return nil }
        var data = Data()
        try stream(part, chunkSize: 1 << 20) { chunk in data.append(chunk) }
        return data
    }

    /// Inflates the part in chunks, calling `consumer` with each; verifies the CRC-32 at the end.
    public func stream(_ part: String, chunkSize: Int = 1 << 20, _ consumer: (Data) throws -> Void) throws {
        guard let entry = entries[ZipPackage.key(part)] else {
            throw WorkbookError(path: path, message: "the part \(part) is missing")
        }
        var crc: uLong = crc32(0, nil, 0)
        // The extractor allocates and zeroes a buffer of the chunk size for every part: for the
        // dozen small parts of a returned workbook, a megabyte each cost more than reading them.
        let bufferSize = Int(min(UInt64(chunkSize), max(16 << 10, entry.uncompressedSize + 64)))
        do {
            _ = try archive.extract(entry, bufferSize: bufferSize, skipCRC32: true) { chunk in
                crc = chunk.withUnsafeBytes { bytes in
                    crc32(crc, bytes.bindMemory(to: Bytef.self).baseAddress, uInt(bytes.count))
                }
                try consumer(chunk)
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError(path: path, message: "cannot inflate \(part): damaged or truncated file (\(error))")
        }
        if UInt32(truncatingIfNeeded: crc) != entry.checksum {
            throw WorkbookError(path: path, message: "\(part) is damaged (CRC-32 mismatch)")
        }
    }
}
