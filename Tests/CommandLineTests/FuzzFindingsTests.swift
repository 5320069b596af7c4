import Foundation
import TestSupport
import XCTest

/// Every input the fuzz targets (Fuzz/, scripts/fuzz.sh) found a failure with, kept in
/// Tests/Fixtures/fuzz: read as a returned file and as a SOURCE, each ends with a clear exit
/// status — never a signal — within 10 seconds.
final class FuzzFindingsTests: XCTestCase {
    func testEveryFindingEndsCleanly() throws {
        let folder = Repository.path("Tests/Fixtures/fuzz")
        let findings = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertFalse(findings.isEmpty)
        let scratch = try makeTemporaryFolder("fuzz-findings")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for name in findings {
            let input = folder.appendingPathComponent(name).path
            for arguments in [["merge", Repository.seed.path, input, "-o", scratch.appendingPathComponent("m.xlsx").path, "--json"],
                              ["split", input, "-o", scratch.appendingPathComponent("s-\(name)").path]] {
                let result = try runPython("run_limited.py", ["10", Repository.tool.path] + arguments)
                let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
                let status = report["status"] as? Int ?? -1
                XCTAssertEqual(report["timed_out"] as? Bool, false, "\(name) \(arguments[0])")
                XCTAssertTrue(status == 0 || status == 1, "\(name) \(arguments[0]): exit \(status) \(report["stderr"] ?? "")")
                if arguments[0] == "merge" {
                    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data((report["stdout"] as? String ?? "").utf8)) as? [String: Any])
                    let file = try XCTUnwrap((json["files"] as? [[String: Any]])?.first)
                    XCTAssertEqual(file["status"] as? String, "rejected", name)
                }
            }
        }
    }
}
