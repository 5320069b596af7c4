import Foundation

/// The streams of an OLE compound file (MS-CFB), the container of a legacy .xls and of an
/// Outlook .msg: one named stream, or the tree of storages and streams, with every sector
/// number, chain and sibling link checked against the file so a damaged or crafted container
/// ends in an error, never a loop or a read past the end.
public struct CompoundFile: Sendable {
    public struct Damaged: Error { public var reason: String }

    /// A storage (a folder) or a stream (a file) in the container's directory.
    public struct Entry: Sendable {
        public let index: Int
        public let name: String
        public var isStorage: Bool { type == 1 || type == 5 }
        public var isStream: Bool { type == 2 }
        let type: UInt8
    }

    private let bytes: [UInt8]
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniCutoff: Int
    private let fat: [UInt32]
    private let miniFat: [UInt32]
    /// (name, type, start sector, size) of every directory entry.
    private let entries: [(name: String, type: UInt8, start: UInt32, size: Int)]
    /// Each entry's left sibling, right sibling and child (the directory's red-black tree).
    private let links: [(left: UInt32, right: UInt32, child: UInt32)]
    private var miniStream: [UInt8] = []

    static let endOfChain: UInt32 = 0xFFFF_FFFE
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    public init(bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 512, bytes.starts(with: CompoundFile.signature) else { throw Damaged(reason: "not an OLE container") }
        let shift = Int(CompoundFile.u16(bytes, 0x1E)), miniShift = Int(CompoundFile.u16(bytes, 0x20))
        guard shift == 9 || shift == 12, miniShift == 6 else { throw Damaged(reason: "unknown sector size") }
        sectorSize = 1 << shift
        miniSectorSize = 1 << miniShift
        miniCutoff = Int(CompoundFile.u32(bytes, 0x38))
        let sectorCount = max(0, (bytes.count - sectorSize) / sectorSize + ((bytes.count - sectorSize) % sectorSize > 0 ? 1 : 0))

        // The FAT sectors: 109 in the header, the rest in a chain of DIFAT sectors.
        var fatSectors: [UInt32] = []
        for index in 0..<109 {
            let sector = CompoundFile.u32(bytes, 0x4C + index * 4)
            if sector < UInt32(sectorCount) { fatSectors.append(sector) }
        }
        var difat = CompoundFile.u32(bytes, 0x44)
        var difatSeen = 0
        let perSector = sectorSize / 4
        while difat < UInt32(sectorCount), difatSeen < sectorCount {
            let base = (Int(difat) + 1) * sectorSize
            guard base + sectorSize <= bytes.count else { break }
            for index in 0..<(perSector - 1) {
                let sector = CompoundFile.u32(bytes, base + index * 4)
                if sector < UInt32(sectorCount) { fatSectors.append(sector) }
            }
            difat = CompoundFile.u32(bytes, base + (perSector - 1) * 4)
            difatSeen += 1
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectors.count * perSector)
        for sector in fatSectors.prefix(sectorCount) {
            let base = (Int(sector) + 1) * sectorSize
            guard base + sectorSize <= bytes.count else { continue }
            for index in 0..<perSector { fat.append(CompoundFile.u32(bytes, base + index * 4)) }
        }
        self.fat = fat

        let directory = try CompoundFile.chain(bytes, fat: fat, start: CompoundFile.u32(bytes, 0x30), sectorSize: sectorSize, limit: nil)
        var entries: [(String, UInt8, UInt32, Int)] = []
        var links: [(UInt32, UInt32, UInt32)] = []
        var offset = 0
        while offset + 128 <= directory.count {
            let nameLength = min(64, Int(CompoundFile.u16(directory, offset + 0x40)))
            var units: [UInt16] = []
            var position = offset
            while position + 1 < offset + nameLength { units.append(CompoundFile.u16(directory, position)); position += 2 }
            while units.last == 0 { units.removeLast() }
            let size = Int(clamping: CompoundFile.u32(directory, offset + 0x78))
            entries.append((String(decoding: units, as: UTF16.self), directory[offset + 0x42], CompoundFile.u32(directory, offset + 0x74), size))
            links.append((CompoundFile.u32(directory, offset + 0x44), CompoundFile.u32(directory, offset + 0x48),
                          CompoundFile.u32(directory, offset + 0x4C)))
            offset += 128
        }
        self.entries = entries
        self.links = links
        miniFat = (try? CompoundFile.chain(bytes, fat: fat, start: CompoundFile.u32(bytes, 0x3C), sectorSize: sectorSize, limit: nil))
            .map { data in stride(from: 0, to: data.count - 3, by: 4).map { CompoundFile.u32(data, $0) } } ?? []
        if let root = entries.first, root.1 == 5 {
            miniStream = (try? CompoundFile.chain(bytes, fat: fat, start: root.2, sectorSize: sectorSize, limit: root.3)) ?? []
        }
    }

