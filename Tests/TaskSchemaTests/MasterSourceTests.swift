import Foundation
import TaskSchema
import TestSupport
import XCTest

/// A master kept as a CSV with the columns `import` writes, as SOURCE.
final class MasterSourceTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws { folder = try makeTemporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func csv(_ name: String, _ lines: [String]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: url)
        return url.path
    }

    func testCSVMasterSplitsNamesAndDropsPrimaryUnitsFromRelated() throws {
        let path = try csv("任务总表.csv", [
            "编号,门类,项目,内容和要求,分管领导,主要责任单位,相关单位",
            "1-001,改革,项目甲,内容甲,顾晓东、岳智宏,发改委、工信局,\"工信局，财政局、各镇（区）\"",
            "1-002,改革,项目乙,内容乙,顾晓东,财政局,",
        ])
        let master = try MasterSource.load(path)
        XCTAssertEqual(master.taskCount, 2)
        let first = master.tables[0].tasks[0]
        XCTAssertEqual(first.leaders, ["顾晓东", "岳智宏"])
        XCTAssertEqual(first.primaryUnits, ["发改委", "工信局"])
        XCTAssertEqual(first.relatedUnits, ["财政局"], "a primary unit is not also related; a generic phrase names nobody")
        XCTAssertEqual(master.units.map(\.name), ["发改委", "工信局", "财政局"])
    }

    func testATaskIdTwiceIsAnErrorNamingTheLine() throws {
        let path = try csv("重复.csv", [
            "编号,项目,主要责任单位",
            "1-001,项目甲,发改委",
            "1-002,项目乙,财政局",
            "1-001,项目丙,工信局",
        ])
        XCTAssertThrowsError(try MasterSource.load(path)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("重复.csv") && text.contains("1-001 appears twice") && text.contains("4"), text)
        }
    }

    /// A master saved as .xls (by LibreOffice here, as an office with old Excel would) loads
    /// like the .xlsx `import` wrote: the reader is chosen by content, the master code is one.
    func testMasterKeptAsLegacyXlsLoadsLikeItsXlsx() throws {
        let xlsx = folder.appendingPathComponent("任务总表.xlsx")
        let imported = try runTool(["import", Repository.seed.path, "-o", xlsx.path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let converted = try LibreOffice.convert([xlsx], to: "xls", into: folder)
        XCTAssertEqual(converted.status, 0, converted.stderr)
        let fromXlsx = try MasterSource.load(xlsx.path)
        let fromXls = try MasterSource.load(folder.appendingPathComponent("任务总表.xls").path)
        XCTAssertEqual(fromXls.taskCount, 182)
        XCTAssertEqual(fromXls.tables.map(\.name), fromXlsx.tables.map(\.name))
        XCTAssertEqual(fromXls.tables.flatMap(\.tasks), fromXlsx.tables.flatMap(\.tasks))
        XCTAssertEqual(fromXls.units.map(\.name), fromXlsx.units.map(\.name))
    }
}
