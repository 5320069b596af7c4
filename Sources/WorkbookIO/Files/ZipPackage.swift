import Foundation
import SystemZlib

#if canImport(Glibc)
    import Glibc
#endif

/// The ZIP container of an Office Open XML file (or a plain .zip a unit sent), read by our own
/// central-directory reader over zlib, with the leniency real files need: part names compared
/// without regard to case (ECMA-376 Part 2 §6.2.2.3), Windows backslashes and leading slashes
/// ignored, sizes taken from the central directory (so data descriptors and ZIP64 work).
///
/// Hand-written rather than ZIPFoundation's read path: every size and offset a file declares is
/// checked against the file and ``ReadLimits`` with overflow-checked arithmetic, a stream that
/// ends early is an error after bounded work, and inflation stops at the declared size (ZIPFoundation
/// 0.9.20 on Linux spins on a cut deflate stream and traps on ZIP64 sizes of 2^63 and more).
public final class ZipPackage: @unchecked Sendable {
    /// The file starts as a ZIP does, whether or not the rest of it is intact.
    public static func hasSignature(path: String) -> Bool {
        (try? FileKind.sniff(path: path)) == .zip
    }

    public let path: String
    public let limits: ReadLimits
    private let descriptor: Int32
    private let fileSize: UInt64
    private let entries: [String: Entry]
    /// Inflated bytes handed out so far, against ``ReadLimits/fileBytes``.
    private var inflated: UInt64 = 0
    private let lock = NSLock()

    struct Entry {
        var rawName: [UInt8]
        var utf8: Bool
        var method: UInt16
        var encrypted: Bool
        var crc: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeader: UInt64
        var modified: Date?
        var isFolder: Bool { rawName.last == UInt8(ascii: "/") || rawName.last == UInt8(ascii: "\\") }
    }

