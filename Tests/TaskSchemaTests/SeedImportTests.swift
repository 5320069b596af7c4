import Foundation
import TaskSchema
import TestSupport
import XCTest

/// The real document: 太政发〔2020〕9号, two tables, vertically merged cells, stray characters.
final class SeedImportTests: XCTestCase {
    static let master = Result { try DocumentImporter.importMaster(from: Repository.seed.path) }
    var master: Master { get throws { try SeedImportTests.master.get() } }

    func testTotals() throws {
        let master = try master
        XCTAssertEqual(master.documentNumber, "太政发〔2020〕9号")
        XCTAssertEqual(master.title, "关于分解落实2020年政府各项主要工作任务的通知")
        XCTAssertEqual(master.taskCount, 182)
        XCTAssertEqual(master.tables.map(\.name), ["2020年政府各项主要工作分解落实表", "2020年政府实事工程情况表"])
        XCTAssertEqual(master.tables.map(\.tasks.count), [160, 22])
        XCTAssertEqual(master.units.count, 53)
        XCTAssertEqual(master.units.reduce(0) { $0 + $1.tasks }, 313, "(task, unit) pairs")
        XCTAssertEqual(master.leaders.map(\.name).sorted(),
                       ["冯晋", "岳智宏", "许超震", "邵建", "韩飚", "顾建康", "顾晓东", "赵建初", "胡捷", "汪香元"].sorted())
        let ids = master.allTasks.map(\.id)
        XCTAssertEqual(Set(ids).count, 182, "ids are unique")
        XCTAssertEqual(ids.first, "1-001")
        XCTAssertEqual(ids.last, "2-022")
    }

    func testCategories() throws {
        let master = try master
        let first = Set(master.tables[0].tasks.map { $0.cells[0] })
        XCTAssertEqual(first.count, 9)
        XCTAssertTrue(first.contains("综合指标"))
        XCTAssertEqual(first.filter { $0.hasPrefix("坚持") }.count, 8)
        XCTAssertEqual(Set(master.tables[1].tasks.map { $0.cells[1] }),
                       ["教育文化", "医疗卫生", "就业创业及社会保障", "健康养老", "公共交通", "城市管理", "生态环境", "公共服务和配套"])
    }

    func testIndividualTasksFieldByField() throws {
        let master = try master
        let byID = Dictionary(uniqueKeysWithValues: master.allTasks.map { ($0.id, $0) })
        let first = try XCTUnwrap(byID["1-001"])
        XCTAssertEqual(first.cells, ["综合指标", "地区生产总值", "增长6%左右", "顾晓东、岳智宏", "发改委", "各镇（区）有关部门"])
        XCTAssertEqual(first.leaders, ["顾晓东", "岳智宏"])
        XCTAssertEqual(first.relatedUnits, [])

        // A continuation row: category, project, leaders and units come from the merged cells above.
        let merged = try XCTUnwrap(master.tables[0].tasks.first { $0.cells[2].hasPrefix("建成投用中欧先进制造产业园二期") })
        XCTAssertEqual(merged.cells[0], "坚持项目为王，全力促进经济发展高质量")
        XCTAssertEqual(merged.cells[1], "扩大有效投入")
        XCTAssertEqual(merged.leaders, ["顾晓东", "岳智宏"])
        XCTAssertEqual(merged.primaryUnits, ["发改委"])

        let spaced = try XCTUnwrap(master.tables[0].tasks.first { $0.cells[2].hasPrefix("实施中集、克恩—里伯斯等55个重大技改项目") })
        XCTAssertEqual(spaced.leaders, ["许超震", "邵建"])
        XCTAssertEqual(spaced.primaryUnits, ["工信局"])

        let many = try XCTUnwrap(master.tables[0].tasks.first { $0.cells[2].hasPrefix("突出“用户思维”和“客户体验”") })
        XCTAssertEqual(many.primaryUnits, ["发改委", "司法局", "商务局", "行政审批局", "市场监管局", "招商局"])
        XCTAssertEqual(many.leaders, ["顾晓东", "许超震", "胡捷", "冯晋", "岳智宏"])

        // A corrected category: the source says "我坚持改革为要…".
        let reform = try XCTUnwrap(master.tables[0].tasks.first { $0.sourceLine == 373 })
        XCTAssertEqual(reform.cells[0], "坚持改革为要，全力构筑开发开放大格局")

        let project = try XCTUnwrap(byID["2-001"])
        XCTAssertEqual(project.cells[0], "1")
        XCTAssertEqual(project.cells[1], "教育文化", "a category written one part per line joins up")
        XCTAssertEqual(project.cells[2], "教育基础设施提升工程")
        XCTAssertEqual(project.cells[5], "顾建康")
        XCTAssertEqual(project.primaryUnits, ["教育局"])
        XCTAssertEqual(project.cells[7], "各有关镇（区）有关部门")

        let joint = try XCTUnwrap(byID["2-017"])
        XCTAssertEqual(joint.cells[2], "美丽宜居乡村建设项目")
        XCTAssertEqual(joint.primaryUnits, ["住建局", "农业农村局"])
        XCTAssertEqual(joint.leaders, ["赵建初", "韩飚"])

        let last = try XCTUnwrap(byID["2-022"])
        XCTAssertEqual(last.cells[2], "餐饮场所燃气安全保障项目")
        XCTAssertEqual(last.primaryUnits, ["住建局"])
        XCTAssertEqual(last.cells[7], "各有关镇（区）有关部门", "the missing last cell is a merged cell")
    }

    func testWarnings() throws {
        let warnings = try master.warnings
        XCTAssertEqual(warnings.filter { $0.kind == .corrected }.count, 11)
        XCTAssertEqual(warnings.filter { $0.kind == .lookalike }.map(\.message),
                       ["2020年政府各项主要工作分解落实表, 项目: \"铁腕推进污染治理\" and \"铁腕推进污染防治\" look alike; left unchanged"])
    }

    func testMasterWorkbookReadsBackEqualInOpenpyxl() throws {
        let master = try master
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("master.xlsx")
        try MasterWorkbook.write(master, to: file)
        let book = try Openpyxl.inspect(file)
        XCTAssertEqual(book.sheets.map(\.title), ["2020年政府各项主要工作分解落实表", "2020年政府实事工程情况表", "责任单位", "分管领导"])
        for (table, sheet) in zip(master.tables, book.sheets) {
            XCTAssertEqual(sheet.rows.count, table.tasks.count + 1)
            XCTAssertEqual(sheet.rows[0].map(\.text), ["编号"] + table.columns.map(\.name))
            for (index, task) in table.tasks.enumerated() {
                XCTAssertEqual(sheet.rows[index + 1].map(\.text), [task.id] + task.cells, "row of \(task.id)")
            }
            XCTAssertEqual(sheet.freeze, "B2")
            XCTAssertNotNil(sheet.autofilter)
        }
        let units = try XCTUnwrap(book.sheet("责任单位"))
        XCTAssertEqual(units.rows.count, 54)
        XCTAssertEqual(units.rows[1].map(\.text), ["1", "发改委", "37", "0"])
        XCTAssertEqual(book.custom["xlsx-tasks.kind"], "master")
        XCTAssertEqual(book.custom["xlsx-tasks.master"], Fingerprint.of(master: master))
    }
}
