import Foundation
import TestSupport
import XCTest

/// Legacy .xls returns: LibreOffice's Excel 97–2003 twins of the .xlsx fixtures
/// (Tests/Fixtures/make_xls_fixtures.py) merge like the originals.
final class LegacyXlsMergeTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeTemporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    struct Merged {
        var file: [String: Any]
        /// 分单位明细 without the file-name column: (task, unit, progress values…, row).
        var detail: [[String]]
    }

    private func merge(_ path: URL, _ name: String) throws -> Merged {
        let output = folder.appendingPathComponent("\(name).xlsx")
        let result = try runTool(["merge", Repository.seed.path, path.path, "-o", output.path, "--period", "2020年第二季度", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let file = try XCTUnwrap((json["files"] as? [[String: Any]])?.first)
        let sheet = try XCTUnwrap(try Openpyxl.inspect(output).sheet("分单位明细"))
        let header = sheet.rows[0].map(\.text)
        let fileColumn = try XCTUnwrap(header.firstIndex(of: "文件"))
        let detail = sheet.rows.dropFirst().map { row in row.enumerated().filter { $0.offset != fileColumn }.map(\.element.text) }
        return Merged(file: file, detail: detail)
    }

    private func problems(_ file: [String: Any]) -> [String] {
        ((file["problems"] as? [[String: Any]]) ?? []).map { "\($0["kind"]!) \($0["row"] ?? "-") \($0["task"] ?? "-")" }
    }

    func testEachTwinMergesLikeItsOriginal() throws {
        let twins = ["工信局", "商务局-LibreOffice另存", "住建局", "农业农村局", "公安局", "统计局"]
        for name in twins {
            let original = try merge(Repository.path("Tests/Fixtures/returned/\(name).xlsx"), name)
            let twin = try merge(Repository.path("Tests/Fixtures/returned-xls/\(name).xls"), name + "-xls")
            XCTAssertEqual(twin.file["status"] as? String, "accepted", name)
            XCTAssertEqual(twin.file["unit"] as? String, original.file["unit"] as? String, name)
            XCTAssertEqual(twin.file["rows"] as? Int, original.file["rows"] as? Int, name)
            XCTAssertEqual(problems(twin.file), problems(original.file), name)
            XCTAssertFalse(twin.detail.isEmpty, name)
            XCTAssertEqual(twin.detail, original.detail, name)
        }
        // The other period is still noticed: the metadata sheet says it when properties do not.
        XCTAssertTrue(problems(try merge(Repository.path("Tests/Fixtures/returned-xls/统计局.xls"), "period").file)
            .contains { $0.hasPrefix("other-period") })
    }

    /// An .xls cannot say whether 0.8 was typed into a percentage cell: never taken silently.
    func testAFractionInAPercentColumnIsAskedAboutNotGuessed() throws {
        let original = try merge(Repository.path("Tests/Fixtures/returned/生态环境局.xlsx"), "orig")
        let twin = try merge(Repository.path("Tests/Fixtures/returned-xls/生态环境局.xls"), "twin")
        let extra = problems(twin.file).filter { !problems(original.file).contains($0) }
        XCTAssertEqual(extra.count, 1, "\(problems(twin.file))")
        let ambiguous = try XCTUnwrap((twin.file["problems"] as? [[String: Any]])?.first { ($0["message"] as? String)?.contains("may be 80%") == true })
        XCTAssertEqual(ambiguous["column"] as? String, "完成进度（%）")
        // Every other problem is the same: 120, 约一半, 进行中 and the empty required column.
        XCTAssertEqual(problems(original.file).count, 4)
        XCTAssertTrue(problems(original.file).allSatisfy(problems(twin.file).contains))
    }

    func testTruncatedAndEncryptedXlsAreRejectedAndTheRunGoesOn() throws {
        let output = folder.appendingPathComponent("merged.xlsx")
        let result = try runTool(["merge", Repository.seed.path, Repository.path("Tests/Fixtures/returned-xls").path,
                                  "-o", output.path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try XCTUnwrap(json["files"] as? [[String: Any]])
        let truncated = try XCTUnwrap(files.first { ($0["path"] as? String)?.hasSuffix("水务局-传输中断.xls") == true })
        XCTAssertEqual(truncated["status"] as? String, "rejected")
        let message = (truncated["problems"] as? [[String: Any]])?.first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains(".xls") && (message.contains("damaged") || message.contains("truncated")), message)
        let encrypted = try XCTUnwrap(files.first { ($0["path"] as? String)?.hasSuffix("审计局-加密.xls") == true })
        XCTAssertEqual(encrypted["status"] as? String, "rejected")
        let reason = (encrypted["problems"] as? [[String: Any]])?.first?["message"] as? String ?? ""
        XCTAssertTrue(reason.contains("encrypted") && reason.contains("password"), reason)
        XCTAssertEqual(files.filter { $0["status"] as? String == "accepted" }.count, 7)
    }
}