    public init(path: String, limits: ReadLimits = .standard) throws {
        self.path = path
        self.limits = limits
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw WorkbookError(.unreadable, path: path, message: "cannot read the file") }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw WorkbookError(.unreadable, path: path, message: "not a regular file")
        }
        fileSize = UInt64(info.st_size)
        do {
            entries = try ZipPackage.readDirectory(descriptor: descriptor, fileSize: fileSize, limits: limits, path: path)
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

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

    /// Every part name, normalised.
    public var partNames: [String] { Array(entries.keys) }

    /// The files of a plain ZIP archive (not a workbook): names as the sender's system wrote
    /// them (UTF-8 when flagged, else the local code page — GBK on a Chinese Windows), folders
    /// left out.
    public var members: [(name: String, part: String, size: UInt64, modified: Date?)] {
        entries.compactMap { key, entry in
            guard !entry.isFolder else { return nil }
            let name: String
            if case .success(let decoded) = TextDecoding.decode(Data(entry.rawName)) { name = decoded.text }
            else { name = String(decoding: entry.rawName, as: UTF8.self) }
            return (name.replacingOccurrences(of: "\\", with: "/"), key, entry.uncompressedSize, entry.modified)
        }.sorted { $0.name < $1.name }
    }

    /// The whole part, for the small ones (workbook, styles, relationships, shared strings).
    public func data(of part: String) throws -> Data? {
        guard entries[ZipPackage.key(part)] != nil else { return nil }
        var data = Data()
        try stream(part, chunkSize: 1 << 20) { chunk in data.append(chunk) }
        return data
    }

    /// Inflates the part in chunks of at most `chunkSize` bytes, calling `consumer` with each;
    /// verifies the size and the CRC-32 at the end.
    public func stream(_ part: String, chunkSize: Int = 1 << 20, _ consumer: (Data) throws -> Void) throws {
        guard let entry = entries[ZipPackage.key(part)] else {
            throw WorkbookError(.damaged, path: path, message: "the part \(part) is missing")
        }
        try reserve(entry.uncompressedSize, part: part)
        let start = try dataStart(of: entry, part: part)
        var crc: uLong = crc32(0, nil, 0)
        var produced: UInt64 = 0
        func deliver(_ chunk: Data) throws {
            produced += UInt64(chunk.count)
            guard produced <= entry.uncompressedSize else {
                throw WorkbookError(.damaged, path: path, message: "\(part) is damaged: it inflates past its stated size")
            }
            crc = chunk.withUnsafeBytes { crc32(crc, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
            try consumer(chunk)
        }
        let outputSize = Int(min(UInt64(max(1, chunkSize)), max(16 << 10, entry.uncompressedSize + 64)))
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw WorkbookError(.damaged, path: path, message: "\(part) is damaged: a stored part with two sizes")
            }
            var offset: UInt64 = 0
            while offset < entry.compressedSize {
                let count = Int(min(UInt64(outputSize), entry.compressedSize - offset))
                try deliver(try read(at: start + offset, count: count, part: part))
                offset += UInt64(count)
            }
        case 8:
            try inflate(entry, from: start, outputSize: outputSize, part: part, deliver)
        default:
            throw WorkbookError(.unsupported, path: path, message: "\(part) uses compression method \(entry.method), which xlsx-tasks cannot read")
        }
        guard produced == entry.uncompressedSize else {
            throw WorkbookError(.damaged, path: path, message: "\(part) is damaged or truncated: \(produced) of \(entry.uncompressedSize) bytes")
        }
        if UInt32(truncatingIfNeeded: crc) != entry.crc {
            throw WorkbookError(.damaged, path: path, message: "\(part) is damaged (CRC-32 mismatch)")
        }
    }

    /// Counts the part against the file's budget before a byte of it is inflated.
    private func reserve(_ size: UInt64, part: String) throws {
        lock.lock()
        defer { lock.unlock() }
        let (total, overflow) = inflated.addingReportingOverflow(size)
        guard !overflow, total <= limits.fileBytes else {
            throw WorkbookError(.tooLarge, path: path, message: "larger than xlsx-tasks reads in one file: its parts inflate to more than \(limits.fileBytes >> 20) MB (limit file-bytes)")
        }
        inflated = total
    }

    private func inflate(_ entry: Entry, from start: UInt64, outputSize: Int, part: String, _ deliver: (Data) throws -> Void) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw WorkbookError(.damaged, path: path, message: "cannot start inflating \(part)")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: outputSize)
        var consumed: UInt64 = 0
        var finished = false
        while !finished {
            guard consumed < entry.compressedSize else {
                throw WorkbookError(.damaged, path: path, message: "\(part) is damaged or truncated: its compressed data ends early")
            }
            let count = Int(min(UInt64(256 << 10), entry.compressedSize - consumed))
            var input = [UInt8](try read(at: start + consumed, count: count, part: part))
            consumed += UInt64(count)
            let last = consumed == entry.compressedSize
            try input.withUnsafeMutableBufferPointer { inputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                // Each pass either consumes input or fills the output: bounded by the input given.
                repeat {
                    let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(out.count)
                        return SystemZlib.inflate(&stream, Z_NO_FLUSH)
                    }
                    let produced = outputSize - Int(stream.avail_out)
                    if produced > 0 { try deliver(Data(output[0..<produced])) }
                    switch status {
                    case Z_STREAM_END:
                        finished = true
                    case Z_OK:
                        break
                    case Z_BUF_ERROR where produced == 0:
                        // No progress possible: the input is used up (more comes next round) or the
                        // stream is cut.
                        if last { throw WorkbookError(.damaged, path: path, message: "\(part) is damaged or truncated: its compressed data ends early") }
                        return
                    default:
                        throw WorkbookError(.damaged, path: path, message: "\(part) is damaged: invalid compressed data")
                    }
                } while !finished && (stream.avail_in > 0 || stream.avail_out == 0)
            }
            if !finished && last && stream.avail_in == 0 && stream.avail_out != 0 {
                throw WorkbookError(.damaged, path: path, message: "\(part) is damaged or truncated: its compressed data ends early")
            }
        }
    }

    /// Where the entry's data starts: after its local header, whose own name and extra
    /// lengths are used (they may differ from the central directory's).
    private func dataStart(of entry: Entry, part: String) throws -> UInt64 {
        let header = [UInt8](try read(at: entry.localHeader, count: 30, part: part))
        guard ZipPackage.u32(header, 0) == 0x0403_4B50 else {
            throw WorkbookError(.damaged, path: path, message: "\(part) is damaged: no local header where the directory says")
        }
        let start = entry.localHeader + 30 + UInt64(ZipPackage.u16(header, 26)) + UInt64(ZipPackage.u16(header, 28))
        let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
        guard !overflow, end <= fileSize else {
            throw WorkbookError(.damaged, path: path, message: "\(part) is damaged or truncated: its data runs past the end of the file")
        }
        return start
    }

    /// Exactly `count` bytes at `offset`, or an error naming the part.
    private func read(at offset: UInt64, count: Int, part: String) throws -> Data {
        guard let data = ZipPackage.read(descriptor, at: offset, count: count) else {
            throw WorkbookError(.damaged, path: path, message: "\(part) is truncated: the file ends early")
        }
        return data
    }

    static func read(_ descriptor: Int32, at offset: UInt64, count: Int) -> Data? {
        guard count >= 0, offset <= UInt64(Int64.max) else { return nil }
        var data = Data(count: count)
        var done = 0
        while done < count {
            let got = data.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got <= 0 { return nil }
            done += got
        }
        return data
    }

    // MARK: Central directory

    static func readDirectory(descriptor: Int32, fileSize: UInt64, limits: ReadLimits, path: String) throws -> [String: Entry] {
        func damaged(_ why: String) -> WorkbookError { WorkbookError(.damaged, path: path, message: "damaged or truncated ZIP container (\(why))") }
        // The end record is in the last 22 + 65,535 bytes (its comment is at most 65,535 bytes).
        let tailSize = Int(min(fileSize, 22 + 65_535))
        guard tailSize >= 22, let tail = read(descriptor, at: fileSize - UInt64(tailSize), count: tailSize).map({ [UInt8]($0) }) else {
            throw damaged("too short")
        }
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { u32(tail, $0) == 0x0605_4B50 }) else {
            throw damaged("no end of central directory")
        }
        var count = UInt64(u16(tail, end + 10))
        var directorySize = UInt64(u32(tail, end + 12))
        var directoryOffset = UInt64(u32(tail, end + 16))
        let endOffset = fileSize - UInt64(tailSize) + UInt64(end)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF, endOffset >= 20,
            let locator = read(descriptor, at: endOffset - 20, count: 20).map({ [UInt8]($0) }), u32(locator, 0) == 0x0706_4B50
        {
            let zip64End = u64(locator, 8)
            guard zip64End < fileSize, let record = read(descriptor, at: zip64End, count: 56).map({ [UInt8]($0) }),
                u32(record, 0) == 0x0606_4B50
            else { throw damaged("a broken ZIP64 end record") }
            count = u64(record, 32)
            directorySize = u64(record, 40)
            directoryOffset = u64(record, 48)
        }
        guard count <= UInt64(limits.zipEntries) else {
            throw WorkbookError(.tooLarge, path: path, message: "a ZIP with \(count) entries, more than xlsx-tasks reads (limit zip-entries: \(limits.zipEntries))")
        }
        let (directoryEnd, overflow) = directoryOffset.addingReportingOverflow(directorySize)
        guard !overflow, directoryEnd <= fileSize, directorySize <= 64 << 20,
            let directory = read(descriptor, at: directoryOffset, count: Int(directorySize)).map({ [UInt8]($0) })
        else { throw damaged("the central directory lies outside the file") }

        var entries: [String: Entry] = [:]
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= directory.count, u32(directory, position) == 0x0201_4B50 else { throw damaged("a broken directory entry") }
            let flags = u16(directory, position + 8)
            let nameLength = Int(u16(directory, position + 28)), extraLength = Int(u16(directory, position + 30))
            let commentLength = Int(u16(directory, position + 32))
            let nameStart = position + 46
            guard nameStart + nameLength + extraLength + commentLength <= directory.count else { throw damaged("a directory entry runs past its end") }
            var entry = Entry(
                rawName: Array(directory[nameStart..<(nameStart + nameLength)]), utf8: flags & 0x0800 != 0,
                method: u16(directory, position + 10), encrypted: flags & 0x0001 != 0, crc: u32(directory, position + 16),
                compressedSize: UInt64(u32(directory, position + 20)), uncompressedSize: UInt64(u32(directory, position + 24)),
                localHeader: UInt64(u32(directory, position + 42)),
                modified: dosDate(time: u16(directory, position + 12), date: u16(directory, position + 14)))
            // ZIP64 extra field: the 64-bit values of the fields that say 0xFFFFFFFF, in order.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = u16(directory, extra), size = Int(u16(directory, extra + 2))
                var field = extra + 4
                if id == 0x0001 {
                    func next() -> UInt64? {
                        guard field + 8 <= extra + 4 + size, field + 8 <= extraEnd else { return nil }
                        defer { field += 8 }
                        return u64(directory, field)
                    }
                    if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = next() ?? entry.uncompressedSize }
                    if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = next() ?? entry.compressedSize }
                    if entry.localHeader == 0xFFFF_FFFF { entry.localHeader = next() ?? entry.localHeader }
                }
                extra += 4 + size
            }
            position = extraEnd + commentLength
            let name = String(decoding: entry.rawName, as: UTF8.self)
            if entry.isFolder { continue }
            if entry.encrypted {
                throw WorkbookError(.encrypted, path: path, message: "an encrypted ZIP (\(name) needs a password); ask the unit to send it without one")
            }
            // Sizes a file declares are checked before anything is allocated for them.
            guard entry.localHeader < fileSize, entry.compressedSize <= fileSize else {
                throw damaged("\(name) lies outside the file")
            }
            guard entry.uncompressedSize <= limits.partBytes else {
                throw WorkbookError(.tooLarge, path: path, message: "\(name) inflates to \(entry.uncompressedSize >> 20) MB, more than xlsx-tasks reads in one part (limit part-bytes: \(limits.partBytes >> 20) MB)")
            }
            if entry.uncompressedSize > limits.ratioAbove, entry.uncompressedSize / max(1, entry.compressedSize) > limits.ratio {
                throw WorkbookError(.tooLarge, path: path, message: "\(name) is a compression bomb: \(entry.compressedSize) bytes inflating to \(entry.uncompressedSize) (limit ratio: \(limits.ratio):1)")
            }
            entries[key(name)] = entry
        }
        return entries
    }

    static func dosDate(time: UInt16, date: UInt16) -> Date? {
        var components = DateComponents()
        components.year = 1980 + Int(date >> 9)
        components.month = Int((date >> 5) & 0x0F)
        components.day = Int(date & 0x1F)
        components.hour = Int(time >> 11)
        components.minute = Int((time >> 5) & 0x3F)
        components.second = Int(time & 0x1F) * 2
        guard (1...12).contains(components.month!), (1...31).contains(components.day!) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        return calendar.date(from: components)
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        guard at >= 0, at + 1 < bytes.count else { return 0 }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        guard at >= 0, at + 3 < bytes.count else { return 0 }
        return UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16
    }

    static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        guard at >= 0, at + 7 < bytes.count else { return 0 }
        return UInt64(u32(bytes, at)) | UInt64(u32(bytes, at + 4)) << 32
    }
}
