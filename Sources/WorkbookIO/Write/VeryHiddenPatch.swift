import Foundation
import SystemZlib

/// libxlsxwriter 1.1.4 can hide a sheet but not make it "very hidden" (a state Excel's
/// Unhide dialog does not offer). After the library has written the file, the one tiny
/// `xl/workbook.xml` part is replaced, changing the sheet's `state="hidden"` to
/// `state="veryHidden"`. Runs on the temporary file, before it is renamed into place.
///
/// The archive is rewritten in memory: every other entry is copied byte for byte, the
/// patched part is stored uncompressed (it is under a kilobyte), and a new central directory
/// is written. A general ZIP library's remove-then-add went through two temporary archives
/// per workbook and cost a tenth of a 1,000-workbook split.
enum VeryHiddenPatch {
    static func apply(sheets names: [String], to file: URL, reportingAs path: String) throws {
        guard !names.isEmpty else { return }
        let original: [UInt8]
        do {
            original = try [UInt8](Data(contentsOf: file))
        } catch {
            throw WorkbookError(.write, path: path, message: "cannot read the written file back: \(error.localizedDescription)")
        }
        let patched: [UInt8]
        do {
            patched = try rewrite(original, part: "xl/workbook.xml") { xml in
                var text = String(decoding: xml, as: UTF8.self)
                for name in names {
                    let hidden = "<sheet name=\"\(XMLText.escapeAttribute(name))\""
                    guard let start = text.range(of: hidden),
                        let end = text[start.upperBound...].range(of: "/>"),
                        let state = text[start.upperBound..<end.lowerBound].range(of: "state=\"hidden\"")
                    else {
                        throw ZipRewriteError("cannot find hidden sheet \(name) in xl/workbook.xml")
                    }
                    text.replaceSubrange(state, with: "state=\"veryHidden\"")
                }
                return Array(text.utf8)
            }
        } catch let error as ZipRewriteError {
            throw WorkbookError(.write, path: path, message: "cannot mark sheets very hidden: \(error.message)")
        }
        do {
            try Data(patched).write(to: file)
        } catch {
            throw WorkbookError(.write, path: path, message: "cannot mark sheets very hidden: \(error.localizedDescription)")
        }
    }

    /// The archive with `part`'s content replaced by `transform(content)`. Handles what
    /// libxlsxwriter writes: deflated or stored entries, no ZIP64.
    static func rewrite(_ zip: [UInt8], part: String, _ transform: ([UInt8]) throws -> [UInt8]) throws -> [UInt8] {
        let directory = try CentralDirectory(zip)
        guard let target = directory.entries.firstIndex(where: { $0.name == Array(part.utf8) }) else {
            throw ZipRewriteError("\(part) is missing from the written file")
        }
        // Entry data runs from its local header to the next local header (or the directory),
        // which also covers any data descriptor after it.
        let starts = directory.entries.map(\.localOffset).sorted()
        func end(of offset: Int) -> Int { starts.first { $0 > offset } ?? directory.offset }

        var output: [UInt8] = []
        output.reserveCapacity(zip.count + 1024)
        var newOffsets: [Int] = []
        var replacement: (crc: UInt32, size: Int)? = nil
        for (index, entry) in directory.entries.enumerated() {
            newOffsets.append(output.count)
            guard index == target else {
                output += zip[entry.localOffset..<end(of: entry.localOffset)]
                continue
            }
            let content = try transform(try directory.content(of: entry, in: zip))
            let crc = content.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            replacement = (crc, content.count)
            // Local header: stored, sizes known up front, no data descriptor, no extra field.
            output += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(entry.time) + le16(entry.date)
            output += le32(crc) + le32(UInt32(content.count)) + le32(UInt32(content.count))
            output += le16(UInt16(entry.name.count)) + le16(0) + entry.name + content
        }
        let directoryOffset = output.count
        for (index, entry) in directory.entries.enumerated() {
            var record = Array(zip[entry.recordRange])
            if index == target, let replacement {
                put16(&record, at: 8, record.le16(at: 8) & ~0x0008)  // no data descriptor
                put16(&record, at: 10, 0)  // stored
                put32(&record, at: 16, replacement.crc)
                put32(&record, at: 20, UInt32(replacement.size))
                put32(&record, at: 24, UInt32(replacement.size))
            }
            put32(&record, at: 42, UInt32(newOffsets[index]))
            output += record
        }
        let directorySize = output.count - directoryOffset
        output += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(directory.entries.count))
        output += le16(UInt16(directory.entries.count)) + le32(UInt32(directorySize)) + le32(UInt32(directoryOffset)) + le16(0)
        return output
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    private static func put16(_ bytes: inout [UInt8], at offset: Int, _ value: UInt16) {
        bytes.replaceSubrange(offset..<offset + 2, with: le16(value))
    }
    private static func put32(_ bytes: inout [UInt8], at offset: Int, _ value: UInt32) {
        bytes.replaceSubrange(offset..<offset + 4, with: le32(value))
    }
}

