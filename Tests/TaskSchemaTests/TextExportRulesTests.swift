import TaskSchema
import XCTest

/// One small fixture per rule of the text-export encoding. "→" in the comments is a TAB.
final class TextExportRulesTests: XCTestCase {
    private let header = "\t门类\n\t项  目\n\t内    容    和    要    求\n\t分管领导\n\t主要责任单位\n\t相关单位\n\n"

    private func parse(_ text: String) throws -> Master {
        MasterAssembler.assemble(try TextExportReader(path: "fixture.txt").parse(text))
    }

    private func row(_ cells: [String]) -> String { cells.map { "\t" + $0 }.joined(separator: "\n") + "\n\n" }

    func testCellsStartWithATabAndFollowingLinesContinueTheCell() throws {
        let master = try parse(header + row(["综合指标", "地区生产总值", "增长6%左右\n第二段", "顾晓东\n岳智宏", "发改委", ""]))
        let task = try XCTUnwrap(master.tables.first?.tasks.first)
        XCTAssertEqual(task.cells[2], "增长6%左右\n第二段")
        XCTAssertEqual(task.leaders, ["顾晓东", "岳智宏"])
    }

    func testBlankLineInsideARowIsAnEmptyParagraphNotARowEnd() throws {
        // →门类 →项目 (blank line) →内容 … : the blank line belongs to the 项目 cell.
        let text = header + "\t综合指标\n\t就业创业\n\n\t内容\n\t顾晓东\n\t发改委\n\t\n\n"
        let master = try parse(text)
        XCTAssertEqual(master.taskCount, 1)
        XCTAssertEqual(master.tables[0].tasks[0].cells[1], "就业创业")
        XCTAssertEqual(master.tables[0].tasks[0].cells[2], "内容")
    }

    func testTheFilesLastRowMayLackItsLastCell() throws {
        let text = header + row(["综合指标", "甲", "内容一", "顾晓东", "发改委", ""]) + "\t\n\t乙\n\t内容二\n\t韩  飚\n\t住建局\n "
        let master = try parse(text)
        XCTAssertEqual(master.taskCount, 2)
        XCTAssertEqual(master.tables[0].tasks[1].primaryUnits, ["住建局"])
        XCTAssertEqual(master.tables[0].tasks[1].leaders, ["韩飚"])
    }

    func testHeaderRecognisedAfterRemovingSpacesAndRepeatedHeaderIsSkipped() throws {
        let text = header + row(["综合指标", "甲", "内容一", "顾晓东", "发改委", ""]) + header
            + row(["", "乙", "内容二", "", "", ""])
        let master = try parse(text)
        XCTAssertEqual(master.tables.count, 1, "an identical header after a page break continues the table")
        XCTAssertEqual(master.tables[0].columns.map(\.name), ["门类", "项目", "内容和要求", "分管领导", "主要责任单位", "相关单位"])
        XCTAssertEqual(master.tables[0].columns.map(\.role), [.category, .project, .content, .leaders, .primaryUnits, .relatedUnits])
        XCTAssertEqual(master.taskCount, 2)
        XCTAssertEqual(master.tables[0].tasks[1].cells[0], "综合指标", "the merged category continues across the repeated header")
    }

    func testADifferentHeaderStartsANewTableNamedByTheTitleBeforeIt() throws {
        let second = "\t序号\n\t工程名称\n\t主要建设内容\n\t2020年工作任务\n\t分管领导\n\t主要责任单位\n\n"
        let text = "附件1\n\n主要工作分解落实表\n" + header + row(["综合指标", "甲", "内容一", "顾晓东", "发改委", ""])
            + "\n附件2\n\n\n实事工程情况表\n" + second + row(["1", "工程甲", "建设内容", "完成", "赵建初", "水务局"])
        let master = try parse(text)
        XCTAssertEqual(master.tables.map(\.name), ["主要工作分解落实表", "实事工程情况表"])
        XCTAssertEqual(master.tables[1].columns.map(\.name), ["序号", "工程名称", "主要建设内容", "2020年工作任务", "分管领导", "主要责任单位"])
        XCTAssertNil(master.tables[1].columns[3].role, "a column with no known role is kept as it is")
        XCTAssertEqual(master.tables.map { $0.tasks.map(\.id) }, [["1-001"], ["2-001"]])
    }

