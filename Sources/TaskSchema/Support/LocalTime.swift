import Foundation

/// Every time the tool stores or shows is the office's local time (the zone from TZ): stored as
/// ISO 8601 with its offset (`2020-04-08T10:00:00+08:00`), shown to people as `2020-04-08 10:00`.
/// Times written by earlier versions in UTC (`…Z`) are read the same way.
public enum LocalTime {
    public static func iso(_ date: Date = Date()) -> String { formatter("yyyy-MM-dd'T'HH:mm:ssxxxxx").string(from: date) }

    public static func shown(_ date: Date) -> String { formatter("yyyy-MM-dd HH:mm").string(from: date) }

    /// A stored time, in the local zone, for people; the text itself when it is not a time.
    public static func shown(iso text: String) -> String { parse(text).map(shown) ?? text }

    public static func parse(_ text: String) -> Date? {
        let reader = ISO8601DateFormatter()
        reader.formatOptions = [.withInternetDateTime]
        return reader.date(from: text)
    }

    /// The local calendar day of a time.
    public static func day(_ date: Date) -> CalendarDay {
        let parts = Calendar.current.dateComponents(in: TimeZone.current, from: date)
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The local calendar day of a stored time (nil when it is not one).
    public static func day(iso text: String) -> CalendarDay? { parse(text).map(day) }

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = format
        return formatter
    }
}
