import Foundation

/// The fill-in form a unit receives, as described by a template file (Templates/xlsx/*.json):
/// the progress columns with their types and rules, the title pattern, the reporter block and
/// the instructions. One source of truth for column names and allowed values: the split writes
/// them, the merge reads and checks against them.
public struct ReportTemplate: Sendable, Hashable {
    public enum ColumnType: String, Sendable, CaseIterable { case text, percent, choice, date }

    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: ColumnType
        public var width: Double
        public var required: Bool
        /// Allowed values of a `choice` column, in the order shown in the dropdown.
        public var values: [String]
        /// The same values, worst first: when several units report on one task, the worst wins.
        public var severity: [String]
        /// For a `choice` column: the percentages each value allows ("已完成" → 100…100); a
        /// report whose percentage is outside is listed as inconsistent (its values are kept).
        public var percentRanges: [String: ClosedRange<Double>] = [:]
        /// For a `choice` column: values that need a text in another column (滞后 → 存在问题);
        /// without it the report is kept and listed as a warning.
        public var explain: [String: String] = [:]
        /// Range of a `percent` column.
        public var minimum: Double
        public var maximum: Double
        /// Shown when the cell is selected.
        public var prompt: String?
    }

    public struct ReporterField: Sendable, Hashable {
        public var label: String
        public var type: ColumnType
    }

    public var id: String
    public var name: String
    /// Placeholders {unit} {table} {period} {document}; a `[…]` part is dropped when a
    /// placeholder inside it is empty.
    public var title: String
    public var columns: [Column]
    public var reporter: [ReporterField]
    public var instructions: [String]
    public var style: Style = .standard
    public var pace = Pace()

    /// How tasks are judged against 序时进度 (the template's `pace` section).
    public struct Pace: Sendable, Hashable {
        /// Points either side of the expected percent that still count as 序时.
        public var tolerance: Double = 5
        /// A deadline this many days away (or nearer) lights 蓝.
        public var warningDays = 15
        public init() {}
    }

    /// The status that means finished: the one whose percent range is 100, else one named 已完成.
    /// The lights, 汇总, 单位排名 and the bulletin count 已完成 by it.
    public var doneStatus: String? {
        guard let choice = columns.first(where: { $0.type == .choice }) else { return nil }
        return choice.values.first { choice.percentRanges[$0] == 100...100 } ?? choice.values.first { $0 == "已完成" }
    }

    /// The template shipped in Templates/xlsx/progress-report.json.
    public static func standard() throws -> ReportTemplate {
        try load(from: BundledTemplatesLocation.progressReport)
    }

    public func column(ofType type: ColumnType) -> Column? { columns.first { $0.type == type } }

    /// Fills the title pattern; {table} is the table's name without a closing 表 or 情况表, so
    /// that "…情况表" + "推进情况表" does not double up.
    public func title(unit: String, table: String, period: String, document: String) -> String {
        Placeholders.fill(title, ["unit": unit, "table": Self.stem(ofTable: table), "period": period, "document": document])
    }

    /// "2020年政府实事工程情况表" → "2020年政府实事工程".
    static func stem(ofTable name: String) -> String {
        for suffix in ["情况表", "一览表", "表"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return name
    }
}

/// `{name}` placeholders with optional `[…]` parts.
public enum Placeholders {
    public static func fill(_ pattern: String, _ values: [String: String]) -> String {
        var output = ""
        var optional: (text: String, empty: Bool)? = nil
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let character = pattern[index]
            if character == "[" {
                optional = ("", false)
                index = pattern.index(after: index)
                continue
            }
            if character == "]", let part = optional {
                if !part.empty { output += part.text }
                optional = nil
                index = pattern.index(after: index)
                continue
            }
            var piece = String(character)
            var isEmptyValue = false
            if character == "{", let close = pattern[index...].firstIndex(of: "}") {
                let key = String(pattern[pattern.index(after: index)..<close])
                if let value = values[key] {
                    piece = value
                    isEmptyValue = value.isEmpty
                    index = close
                }
            }
            if optional != nil {
                optional!.text += piece
                if isEmptyValue { optional!.empty = true }
            } else {
                output += piece
            }
            index = pattern.index(after: index)
        }
        return output
    }
}