    func testProseBeforeBetweenAndAfterTablesIsNotARow() throws {
        let text = "太政发〔2020〕9号\n\n关于分解落实2020年政府\n各项主要工作任务的通知\n\n各镇人民政府：\n正文一段。\n\n表题\n"
            + header + row(["综合指标", "甲", "内容一", "顾晓东", "发改委", ""]) + "\n落款文字\n2020年3月1日\n"
        let master = try parse(text)
        XCTAssertEqual(master.taskCount, 1)
        XCTAssertEqual(master.documentNumber, "太政发〔2020〕9号")
        XCTAssertEqual(master.title, "关于分解落实2020年政府各项主要工作任务的通知")
        XCTAssertEqual(master.tables[0].name, "表题")
    }

    func testEmptyCellInAContinuationRowTakesTheValueAbove() throws {
        let text = header + row(["坚持项目为王", "扩大有效投入", "内容一", "顾晓东\n岳智宏", "发改委", "各有关镇（区）\n有关部门"])
            + row(["", "", "内容二", "", "", ""]) + row(["", "", "内容三", "许超震", "工信局", ""])
        let tasks = try parse(text).tables[0].tasks
        XCTAssertEqual(tasks[1].cells[0], "坚持项目为王")
        XCTAssertEqual(tasks[1].cells[1], "扩大有效投入")
        XCTAssertEqual(tasks[1].leaders, ["顾晓东", "岳智宏"])
        XCTAssertEqual(tasks[1].primaryUnits, ["发改委"])
        XCTAssertEqual(tasks[2].leaders, ["许超震"])
        XCTAssertEqual(tasks[2].primaryUnits, ["工信局"])
        XCTAssertEqual(tasks[2].cells[5], "各有关镇（区）有关部门")
    }

    func testBookmarkMarkersAreRemoved() throws {
        let text = "[bookmark: OLE_LINK1]关于印发的通知\n\n" + header
            + row(["综合指标", "[bookmark: baidusnap5]地区生产总值", "内容", "顾晓东", "发改委", ""])
        let master = try parse(text)
        XCTAssertEqual(master.title, "关于印发的通知")
        XCTAssertEqual(master.tables[0].tasks[0].cells[1], "地区生产总值")
    }

    func testSynonymHeadersAreRecognised() {
        XCTAssertEqual(ColumnRole.recognise("编号"), .sequence)
        XCTAssertEqual(ColumnRole.recognise("分  类"), .category)
        XCTAssertEqual(ColumnRole.recognise("类别"), .category)
        XCTAssertEqual(ColumnRole.recognise("工程名称"), .project)
        XCTAssertEqual(ColumnRole.recognise("重点任务"), .project)
        XCTAssertEqual(ColumnRole.recognise("主要建设内容"), .content)
        XCTAssertEqual(ColumnRole.recognise("具体内容"), .content)
        XCTAssertEqual(ColumnRole.recognise("责任领导"), .leaders)
        XCTAssertEqual(ColumnRole.recognise("牵头领导"), .leaders)
        XCTAssertEqual(ColumnRole.recognise("牵头单位"), .primaryUnits)
        XCTAssertEqual(ColumnRole.recognise("责任单位"), .primaryUnits)
        XCTAssertEqual(ColumnRole.recognise("配合单位"), .relatedUnits)
        XCTAssertEqual(ColumnRole.recognise("协办单位"), .relatedUnits)
        XCTAssertEqual(ColumnRole.recognise("时间节点"), .deadline)
        XCTAssertNil(ColumnRole.recognise("2020年工作任务"))
    }

