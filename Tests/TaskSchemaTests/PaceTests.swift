import Foundation
import TaskSchema
import XCTest

/// 序时进度 and the lights on hand-computed cases.
final class PaceTests: XCTestCase {
    func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }
    lazy var year2020 = PlanSpan(start: day("2020-01-01"), end: day("2020-12-31"))!

    func testExpectedProgressCountsMonths() {
        XCTAssertEqual(year2020.expectedPercent(on: day("2020-11-30")), 100 * 11 / 12, accuracy: 1e-9, "91.7 % at the end of November")
        XCTAssertEqual(year2020.expectedPercent(on: day("2020-07-10")), 100 * (6 + 10.0 / 31) / 12, accuracy: 1e-9)
        XCTAssertEqual(year2020.expectedPercent(on: day("2020-02-29")), 100 * 2.0 / 12, accuracy: 1e-9, "a leap February counts whole")
        XCTAssertEqual(year2020.expectedPercent(on: day("2019-12-31")), 0)
        XCTAssertEqual(year2020.expectedPercent(on: day("2021-03-01")), 100)
        // A plan of its own (March to August), and a task due at the end of June in the annual plan.
        let summer = PlanSpan(start: day("2020-03-01"), end: day("2020-08-31"))!
        XCTAssertEqual(summer.expectedPercent(on: day("2020-05-31")), 50, accuracy: 1e-9)
        XCTAssertEqual(year2020.expectedPercent(on: day("2020-05-31"), deadline: day("2020-06-30")), 100 * 5.0 / 6, accuracy: 1e-9)
        XCTAssertNil(PlanSpan(start: day("2020-05-01"), end: day("2020-04-30")))
    }

    func testThePlanYearComesFromTheTitle() {
        XCTAssertEqual(PlanSpan.year(in: "关于分解落实2020年政府各项主要工作任务的通知"), year2020)
        XCTAssertNil(PlanSpan.year(in: "关于分解落实政府各项主要工作任务的通知"))
        XCTAssertNil(PlanSpan.year(in: "第12020年"), "five digits are not a year")
    }

    func testDeadlinesAsDocumentsWriteThem() {
        let cases: [(String, String?)] = [
            ("2020年6月底前", "2020-06-30"), ("6月底", "2020-06-30"), ("年底前", "2020-12-31"), ("第三季度", "2020-09-30"),
            ("上半年", "2020-06-30"), ("2020-10-15", "2020-10-15"), ("2020年9月15日", "2020-09-15"), ("2021年", "2021-12-31"),
            ("２０２０年６月", "2020-06-30"), ("9月中旬", "2020-09-20"), ("2月底", "2020-02-29"), ("长期坚持", nil), ("", nil),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(DeadlineText.parse(text, planYear: 2020)?.iso, expected, text)
        }
    }

    func testClassesAndLights() {
        XCTAssertEqual(PaceClass.of(percent: 56, expected: 50, tolerance: 5), .ahead)
        XCTAssertEqual(PaceClass.of(percent: 55, expected: 50, tolerance: 5), .onPace)
        XCTAssertEqual(PaceClass.of(percent: 45, expected: 50, tolerance: 5), .onPace)
        XCTAssertEqual(PaceClass.of(percent: 44.9, expected: 50, tolerance: 5), .behind)
        let rules = ReportTemplate.Pace()
        func light(_ deadline: String?, _ percent: Double?, _ status: String?, reported: Bool = true, on: String = "2020-07-10") -> Light {
            TaskStanding.of(deadline: deadline.map(day), span: year2020, on: day(on), percent: percent, status: status, reported: reported,
                            done: "已完成", late: "滞后", rules: rules).light
        }
        XCTAssertEqual(light("2020-06-30", 60, "序时推进"), .red, "past its deadline, not done")
        XCTAssertEqual(light("2020-06-30", 100, "已完成"), .green, "done is done, late or not")
        XCTAssertEqual(light(nil, 40, "序时推进"), .yellow, "behind 52.7 % by more than 5 points")
        XCTAssertEqual(light(nil, 70, "滞后"), .yellow, "reported 滞后")
        XCTAssertEqual(light(nil, nil, nil, reported: false), .unreported, "nothing reported: no light is guessed")
        XCTAssertEqual(light("2020-06-30", nil, nil, reported: false), .unreported, "nor past its deadline")
        XCTAssertEqual(light(nil, nil, nil, reported: false, on: "2020-01-05"), .unreported, "nor early in the year")
        XCTAssertEqual(light("2020-07-20", 96, "序时推进"), .blue, "on pace, due in 10 days")
        XCTAssertEqual(light("2020-07-30", 96, "序时推进"), .green, "due in 20 days: outside the 15 warning days")
        XCTAssertEqual(light(nil, 50, "序时推进"), .green)
    }
}
