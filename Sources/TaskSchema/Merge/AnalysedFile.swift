/// A returned file once read and checked (``Merger/analyse(_:master:template:limits:)``): whose
/// it is, its reports and problems. Codable, so a workspace stores it and combines it again
/// later (``Merger/combine(_:master:template:period:pinned:)``) exactly as a merge does.
public struct AnalysedFile: Sendable, Codable {
    var analysis: FileAnalysis

    init(_ analysis: FileAnalysis) { self.analysis = analysis }

    public init(from decoder: Decoder) throws { analysis = try FileAnalysis(from: decoder) }
    public func encode(to encoder: Encoder) throws { try analysis.encode(to: encoder) }

    /// As shown to the clerk.
    public var path: String { analysis.path }
    public var unit: String? { analysis.unit }
    public var period: String? { analysis.period }
    public var reports: [UnitReport] { analysis.reports }
    public var problems: [MergeProblem] { analysis.problems }
    public var identifiedBy: Identification? { analysis.identifiedBy }
    /// The 填报日期 typed in the reporter block (1900-system serial).
    public var reportDate: Double? { analysis.reportDate }
    /// Why the file cannot be used, or nil.
    public var rejection: String? { analysis.rejection }
    /// A file that is not a return at all (a checklist, a merged workbook, an archive opened).
    public var isSkipped: Bool { analysis.skipped != nil || analysis.isArchive }
}
