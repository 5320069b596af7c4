import Foundation
@testable import TaskSchema
import TestSupport
import XCTest

/// The workspace's binary copy of its master: the seed reads back as it went in, and anything
/// that is not a whole snapshot of this version reads as nothing (the workspace then makes it again).
final class MasterSnapshotTests: XCTestCase {
    func testTheSeedReadsBackAsItWentIn() throws {
        var master = try DocumentImporter.importMaster(from: Repository.seed.path)
        master.warnings.append(ImportWarning(kind: .notice, message: "检查：第3行"))
        let fingerprint = Fingerprint.of(master: master)
        let data = MasterSnapshot.encode(master, fingerprint: fingerprint, source: "sha-of-master.xlsx")
        let decoded = try XCTUnwrap(MasterSnapshot.decode(data))
        XCTAssertEqual(decoded.source, "sha-of-master.xlsx")
        XCTAssertEqual(decoded.fingerprint, fingerprint)
        XCTAssertEqual(decoded.master.documentNumber, "太政发〔2020〕9号")
        XCTAssertEqual(decoded.master.title, master.title)
        XCTAssertEqual(decoded.master.warnings, master.warnings)
        XCTAssertEqual(decoded.master.tables, master.tables, "names, columns and roles, every task with its cells and names")
        XCTAssertEqual(decoded.master.taskCount, 182)
        XCTAssertEqual(Fingerprint.of(master: decoded.master), fingerprint)
    }

    func testACutOrForeignSnapshotReadsAsNothing() throws {
        let master = try DocumentImporter.importMaster(from: Repository.seed.path)
        let data = MasterSnapshot.encode(master, fingerprint: "f", source: "s")
        // Cut anywhere (every 97th byte, and the last one): never a shorter master.
        for length in Array(stride(from: 0, to: data.count, by: 97)) + [data.count - 1] {
            XCTAssertNil(MasterSnapshot.decode(data.prefix(length)), "cut at \(length) of \(data.count)")
        }
        XCTAssertNil(MasterSnapshot.decode(data + Data([0])), "trailing bytes")
        var other = data
        other[other.startIndex + 27] = UInt8(ascii: "2")  // "snapshot 2": another version's layout
        XCTAssertNil(MasterSnapshot.decode(other))
        XCTAssertNil(MasterSnapshot.decode(Data("PK\u{3}\u{4}not a snapshot".utf8)))
    }
}
