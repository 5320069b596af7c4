@testable import TaskSchema
import XCTest

/// Running text we break ourselves (the notes under a table, the bulletin's paragraph) follows the
/// Chinese rules: no line starts with closing punctuation, none ends with an opening one, and a
/// number or a task id ("1-009") is never cut.
final class LineBreakingTests: XCTestCase {
    let closing = Set("、，。；：？！）》”’】%".unicodeScalars), opening = Set("（《“‘【".unicodeScalars)

    func check(_ text: String, widths: ClosedRange<Int>, file: StaticString = #filePath, line: UInt = #line) {
        for width in widths {
            let lines = RowHeight.wrapped(text, width: Double(width), fontSize: 12)
            XCTAssertEqual(lines.joined(), text, "width \(width): nothing lost", file: file, line: line)
            for (number, piece) in lines.enumerated() {
                if number > 0, let first = piece.unicodeScalars.first {
                    XCTAssertFalse(closing.contains(first), "width \(width): line starts with \(first): \(lines)", file: file, line: line)
                }
                if number < lines.count - 1, let last = piece.unicodeScalars.last {
                    XCTAssertFalse(opening.contains(last), "width \(width): line ends with \(last): \(lines)", file: file, line: line)
                }
            }
            for id in ["1-001", "1-004", "2020"] where text.contains(id) && width >= 20 {
                XCTAssertTrue(lines.contains { $0.contains(id) }, "width \(width): \(id) cut: \(lines)", file: file, line: line)
            }
        }
    }

    func testNoLineStartsWithClosingPunctuationNorEndsWithOpening() {
        check("53个责任单位中，30个单位按时报送，23个单位未报送（财政局、生态环境局、科技局、联动中心、市监委）。推进滞后的任务有110项，主要是发改委承担的“地区生产总值”（1-001）、工信局承担的“规上工业产值”（1-004）等，详见附表。",
              widths: 12...60)
    }
}
