import Foundation
import GRDB
import TaskSchema

extension Workspace {
    /// `report -o merged.xlsx`: the merged workbook of the round, the same one `merge` writes,
    /// built from the stored analyses without reading any returned file again.
    public func report(round label: String? = nil, template: ReportTemplate, to destination: URL) throws -> MergeResult {
        let round = try self.round(label)
        let index = try masterIndex()
        var result = try recombine(round: round.label, template: template, index: index)
        result.history = try roundHistory(through: round.label, template: template, index: index, current: result)
        try MergedWorkbook.write(result, to: destination)
        try database.write { try record($0, "report", "\(round.label) → \(destination.path)") }
        return result
    }
}