    func testNameListsSplitOnEveryWrittenSeparatorAndLoseAllSpaces() {
        XCTAssertEqual(NameList(lines: ["发改委、工信局，商务局,科技局；招商局/财政局;审计局"]).names,
                       ["发改委", "工信局", "商务局", "科技局", "招商局", "财政局", "审计局"])
        XCTAssertEqual(NameList(lines: ["邵  建", "胡　捷", "编  办"]).names, ["邵建", "胡捷", "编办"])
        XCTAssertEqual(NameList(lines: ["发改委", "发改委"]).names, ["发改委"], "a name listed twice counts once")
    }

    func testGenericPhrasesAreKeptAsTextButAreNotUnits() {
        let wrapped = NameList(lines: ["各有关镇（区）", "有关部门"])
        XCTAssertEqual(wrapped.names, [])
        XCTAssertEqual(wrapped.displayText, "各有关镇（区）有关部门")
        XCTAssertEqual(NameList(lines: ["各镇（区）有关部门"]).names, [])
        let listed = NameList(lines: ["各镇（区）、各有关部门"])
        XCTAssertEqual(listed.names, [])
        XCTAssertEqual(listed.displayText, "各镇（区）、各有关部门")
        let mixed = NameList(lines: ["财政局", "各有关镇（区）", "有关部门"])
        XCTAssertEqual(mixed.names, ["财政局"])
        XCTAssertEqual(mixed.phrases, ["各有关镇（区）有关部门"])
        XCTAssertEqual(mixed.displayText, "财政局、各有关镇（区）有关部门")
    }

    func testSpecificRelatedUnitsAreRecordedApartFromPrimaryOnes() throws {
        let text = header + row(["综合指标", "甲", "内容", "顾晓东", "发改委", "财政局\n各有关镇（区）\n有关部门\n发改委"])
        let task = try XCTUnwrap(try parse(text).tables.first?.tasks.first)
        XCTAssertEqual(task.relatedUnits, ["财政局"], "the primary unit is not also a related unit")
        XCTAssertEqual(task.cells[5], "财政局、各有关镇（区）有关部门、发改委")
    }

    func testStrayCharactersBeforeCategoriesAreCorrectedAndReported() throws {
        let text = header
            + row(["综合指标", "甲", "内容1", "顾晓东", "发改委", ""])
            + row(["坚持项目为王，全力促进", "乙", "内容2", "", "", ""])
            + row(["坚持创新为核，全力增强", "丙", "内容3", "", "", ""])
            + row(["我坚持改革为要，全力构筑", "丁", "内容4", "", "", ""])
            + row(["j坚持改革为要，全力构筑", "戊", "内容5", "", "", ""])
            + row(["加坚持民生为本，全力增进", "己", "内容6", "", "", ""])
            + row(["x坚持创新为核，全力增强", "庚", "内容7", "", "", ""])
        let master = try parse(text)
        let categories = master.tables[0].tasks.map { $0.cells[0] }
        XCTAssertEqual(categories, ["综合指标", "坚持项目为王，全力促进", "坚持创新为核，全力增强", "坚持改革为要，全力构筑",
                                    "坚持改革为要，全力构筑", "坚持民生为本，全力增进", "坚持创新为核，全力增强"])
        let corrected = master.warnings.filter { $0.kind == .corrected }
        XCTAssertEqual(corrected.count, 4)
        XCTAssertTrue(corrected.contains { $0.message.contains("\"我坚持改革为要，全力构筑\" corrected to \"坚持改革为要，全力构筑\"") })
        XCTAssertTrue(corrected.contains { $0.message.contains("\"x坚持创新为核，全力增强\" corrected to \"坚持创新为核，全力增强\"") })
    }

    func testValuesThatOnlyLookAlikeAreReportedAndLeftUnchanged() throws {
        let text = header
            + row(["坚持生态为先", "铁腕推进污染治理", "内容1", "顾晓东", "发改委", ""])
            + row(["", "铁腕推进污染防治", "内容2", "", "", ""])
        let master = try parse(text)
        XCTAssertEqual(master.tables[0].tasks.map { $0.cells[1] }, ["铁腕推进污染治理", "铁腕推进污染防治"])
        XCTAssertEqual(master.warnings.filter { $0.kind == .lookalike }.count, 1)
        XCTAssertTrue(master.warnings[0].message.contains("铁腕推进污染治理"))
    }
}
