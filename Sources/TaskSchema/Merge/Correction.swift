import Foundation
import WorkbookIO

/// A value the clerk set by hand after asking the unit ("约90" means 90): it replaces what the
/// unit's accepted file says for that task and column, in every report built after it, and is
/// listed with its reason in the 人工更正 sheet. Hand edits typed into a merged workbook are lost
/// at the next merge; these are not.
public struct Correction: Sendable, Codable {
    public var task: String
    public var unit: String
    /// The template column's name.
    public var column: String
    public var value: ReportedValue
    public var reason: String
    /// When and by whom, as the ledger recorded it.
    public var at: String
    public var who: String
    /// What the accepted report said before (filled in when applied).
    public var replaced: String?

    public init(task: String, unit: String, column: String, value: ReportedValue, reason: String, at: String, who: String) {
        self.task = task
        self.unit = unit
        self.column = column
        self.value = value
        self.reason = reason
        self.at = at
        self.who = who
    }

    /// `text` checked as the template's column checks a typed value; the reason in English when it is not one.
    public static func value(_ text: String, for column: ReportTemplate.Column) -> Result<ReportedValue, CorrectionError> {
        switch ProgressValue.check(.text(text), column: column, date1904: false) {
        case .valid(let value): return .success(value)
        case .empty: return .failure(CorrectionError(message: "--value is empty"))
        case .invalid(let reason, _): return .failure(CorrectionError(message: "--value \(text): \(reason)"))
        }
    }
}

public struct CorrectionError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension MergeResult {
    /// Applies the corrections in order (a later one for the same cell wins): the unit's report
    /// on the task gets the value (a report is made when the unit had none), the old one is
    /// kept in ``Correction/replaced``.
    public mutating func apply(_ corrections: [Correction]) {
        for var correction in corrections {
            guard let column = template.columns.firstIndex(where: { $0.name == correction.column }) else { continue }
            var list = reports[correction.task] ?? []
            // What the unit typed, even when it was not a usable value ("约90%"): kept in 人工更正.
            let typed = files.first { $0.status == .accepted && $0.unit == correction.unit }?.problems.first {
                $0.task == correction.task && $0.column == correction.column && $0.value != nil && $0.kind == .invalidValue
            }?.value
            if let position = list.firstIndex(where: { $0.unit == correction.unit }) {
                correction.replaced = list[position].values[column]?.displayText ?? typed
                list[position].values[column] = correction.value
            } else {
                correction.replaced = typed
                var report = UnitReport(unit: correction.unit, task: correction.task, values: [column: correction.value], complete: false,
                                        file: "人工更正", sheet: "", row: 0)
                report.complete = template.columns.indices.allSatisfy { !template.columns[$0].required || report.values[$0] != nil }
                list.append(report)
            }
            reports[correction.task] = list
            self.corrections.append(correction)
        }
    }
}
