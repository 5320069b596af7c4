import Foundation
import TestSupport
import XCTest

/// The office's whole period: split the seed, every unit fills its workbook (openpyxl), merge.
final class EndToEndTests: XCTestCase {
    func testEveryTaskUnitReportArrivesInTheMergedWorkbook() throws {
        let folder = try makeTemporaryFolder("e2e")
        defer { try? FileManager.default.removeItem(at: folder) }
        let units = folder.appendingPathComponent("units"), filled = folder.appendingPathComponent("filled")
        let merged = folder.appendingPathComponent("merged.xlsx"), master = folder.appendingPathComponent("master.xlsx")
        XCTAssertEqual(try runTool(["import", Repository.seed.path, "-o", master.path]).status, 0)
        // Split from the master.xlsx written by import, as an office that keeps its master would.
        let split = try runTool(["split", master.path, "-o", units.path, "--period", "2020年第二季度"])
        XCTAssertEqual(split.status, 0, split.stderr)
        let fill = try runPython("fill_workbooks.py", [units.path, filled.path])
        XCTAssertEqual(fill.status, 0, fill.stderr)
        let typed = try JSONSerialization.jsonObject(with: Data(fill.stdout.utf8)) as! [String: [String: Any]]

        let result = try runTool(["merge", master.path, filled.path, "-o", merged.path, "--period", "2020年第二季度", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let files = json["files"] as! [[String: Any]]
        XCTAssertEqual(files.count, 53)
        XCTAssertTrue(files.allSatisfy { $0["status"] as? String == "accepted" && ($0["problems"] as! [Any]).isEmpty })
        XCTAssertEqual(files.reduce(0) { $0 + ($1["rows"] as! Int) }, 313)
        XCTAssertEqual(json["missing"] as? [String], [])

        let book = try Openpyxl.inspect(merged)
        let detail = try XCTUnwrap(book.sheet("分单位明细"))
        let header = detail.table[0].map(\.text)
        // Who to call beside the unit, then the form's columns.
        XCTAssertEqual(Array(header.prefix(10)), ["编号", "表", "单位", "填报人", "联系电话", "进展情况", "完成进度（%）", "推进状态", "存在问题", "下一步计划"])
        var arrived: [String: [String]] = [:]
        // Read from 进展情况 on, as the form's columns come.
        for row in detail.table.dropFirst() { arrived["\(row[0].text)|\(row[2].text)"] = Array(row.map(\.text).prefix(3)) + Array(row.map(\.text).dropFirst(5)) }
        XCTAssertEqual(arrived.count, 313, "one detail row per (task, unit)")
        var tableRows: [String: [String: String]] = [:]
        for sheet in book.sheets.prefix(2) {
            let columns = sheet.table[0].map(\.text)
            for row in sheet.table.dropFirst() {
                tableRows[row[0].text] = Dictionary(zip(columns, row.map(\.text)), uniquingKeysWith: { a, _ in a })
            }
        }
        XCTAssertEqual(tableRows.count, 182)
        var checked = 0
        for (_, file) in typed {
            let unit = file["unit"] as! String
            for entry in file["rows"] as! [[Any]] {
                let task = entry[2] as! String
                let row = try XCTUnwrap(arrived["\(task)|\(unit)"], "\(task) of \(unit)")
                XCTAssertEqual(row[3], entry[3] as? String)
                XCTAssertEqual(row[4], String(entry[4] as! Int))
                XCTAssertEqual(row[5], entry[5] as? String)
                XCTAssertEqual(row[6], entry[6] as? String)
                XCTAssertEqual(row[7], entry[7] as? String)
                let merged = try XCTUnwrap(tableRows[task])
                XCTAssertTrue(merged["进展情况"]!.contains(entry[3] as! String), "\(task): \(merged["进展情况"]!)")
                XCTAssertTrue(merged["填报单位"]!.split(separator: "、").contains(Substring(unit)))
                XCTAssertEqual(merged["未报送单位"], "")
                XCTAssertEqual(merged["更新时间"], "2020-06-30T00:00:00")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 313)
    }
}