struct ZipRewriteError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// The central directory of a small archive held in memory.
private struct CentralDirectory {
    struct Entry {
        var name: [UInt8]
        var method: UInt16
        var time: UInt16
        var date: UInt16
        var compressedSize: Int
        var localOffset: Int
        /// The entry's whole central-directory record.
        var recordRange: Range<Int>
    }

    var entries: [Entry] = []
    /// Where the central directory starts.
    var offset: Int

    init(_ zip: [UInt8]) throws {
        // The end record is the last 22 bytes unless the archive has a comment.
        guard zip.count >= 22,
            let end = stride(from: zip.count - 22, through: max(0, zip.count - 22 - 0xFFFF), by: -1)
                .first(where: { zip.le32(at: $0) == 0x0605_4B50 })
        else { throw ZipRewriteError("no ZIP end record") }
        let count = Int(zip.le16(at: end + 10))
        offset = Int(zip.le32(at: end + 16))
        var position = offset
        for _ in 0..<count {
            guard position + 46 <= zip.count, zip.le32(at: position) == 0x0201_4B50 else {
                throw ZipRewriteError("damaged central directory")
            }
            let nameLength = Int(zip.le16(at: position + 28))
            let extraLength = Int(zip.le16(at: position + 30))
            let commentLength = Int(zip.le16(at: position + 32))
            let recordEnd = position + 46 + nameLength + extraLength + commentLength
            guard recordEnd <= zip.count else { throw ZipRewriteError("damaged central directory") }
            entries.append(Entry(
                name: Array(zip[(position + 46)..<(position + 46 + nameLength)]),
                method: zip.le16(at: position + 10), time: zip.le16(at: position + 12), date: zip.le16(at: position + 14),
                compressedSize: Int(zip.le32(at: position + 20)), localOffset: Int(zip.le32(at: position + 42)),
                recordRange: position..<recordEnd))
            position = recordEnd
        }
    }

    /// An entry's inflated content.
    func content(of entry: Entry, in zip: [UInt8]) throws -> [UInt8] {
        let header = entry.localOffset
        guard header + 30 <= zip.count, zip.le32(at: header) == 0x0403_4B50 else { throw ZipRewriteError("damaged local header") }
        let start = header + 30 + Int(zip.le16(at: header + 26)) + Int(zip.le16(at: header + 28))
        guard start + entry.compressedSize <= zip.count else { throw ZipRewriteError("entry runs past the end") }
        let raw = Array(zip[start..<(start + entry.compressedSize)])
        switch entry.method {
        case 0: return raw
        case 8: return try RawInflate.inflate(raw)
        default: throw ZipRewriteError("compression method \(entry.method) not supported")
        }
    }
}

/// Inflates a raw deflate stream (no zlib header), as ZIP entries hold them.
enum RawInflate {
    static func inflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipRewriteError("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            var status = Z_OK
            while status == Z_OK {
                status = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let result = SystemZlib.inflate(&stream, Z_NO_FLUSH)
                    output += target[0..<(target.count - Int(stream.avail_out))]
                    return result
                }
                if status == Z_BUF_ERROR && stream.avail_in == 0 { break }
            }
            return status
        }
        guard status == Z_STREAM_END else { throw ZipRewriteError("damaged deflate data") }
        return output
    }
}

extension Array where Element == UInt8 {
    fileprivate func le16(at offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    fileprivate func le32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }
}

/// Escaping for text placed in XML (or HTML: the web page's own fragments) by hand: safe in an
/// element and in an attribute quoted either way.
public enum XMLText {
    public static func escapeAttribute(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
