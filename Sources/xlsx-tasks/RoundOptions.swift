import ArgumentParser
import Foundation
import TaskSchema

/// The options split and merge share: the form the round uses, its period, and JSON output.
struct RoundOptions: ParsableArguments {
    @Option(help: "The template describing the progress form (JSON); default: the bundled progress-report.json. Merge must use the template the workbooks were split with.")
    var template: String?

    @Option(help: "The reporting period, e.g. 2020年第二季度: shown in titles and stored in the files by split; for merge, files stamped with another period are rejected, and without it the period most files carry is the round's.")
    var period: String?

    @Flag(help: "Print a JSON summary on standard output instead of the human summary.")
    var json = false

    func validate() throws {
        if let period, period.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--period is empty; give the round's period, e.g. --period 2020年第二季度, or leave it out")
        }
    }

    /// The template named with --template, else the bundled one.
    func loadTemplate() throws -> ReportTemplate {
        try template.map { try ReportTemplate.load(from: URL(fileURLWithPath: $0)) } ?? ReportTemplate.standard()
    }
}
