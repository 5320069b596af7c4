import Foundation

/// A task's 完成时限 as documents write it, read as the day it ends: "2020年6月底前",
/// "2020年9月", "6月底", "年底前", "上半年", "第三季度", "2020-10-31". Texts that name no day
/// ("长期坚持", "持续推进") have none: the task runs to the end of the plan.
public enum DeadlineText {
    public static func parse(_ text: String, planYear: Int) -> CalendarDay? {
        let folded = text.applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? text
        let compact = folded.filter { !$0.isWhitespace }
        if let day = CalendarDay(iso: compact) { return day }
        let numbers = compact.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let hasYear = compact.contains("年") && (numbers.first.map { $0 >= 1900 } ?? false)
        let year = hasYear ? numbers[0] : planYear
        let rest = hasYear ? Array(numbers.dropFirst()) : numbers
        if compact.contains("月"), let month = rest.first, (1...12).contains(month) {
            if compact.contains("日"), rest.count > 1, let day = CalendarDay(year: year, month: month, day: rest[1]) { return day }
            if compact.contains("上旬") { return CalendarDay(year: year, month: month, day: 10) }
            if compact.contains("中旬") { return CalendarDay(year: year, month: month, day: 20) }
            return CalendarDay(year: year, month: month, day: CalendarDay.days(inMonth: month, of: year))
        }
        let quarters = ["一季度": 3, "二季度": 6, "三季度": 9, "四季度": 12, "1季度": 3, "2季度": 6, "3季度": 9, "4季度": 12]
        if let month = quarters.first(where: { compact.contains($0.key) })?.value {
            return CalendarDay(year: year, month: month, day: CalendarDay.days(inMonth: month, of: year))
        }
        if compact.contains("上半年") { return CalendarDay(year: year, month: 6, day: 30) }
        if compact.contains("年底") || compact.contains("年末") || compact.contains("下半年") || compact.contains("全年")
            || (hasYear && compact.hasSuffix("年") || hasYear && compact.hasSuffix("年前")) {
            return CalendarDay(year: year, month: 12, day: 31)
        }
        return nil
    }
}
