import Foundation

/// Excel serial day numbers.
public enum ExcelDate {
    public static func components(_ serial: Double, date1904: Bool) -> DateComponents {
        var days = serial.rounded(.down)
        let seconds = Int(((serial - days) * 86_400).rounded())
        if date1904 {
            days += 1_462
        } else if days < 61 {
            // Serials 1–59 are 1900-01-01 … 1900-02-28; 60 is the phantom 1900-02-29.
            days += 1
        }
        // Day 0 of the (corrected) 1900 system is 1899-12-30.
        let julian = Int(days) + 2_415_019
        let (year, month, day) = civilDate(julianDay: julian)
        return DateComponents(year: year, month: month, day: day, hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60)
    }

    /// Julian day number → proleptic Gregorian (year, month, day).
    static func civilDate(julianDay: Int) -> (Int, Int, Int) {
        let a = julianDay + 32_044
        let b = (4 * a + 3) / 146_097
        let c = a - 146_097 * b / 4
        let d = (4 * c + 3) / 1_461
        let e = c - 1_461 * d / 4
        let m = (5 * e + 2) / 153
        return (100 * b + d - 4_800 + m / 10, m + 3 - 12 * (m / 10), e - (153 * m + 2) / 5 + 1)
    }

    /// The serial of a calendar date in the workbook's date system.
    public static func serial(year: Int, month: Int, day: Int, date1904: Bool) -> Double {
        // Julian day number of the civil date, then the serial.
        let a = (14 - month) / 12, y = year + 4_800 - a, m = month + 12 * a - 3
        let julian = day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32_045
        var days = Double(julian - 2_415_019)
        if date1904 {
            days -= 1_462
        } else if days < 61 {
            days -= 1  // before the phantom 1900-02-29
        }
        return days
    }

    /// The serial of "2020-06-30", "2020-06-30 14:30:00" or "14:30:00" (a time alone is a
    /// fraction of a day), or nil if the text is not one of these.
    public static func serial(fromISO text: String, date1904: Bool) -> Double? {
        let parts = text.split(separator: " ")
        var serial = 0.0
        var timePart: Substring? = nil
        if let first = parts.first, first.contains("-") {
            let ymd = first.split(separator: "-").compactMap { Int($0) }
            guard ymd.count == 3, (1...12).contains(ymd[1]), (1...31).contains(ymd[2]) else { return nil }
            serial = self.serial(year: ymd[0], month: ymd[1], day: ymd[2], date1904: date1904)
            timePart = parts.count > 1 ? parts[1] : nil
        } else {
            timePart = parts.first
        }
        if let time = timePart {
            let hms = time.split(separator: ":").compactMap { Double($0) }
            guard (2...3).contains(hms.count) else { return nil }
            serial += (hms[0] * 3_600 + hms[1] * 60 + (hms.count == 3 ? hms[2] : 0)) / 86_400
        }
        return serial
    }

    /// "2020-06-30" (and " 14:30" when there is a time of day).
    public static func text(_ serial: Double, date1904: Bool) -> String {
        let c = components(serial, date1904: date1904)
        let date = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        if c.hour! == 0 && c.minute! == 0 && c.second! == 0 { return date }
        return date + String(format: " %02d:%02d", c.hour!, c.minute!)
    }
}
