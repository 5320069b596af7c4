import Foundation
import TestSupport
import XCTest

/// A test that runs the tool on a workspace of its own: `folder` is fresh for every test and
/// removed after it, the workspace is `folder/ws`.
class WorkspaceTestCase: XCTestCase {
    var folder: URL!
    var workspace: URL { folder.appendingPathComponent("ws") }
    override func setUpWithError() throws { folder = try makeTemporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Runs a workspace command with --json; it must succeed, and its output is the JSON object.
    @discardableResult
    func tool(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try runTool(arguments + ["-w", workspace.path, "--json"])
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)", file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout, file: file, line: line)
    }
}
