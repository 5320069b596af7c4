import WorkbookIO
import XCTest

final class SheetNameTests: XCTestCase {
    func testForbiddenCharactersAreReplaced() {
        XCTAssertEqual(SheetName.make("a[b]c:d*e?f/g\\h"), "a_b_c_d_e_f_g_h")
    }

    func testLongNamesAreCutTo31Characters() {
        let name = SheetName.make(String(repeating: "表", count: 40))
        XCTAssertEqual(name.count, 31)
    }

    func testNamesAreUniqueWithoutRegardToCase() {
        XCTAssertEqual(SheetName.make("Data", avoiding: ["data"]), "Data (2)")
        XCTAssertEqual(SheetName.make("Data", avoiding: ["data", "Data (2)"]), "Data (3)")
        let long = String(repeating: "表", count: 31)
        let second = SheetName.make(long, avoiding: [long])
        XCTAssertEqual(second.count, 31)
        XCTAssertTrue(second.hasSuffix(" (2)"))
    }

    func testApostrophesAtTheEndsAndEmptyNames() {
        XCTAssertEqual(SheetName.make("'abc'"), "abc")
        XCTAssertEqual(SheetName.make("  "), "Sheet")
    }

    func testColumnNames() {
        XCTAssertEqual(CellReference.columnName(0), "A")
        XCTAssertEqual(CellReference.columnName(25), "Z")
        XCTAssertEqual(CellReference.columnName(26), "AA")
        XCTAssertEqual(CellReference.columnName(701), "ZZ")
        XCTAssertEqual(CellReference.columnName(702), "AAA")
        XCTAssertEqual(CellReference.absoluteRange(sheet: "it's", rows: 0...3, column: 1), "'it''s'!$B$1:$B$4")
    }
}
