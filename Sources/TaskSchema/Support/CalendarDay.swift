import Foundation
import WorkbookIO

/// A date without a time or zone: a round's due date, a plan's start and end.
public struct CalendarDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...CalendarDay.days(inMonth: month, of: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// "2020-07-10" (also "2020/7/10").
    public init?(iso text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day of a 1900-system serial (a 填报日期 as the merge keeps it).
    public init?(serial: Double) {
        let parts = ExcelDate.components(serial, date1904: false)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
    /// "2020年7月10日", as official documents write dates.
    public var chinese: String { "\(year)年\(month)月\(day)日" }
    public var description: String { iso }

    /// Days since 1904-01-01 (the 1904 date system has no phantom leap day), for differences.
    public var ordinal: Int { Int(ExcelDate.serial(year: year, month: month, day: day, date1904: true)) }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.ordinal < b.ordinal }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
