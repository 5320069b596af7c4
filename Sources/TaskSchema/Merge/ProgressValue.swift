import Foundation
import WorkbookIO

/// A checked progress value, ready to merge.
public enum ReportedValue: Equatable, Sendable, Codable {
    case text(String)
    case number(Double)
    /// Days since 1899-12-30 (the 1900 system), whatever the source used.
    case date(Double)
}

/// A progress value as typed, checked against its template column.
extension ReportedValue {
    public var displayText: String {
        switch self {
        case .text(let text): return text
        case .number(let number): return NumberText.format(number)
        case .date(let serial): return ExcelDate.text(serial, date1904: false)
        }
    }
}

enum ProgressValue {
    enum Outcome: Equatable {
        case empty
        case valid(Reported)
        /// Unusable; the reason in English and in Chinese.
        case invalid(String, String)
    }

    typealias Reported = ReportedValue

    /// `numberFormatsKnown` is false for legacy .xls files, whose reader cannot tell 0.8 typed
    /// into a percentage cell (80%) from 0.8.
    static func check(_ value: CellValue?, column: ReportTemplate.Column, date1904: Bool, numberFormatsKnown: Bool = true) -> Outcome {
        guard let value else { return .empty }
        if case .text(let text) = value, Trim.isBlank(text) { return .empty }
        if case .image = value { return .invalid("an image in a cell; shown as [图片]", "单元格中是图片，显示为[图片]") }
        if case .error(let text) = value { return .invalid("an error value \(text)", "单元格为错误值 \(text)") }
        switch column.type {
        case .text:
            return .valid(.text(Trim.spaces(value.displayText(date1904: date1904))))
        case .percent:
            let range = "\(NumberText.format(column.minimum))–\(NumberText.format(column.maximum))"
            guard let number = percent(value) else {
                return .invalid("not a number; expected \(range)", "不是数字，应为 \(range) 之间的数字")
            }
            // 1.0 is 100% as often as 1%: until the format is known, no fraction up to 1 is guessed.
            if !numberFormatsKnown, case .number = value, number > 0, number <= 1 {
                let shown = NumberText.format(number * 100)
                return .invalid("\(NumberText.format(number)) may be \(shown)% (a legacy .xls does not say whether the cell is a percentage); check it",
                                "旧版 .xls 无法判断是否为百分比格式：\(NumberText.format(number)) 可能是 \(shown)%，请核实")
            }
            guard number >= column.minimum && number <= column.maximum else {
                return .invalid("out of range; expected \(range)", "超出范围，应为 \(range) 之间的数字")
            }
            return .valid(.number(number))
        case .choice:
            let text = NameList.clean(value.displayText(date1904: date1904))
            if let match = column.values.first(where: { TextKey.of($0) == TextKey.of(text) }) { return .valid(.text(match)) }
            let allowed = column.values.joined(separator: "、")
            return .invalid("not one of the allowed values (\(allowed))", "不是规定的选项（\(allowed)）")
        case .date:
            if case .date(let serial) = value { return .valid(.date(date1904 ? serial + 1_462 : serial)) }
            if case .text(let text) = value, let serial = DateText.serial(text) { return .valid(.date(serial)) }
            return .invalid("not a date; expected e.g. 2020-06-30", "不是日期，应填写如 2020-06-30")
        }
    }

    /// 80, "80", "80%", "８０％", 0.8 in a percentage-formatted cell → 80.
    static func percent(_ value: CellValue) -> Double? {
        switch value {
        case .number(let number): return rounded(number)
        case .percent(let fraction): return rounded(fraction * 100)
        case .text(let raw):
            // "80%" and "80" both mean 80: the column is already in percent.
            var text = TextKey.of(raw)
            if text.hasSuffix("%") { text.removeLast() }
            guard let number = Double(text), number.isFinite else { return nil }
            return rounded(number)
        default: return nil
        }
    }
}

extension ProgressValue {
    /// At most four decimals: 0.55 shown as 55% is stored as 0.55 and arrives as
    /// 55.00000000000001 once multiplied; what was typed is 55.
    static func rounded(_ number: Double) -> Double {
        guard abs(number) < 1e11 else { return number }
        return (number * 10_000).rounded() / 10_000
    }
}

/// Dates typed as text: 2020-06-30, 2020/6/30, 2020.6.30, 2020年6月30日.
enum DateText {
    static func serial(_ text: String) -> Double? {
        let key = TextKey.of(text).replacingOccurrences(of: "日", with: "")
        let parts = key.split(whereSeparator: { "-/.年月".contains($0) }).map(String.init)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return ExcelDate.serial(year: year, month: month, day: day, date1904: false)
    }
}

/// White-space trimming without Foundation's character-set machinery (hot in the merge).
enum Trim {
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(WhiteSpace.isSpace)
    }

    static func spaces(_ text: String) -> String {
        let scalars = text.unicodeScalars
        func blank(_ scalar: Unicode.Scalar) -> Bool { WhiteSpace.isSpace(scalar) }
        guard let first = scalars.first, let last = scalars.last, blank(first) || blank(last) else { return text }
        guard let start = scalars.firstIndex(where: { !blank($0) }), let end = scalars.lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(scalars[start...end])
    }
}
