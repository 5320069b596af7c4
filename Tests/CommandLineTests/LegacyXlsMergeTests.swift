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

    private func merge(_ path: URL, _ name: String, period: String? = "2020年第二季度") throws -> Merged {
        let output = folder.appendingPathComponent("\(name).xlsx")
        let result = try runTool(["merge", Repository.seed.path, path.path, "-o", output.path, "--json"] + (period.map { ["--period", $0] } ?? []))
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let file = try XCTUnwrap((json["files"] as? [[String: Any]])?.first)
        let sheet = try XCTUnwrap(try Openpyxl.inspect(output).sheet("分单位明细"))
        let header = sheet.table[0].map(\.text)
        let fileColumn = try XCTUnwrap(header.firstIndex(of: "文件"))
        let detail = sheet.table.dropFirst().map { row in row.enumerated().filter { $0.offset != fileColumn }.map(\.element.text) }
        return Merged(file: file, detail: detail)
    }

    private func problems(_ file: [String: Any]) -> [String] {
        ((file["problems"] as? [[String: Any]]) ?? []).map { "\($0["kind"]!) \($0["row"] ?? "-") \($0["task"] ?? "-")" }
    }

    func testEachTwinMergesLikeItsOriginal() throws {
        let twins = ["工信局", "商务局-LibreOffice另存", "住建局", "农业农村局", "公安局", "统计局"]
        for name in twins {
            // 统计局's file is of the first quarter: alone, it decides the period itself.
            let period = name == "统计局" ? nil : "2020年第二季度"
            let original = try merge(Repository.path("Tests/Fixtures/returned/\(name).xlsx"), name, period: period)
            let twin = try merge(Repository.path("Tests/Fixtures/returned-xls/\(name).xls"), name + "-xls", period: period)
            XCTAssertEqual(twin.file["status"] as? String, "accepted", name)
            XCTAssertEqual(twin.file["unit"] as? String, original.file["unit"] as? String, name)
            XCTAssertEqual(twin.file["rows"] as? Int, original.file["rows"] as? Int, name)
            XCTAssertEqual(problems(twin.file), problems(original.file), name)
            XCTAssertFalse(twin.detail.isEmpty, name)
            XCTAssertEqual(twin.detail, original.detail, name)
        }
        // The other period is still noticed: the metadata sheet says it when properties do not.
        let output = folder.appendingPathComponent("period.xlsx")
        let result = try runTool(["merge", Repository.seed.path, Repository.path("Tests/Fixtures/returned-xls/统计局.xls").path,
                                  Repository.path("Tests/Fixtures/returned-xls/工信局.xls").path, "-o", output.path,
                                  "--period", "2020年第二季度", "--json"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let other = try XCTUnwrap((json["files"] as? [[String: Any]])?.first { ($0["path"] as? String ?? "").hasSuffix("统计局.xls") })
        XCTAssertEqual(other["status"] as? String, "rejected")
        XCTAssertTrue(problems(other).contains { $0.hasPrefix("other-period") })
    }

    /// 0.8 typed into a percentage cell of an .xls is 80%, as in the .xlsx: the cell's format is
    /// read from the workbook's own FORMAT and XF records.
    func testAPercentFormattedXlsCellIsReadAsAPercent() throws {
        let original = try merge(Repository.path("Tests/Fixtures/returned/生态环境局.xlsx"), "orig")
        let twin = try merge(Repository.path("Tests/Fixtures/returned-xls/生态环境局.xls"), "twin")
        XCTAssertEqual(problems(twin.file), problems(original.file))
        XCTAssertFalse(problems(original.file).isEmpty)
        XCTAssertEqual(twin.detail, original.detail)
        let third = try XCTUnwrap(twin.detail.dropFirst(2).first)
        // 编号, 表, 单位, 填报人, 联系电话, 进展情况, 完成进度（%）…
        XCTAssertEqual(third[6], "80", "0.8 shown as 80% arrives as 80: \(third)")
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
        // 统计局's twin is of the first quarter, the others of the second: the majority decides.
        XCTAssertEqual(files.filter { $0["status"] as? String == "accepted" }.count, 6)
    }
}