    /// The root storage.
    public var root: Entry? { entries.first.map { Entry(index: 0, name: $0.name, type: $0.type) } }

    /// The storages and streams directly in `storage`, in directory order; each entry is visited
    /// once, so a sibling link that loops ends the walk instead of running forever.
    public func children(of storage: Entry) -> [Entry] {
        var found: [Entry] = []
        var visited = Set<Int>()
        var pending = [links.indices.contains(storage.index) ? links[storage.index].child : CompoundFile.noStream]
        while let next = pending.popLast() {
            let index = Int(next)
            guard next != CompoundFile.noStream, index < entries.count, visited.insert(index).inserted else { continue }
            let entry = entries[index]
            if entry.type == 1 || entry.type == 2 { found.append(Entry(index: index, name: entry.name, type: entry.type)) }
            pending.append(links[index].right)
            pending.append(links[index].left)
        }
        return found.sorted { $0.index < $1.index }
    }

    /// The bytes of a stream of the tree.
    public func contents(of stream: Entry) throws -> [UInt8] {
        guard stream.isStream else { throw Damaged(reason: "\(stream.name) is not a stream") }
        return try contents(of: entries[stream.index], name: stream.name)
    }

    static let noStream: UInt32 = 0xFFFF_FFFF

    /// The stream with this name (case-insensitive, as the format says), nil if there is none.
    func stream(named name: String) throws -> [UInt8]? {
        guard let entry = entries.first(where: { $0.type == 2 && $0.name.lowercased() == name.lowercased() }) else { return nil }
        return try contents(of: entry, name: name)
    }

    private func contents(of entry: (name: String, type: UInt8, start: UInt32, size: Int), name: String) throws -> [UInt8] {
        if entry.size == 0 { return [] }
        if entry.size < miniCutoff {
            let data = try CompoundFile.chain(miniStream, fat: miniFat, start: entry.start, sectorSize: miniSectorSize,
                                              limit: entry.size, headerSectors: 0)
            return Array(data.prefix(entry.size))
        }
        let data = try CompoundFile.chain(bytes, fat: fat, start: entry.start, sectorSize: sectorSize, limit: entry.size)
        guard data.count >= entry.size else { throw Damaged(reason: "the stream \(name) is cut short") }
        return Array(data.prefix(entry.size))
    }

    /// The bytes of a sector chain; a chain longer than the table (a loop) or pointing past the
    /// end of the data is damage.
    private static func chain(
        _ bytes: [UInt8], fat: [UInt32], start: UInt32, sectorSize: Int, limit: Int?, headerSectors: Int = 1
    ) throws -> [UInt8] {
        var out: [UInt8] = []
        var sector = start
        var steps = 0
        while sector != endOfChain {
            guard Int(sector) < fat.count, steps <= fat.count else { throw Damaged(reason: "a broken sector chain") }
            let base = (Int(sector) + headerSectors) * sectorSize
            guard base + sectorSize <= bytes.count || (base < bytes.count && fat[Int(sector)] == endOfChain) else {
                throw Damaged(reason: "a sector past the end of the file")
            }
            out.append(contentsOf: bytes[base..<min(bytes.count, base + sectorSize)])
            if let limit, out.count >= limit { break }
            sector = fat[Int(sector)]
            steps += 1
        }
        return out
    }

    public static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        guard at >= 0, at + 1 < bytes.count else { return 0 }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    public static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        guard at >= 0, at + 3 < bytes.count else { return 0 }
        return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    public static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        guard at >= 0, at + 7 < bytes.count else { return 0 }
        return UInt64(u32(bytes, at)) | UInt64(u32(bytes, at + 4)) << 32
    }
}
