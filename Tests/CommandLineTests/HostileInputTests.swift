import Foundation
import TestSupport
import XCTest

/// Broken and hostile returns (made by Tests/Fixtures/make_hostile_fixtures.py at test time):
/// each one, merged beside a good return, costs that file alone — rejected with a reason naming
/// what was wrong or which limit it passed — within 10 seconds and 500 MB, and the good file is
/// merged. Time and memory are the child's own (Tests/Helpers/run_limited.py, getrusage).
final class HostileInputTests: XCTestCase {
    static let folder = Result { () throws -> URL in
        let folder = try makeTemporaryFolder("hostile")
        let made = try runProgram("/usr/bin/env", ["python3", Repository.path("Tests/Fixtures/make_hostile_fixtures.py").path, folder.path])
        guard made.status == 0 else { throw InspectionError(message: made.stderr) }
        return folder
    }

    static let good = Repository.path("Tests/Fixtures/quarter/财政局.xlsx")

    struct Run {
        var status: Int32
        var seconds: Double
        var megabytes: Double
        var files: [String: [String: Any]]
        var stderr: String
    }

    /// `merge SEED good.xlsx FILE… --json` under a 10 s limit.
    private func merge(_ paths: [String], extra: [String] = []) throws -> Run {
        let output = try HostileInputTests.folder.get().appendingPathComponent("merged-\(UUID().uuidString.prefix(6)).xlsx")
        let result = try runPython("run_limited.py", ["10", Repository.tool.path, "merge", Repository.seed.path,
                                                      HostileInputTests.good.path] + paths + ["-o", output.path, "--json"] + extra)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
        XCTAssertEqual(report["timed_out"] as? Bool, false, "\(paths): killed at 10 s")
        var files: [String: [String: Any]] = [:]
        if let json = try? JSONSerialization.jsonObject(with: Data((report["stdout"] as? String ?? "").utf8)) as? [String: Any] {
            for file in json["files"] as? [[String: Any]] ?? [] {
                files[URL(fileURLWithPath: file["path"] as! String).lastPathComponent] = file
            }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.path), "\(paths): the merged workbook is written")
        return Run(status: Int32(report["status"] as? Int ?? -1), seconds: report["seconds"] as? Double ?? .infinity,
                   megabytes: report["max_rss_mb"] as? Double ?? .infinity, files: files, stderr: report["stderr"] as? String ?? "")
    }

    /// The file is rejected with a reason containing `reason`, bounded, and the good file merged.
    private func assertRejected(_ name: String, because reason: String, extra: [String] = [],
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try merge([try HostileInputTests.folder.get().appendingPathComponent(name).path], extra: extra)
        XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)", file: file, line: line)
        XCTAssertLessThan(run.seconds, 10, name, file: file, line: line)
        XCTAssertLessThan(run.megabytes, 500, name, file: file, line: line)
        XCTAssertEqual(run.files["财政局.xlsx"]?["status"] as? String, "accepted", "\(name): the good file", file: file, line: line)
        let hostile = try XCTUnwrap(run.files[name], name, file: file, line: line)
        XCTAssertEqual(hostile["status"] as? String, "rejected", name, file: file, line: line)
        let message = (hostile["problems"] as? [[String: Any]])?.first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains(reason), "\(name): \(message)", file: file, line: line)
    }

    /// Bounded and merged: the file is accepted (problems listed), and the good one too.
    private func assertAccepted(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let run = try merge([try HostileInputTests.folder.get().appendingPathComponent(name).path])
        XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)", file: file, line: line)
        XCTAssertLessThan(run.seconds, 10, name, file: file, line: line)
        XCTAssertLessThan(run.megabytes, 500, name, file: file, line: line)
        XCTAssertEqual(run.files["财政局.xlsx"]?["status"] as? String, "accepted", file: file, line: line)
        XCTAssertEqual(run.files[name]?["status"] as? String, "accepted", name, file: file, line: line)
        return run.files[name]?["problems"] as? [[String: Any]] ?? []
    }

    func testStreamsThatUsedToHang() throws {
        try assertRejected("hang-cut-deflate.xlsx", because: "damaged or truncated")
        try assertRejected("hang-zip64-stored-lie.xlsx", because: "lies outside the file")
        try assertRejected("hang-cell-bomb.xlsx", because: "limit part-bytes")
    }

    func testValuesThatUsedToCrash() throws {
        try assertRejected("crash-zip64-max.xlsx", because: "limit part-bytes")
        try assertRejected("crash-stored-2-63.xlsx", because: "lies outside the file")
        try assertRejected("crash-row-int-max.xlsx", because: "limit rows")
        for letters in [7, 13, 15] { try assertRejected("crash-column-\(letters)-letters.xlsx", because: "limit columns") }
        // A style index past Int is no style: the cell is read as a plain number.
        let problems = try assertAccepted("crash-style-index.xlsx")
        XCTAssertTrue(problems.contains { $0["kind"] as? String == "unknown-row" })
    }

    func testSizesThatUsedToExhaustMemory() throws {
        try assertRejected("memory-rows.xlsx", because: "limit ratio")
        try assertRejected("memory-shared-strings.xlsx", because: "limit ratio")
        try assertRejected("memory-styles.xlsx", because: "limit ratio")
        // With the ratio raised, the next limit holds, still within time and memory.
        try assertRejected("memory-rows.xlsx", because: "limit rows", extra: ["--limit", "ratio=100000"])
        try assertRejected("memory-shared-strings.xlsx", because: "limit shared-strings", extra: ["--limit", "ratio=100000"])
        try assertRejected("memory-styles.xlsx", because: "limit styles", extra: ["--limit", "ratio=100000"])
        try assertRejected("memory-zzzz-columns.xlsx", because: "limit columns")
        // A cell at XFD on 20,000 rows costs those cells, not 16,384 slots a row; its 20,000 unknown
        // rows are more problems than a return raises.
        try assertRejected("memory-xfd-rows.xlsx", because: "limit problems")
        try assertRejected("memory-csv-long-line.csv", because: "limit csv-line-bytes")
        // Sizes in a local header are never used: the central directory's are.
        XCTAssertTrue(try assertAccepted("memory-local-header-lies.xlsx").isEmpty)
    }

    func testTextLongerThanACellIsKeptTruncatedNotAFailure() throws {
        for name in ["length-40000.xlsx", "length-40000-招商局.csv"] {
            let problems = try assertAccepted(name)
            let long = try XCTUnwrap(problems.first { $0["kind"] as? String == "too-long" }, name)
            XCTAssertEqual(long["column"] as? String, "进展情况")
            XCTAssertTrue((long["message"] as? String ?? "").contains("40000 characters"))
        }
    }

    func testSpecialFilesAreSkippedUnread() throws {
        let folder = try makeTemporaryFolder("fifo")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("管道.xlsx")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        try FileManager.default.copyItem(at: HostileInputTests.good, to: folder.appendingPathComponent("财政局-副本.xlsx"))
        let named = try merge([fifo.path])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(named.files["管道.xlsx"]?["status"] as? String, "skipped")
        let found = try merge([folder.path], extra: ["--prefer", HostileInputTests.good.path])
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertEqual(found.files["管道.xlsx"]?["status"] as? String, "skipped")
        XCTAssertLessThan(found.seconds, 10)
    }

    func testALimitCanBeRaisedAndAMistypedOneIsRefused() throws {
        let unknown = try runTool(["merge", Repository.seed.path, HostileInputTests.good.path, "--limit", "rowz=5"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("unknown limit") && unknown.stderr.contains("rows"), unknown.stderr)
    }
}
