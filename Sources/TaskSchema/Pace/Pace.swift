import Foundation

/// 序时进度: the share of a plan's span that has passed, and how a task stands against it.
/// Counted in months, each month in proportion to its days, so that the end of November of an
/// annual plan is 11/12 = 91.7 %, as the published bulletins count it.
public struct PlanSpan: Sendable, Hashable {
    public var start: CalendarDay
    public var end: CalendarDay

    public init?(start: CalendarDay, end: CalendarDay) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    /// The year a title names ("关于分解落实2020年政府各项主要工作任务的通知" → 2020), as a whole year.
    public static func year(in title: String) -> PlanSpan? {
        let scalars = Array(title.unicodeScalars)
        for index in scalars.indices where index + 4 < scalars.count && scalars[index + 4] == "年" {
            let digits = String(String.UnicodeScalarView(scalars[index..<index + 4]))
            if let year = Int(digits), (1990...2100).contains(year), index == 0 || !CharacterSet.decimalDigits.contains(scalars[index - 1]) {
                return PlanSpan(start: CalendarDay(year: year, month: 1, day: 1)!, end: CalendarDay(year: year, month: 12, day: 31)!)
            }
        }
        return nil
    }

    /// The expected percent on `day` for a task that ends on `deadline` (else the plan's end):
    /// 0 before the start, 100 from the end on.
    public func expectedPercent(on day: CalendarDay, deadline: CalendarDay? = nil) -> Double {
        let finish = max(deadline ?? end, start)
        let whole = Self.months(to: finish, inclusive: true) - Self.months(to: start, inclusive: false)
        let passed = Self.months(to: day, inclusive: true) - Self.months(to: start, inclusive: false)
        guard whole > 0 else { return day >= finish ? 100 : 0 }
        return min(100, max(0, passed / whole * 100))
    }

    /// Months since year 0 up to the start (`inclusive` false) or the end of `day`.
    static func months(to day: CalendarDay, inclusive: Bool) -> Double {
        let days = Double(CalendarDay.days(inMonth: day.month, of: day.year))
        return Double(day.year * 12 + day.month - 1) + Double(inclusive ? day.day : day.day - 1) / days
    }
}

/// How a reported task stands against 序时进度.
public enum PaceClass: String, Sendable, Encodable, CaseIterable {
    case ahead, onPace = "on-pace", behind
    public var chinese: String {
        switch self {
        case .ahead: return "超序时"
        case .onPace: return "序时"
        case .behind: return "滞后于序时"
        }
    }

    /// Within `tolerance` points of the expected percent is on pace.
    public static func of(percent: Double, expected: Double, tolerance: Double) -> PaceClass {
        if percent > expected + tolerance { return .ahead }
        if percent >= expected - tolerance { return .onPace }
        return .behind
    }
}

/// The supervision platforms' lights, for a task some unit reported on: 红 past its deadline and
/// not done, 黄 behind 序时 (or reported 滞后), 蓝 its deadline within the warning days, else 绿.
/// A task nobody reported on lights nothing: it is 未报送, whatever its deadline, so the five
/// counts add up to the tasks and no light is guessed for a report that is not there.
public enum Light: String, Sendable, Encodable, CaseIterable {
    case red, yellow, blue, green, unreported
    /// The 督办 column's word.
    public var chinese: String {
        switch self {
        case .red: return "红"
        case .yellow: return "黄"
        case .blue: return "蓝"
        case .green: return "绿"
        case .unreported: return "未报"
        }
    }
    /// As counted in 汇总, the bulletin and the page: 红灯 … 绿灯, 未报送.
    public var label: String { self == .unreported ? "未报送" : chinese + "灯" }
    /// Fill and font colours in the report.
    var colours: (fill: UInt32, font: UInt32) {
        switch self {
        case .red: return (0xFF9999, 0x9C0006)
        case .yellow: return (0xFFEB84, 0x7F6000)
        case .blue: return (0x9BC2E6, 0x1F4E78)
        case .green: return (0xA9D08E, 0x375623)
        case .unreported: return (0xD9D9D9, 0x404040)
        }
    }
}

/// A task on the round's day: its expected percent, its class (when reported) and its light.
public struct TaskStanding: Sendable, Encodable, Equatable {
    public var expected: Double
    public var pace: PaceClass?
    public var light: Light

    /// `percent` and `status`: the task's combined report (nil when no unit reported).
    /// `done`: the status that means finished (已完成); `late`: the status that means behind (滞后).
    public static func of(deadline: CalendarDay?, span: PlanSpan, on day: CalendarDay, percent: Double?, status: String?,
                          reported: Bool, done: String?, late: String?, rules: ReportTemplate.Pace) -> TaskStanding {
        let expected = span.expectedPercent(on: day, deadline: deadline)
        let pace = percent.map { PaceClass.of(percent: $0, expected: expected, tolerance: rules.tolerance) }
        let finished = status != nil && status == done || (percent ?? 0) >= 100
        let finish = deadline ?? span.end
        let light: Light
        if !reported {
            light = .unreported
        } else if !finished && day > finish {
            light = .red
        } else if !finished && (pace == .behind || (status != nil && status == late)) {
            light = .yellow
        } else if !finished && finish.ordinal - day.ordinal <= rules.warningDays {
            light = .blue
        } else {
            light = .green
        }
        return TaskStanding(expected: expected, pace: pace, light: light)
    }
}
