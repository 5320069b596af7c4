/// A data-validation rule for a range of cells, with the prompt shown when a cell is
/// selected and the message shown when a value is refused.
public struct DataValidation: Sendable {
    public enum Rule: Sendable {
        /// A dropdown of literal values. Excel refuses (and "repairs" away) a list whose
        /// comma-joined text is longer than 255 characters: use `listFromRange` then.
        case list([String])
        /// A dropdown whose values come from a range, e.g. `'_meta'!$A$1:$A$40`.
        case listFromRange(String)
        case decimal(minimum: Double, maximum: Double)
        case wholeNumber(minimum: Double, maximum: Double)
        /// A date between two days, given as (year, month, day).
        case date(from: (Int, Int, Int), to: (Int, Int, Int))
        /// No restriction: only shows the input prompt.
        case any
    }

    public enum ErrorStyle: Sendable { case stop, warning, information }

    /// The longest literal list Excel accepts, commas included.
    public static let maximumListLength = 255

    public var rule: Rule
    public var inputTitle: String?
    public var inputMessage: String?
    public var errorTitle: String?
    public var errorMessage: String?
    public var errorStyle: ErrorStyle

    public init(
        _ rule: Rule, inputTitle: String? = nil, inputMessage: String? = nil,
        errorTitle: String? = nil, errorMessage: String? = nil, errorStyle: ErrorStyle = .stop
    ) {
        self.rule = rule
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
        self.errorStyle = errorStyle
    }

    /// Whether `values` fit in a literal list validation.
    public static func fitsLiteralList(_ values: [String]) -> Bool {
        values.joined(separator: ",").count <= maximumListLength && !values.contains { $0.contains(",") }
    }
}
