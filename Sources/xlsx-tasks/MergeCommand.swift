import ArgumentParser
import Foundation
import TaskSchema
import WorkbookIO

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the workbooks units sent back into one master spreadsheet.",
        discussion: """
            RETURNED are files and folders (searched recursively). Each file's kind is decided by its content, not its name: .xlsx re-saved by Excel, WPS or LibreOffice; legacy .xls; CSV or "Unicode text" (UTF-8, UTF-16, GBK); a .zip of any of these. Hidden files, ~$ lock files and the files xlsx-tasks wrote itself (分发清单.xlsx, merged workbooks) are skipped. A file's unit is recognised from its properties, its hidden metadata, its title, its name, or the task ids it holds.

            The output has a sheet per source table with every task and its progress, 汇总 (per unit), 分单位明细, 未报送单位, 问题清单 (every problem, with the value as typed) and 收文清单. It is never written over SOURCE or a returned file; another existing file is replaced only if merge wrote it, or with --force. Exit status 0 means the merged workbook was written, problems or not.
            """
    )

    @Argument(help: "The task document (.docx or its text export), or a master spreadsheet written by import (.xlsx, or the same saved as .xls or CSV).")
    var source: String

    @Argument(help: "Returned files and folders.")
    var returned: [String]

    @Option(name: .shortAndLong, help: "Where to write the merged workbook.")
    var output: String = "merged.xlsx"

    @OptionGroup var round: RoundOptions

    @Option(help: "Use this file when its unit sent more than one (repeatable).")
    var prefer: [String] = []

    @Flag(help: "Replace the output file even if xlsx-tasks did not write it (never SOURCE or a returned file).")
    var force = false

    @Option(name: .customLong("limit"), help: ArgumentHelp(
        "Raise or lower a limit on what one returned file may hold, e.g. --limit rows=2000000 or --limit part-bytes=512M (repeatable; README lists them).",
        valueName: "name=value"))
    var limits: [String] = []

    func readLimits() throws -> ReadLimits {
        var result = ReadLimits.standard
        for assignment in limits { try result.set(assignment) }
        return result
    }

    func validate() throws {
        do {
            _ = try readLimits()
        } catch let error as LimitError {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        let result: MergeResult
        do {
            let form = try round.loadTemplate()
            let master = try MasterSource.load(source)
            let files = try Merger.collectFiles(returned)
            try OutputSafety.checkMergeOutput(output, source: source, inputs: files, force: force)
            result = try Merger.merge(master: master, template: form, period: round.period ?? "", files: files, preferred: prefer,
                                      limits: try readLimits())
            try MergedWorkbook.write(result, to: URL(fileURLWithPath: output))
        } catch {
            throw fail(error)
        }
        if round.json {
            try printJSON(MergeSummary(result, output: output))
            return
        }
        let count = { (status: MergeResult.Status) in result.files.filter { $0.status == status }.count }
        let rejected = result.files.filter { $0.status == .rejected }
        var parts = ["\(count(.accepted)) accepted", "\(rejected.count) rejected", "\(count(.superseded)) superseded"]
        if count(.skipped) > 0 { parts.append("\(count(.skipped)) skipped (written by xlsx-tasks)") }
        let mails = result.files.filter { $0.status == .unpacked && $0.mail?.message == $0.path }.count
        if count(.unpacked) > mails { parts.append("\(count(.unpacked) - mails) archive(s) unpacked") }
        if mails > 0 { parts.append("\(mails) mail(s) opened") }
        print("\(result.files.count) files: " + parts.joined(separator: ", "))
        if result.periodFromFiles && !result.period.isEmpty {
            print("period: \(result.period) (the period most returned files carry; give --period to choose)")
        }
        for file in rejected { print("  rejected \(file.path): \(file.problems.first?.message ?? "")") }
        for file in result.files where file.status == .skipped || file.status == .unpacked {
            print("  \(file.status == .skipped ? "skipped" : file.mail?.message == file.path ? "opened" : "unpacked") \(file.path): \(file.reason ?? "")")
        }
        let unitCount = result.master.units.count  // a tally over every task: once
        print("\(unitCount - result.missingUnits.count) of \(unitCount) units returned")
        if !result.missingUnits.isEmpty { print("missing: \(result.missingUnits.joined(separator: "、"))") }
        let counts = Dictionary(grouping: result.problems, by: \.kind).mapValues(\.count)
        let listed = MergeProblem.Kind.allCases.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }
        print("\(result.problems.count) problems" + (listed.isEmpty ? "" : ": " + listed.joined(separator: ", ")))
        print("wrote \(output)")
        print("next: " + nextStep(result))
    }

    /// What the clerk does next, in one line.
    func nextStep(_ result: MergeResult) -> String {
        var steps: [String] = []
        let missing = result.missingUnits.count
        if missing > 0 { steps.append("\(missing) unit\(missing == 1 ? " has" : "s have") not returned (see 未报送单位)") }
        if !result.problems.isEmpty { steps.append("\(result.problems.count) problems — see 问题清单 in \(output)") }
        return steps.isEmpty ? "every unit returned without problems; \(output) is ready for the bulletin" : steps.joined(separator: "; ")
    }
}

/// The `--json` document of `merge`.
struct MergeSummary: Encodable {
    // Absent values are written as null, so every key of the documented shape is always there.
    struct Problem: Encodable {
        @ExplicitNull var row: Int?
        @ExplicitNull var task: String?
        @ExplicitNull var column: String?
        let kind: String
        let message: String
        @ExplicitNull var value: String?
    }
    struct File: Encodable {
        let path: String
        @ExplicitNull var unit: String?
        let status: MergeResult.Status
        @ExplicitNull var decidedBy: MergeResult.Decision?
        let rows: Int
        let problems: [Problem]
    }
    let files: [File]
    let missing: [String]
    let tasks: Int
    let period: String
    let output: String

    init(_ result: MergeResult, output: String) {
        files = result.files.map { file in
            File(path: file.path, unit: file.unit, status: file.status, decidedBy: file.decidedBy, rows: file.rows, problems: file.problems.map {
                Problem(row: $0.row, task: $0.task, column: $0.column, kind: $0.kind.rawValue, message: $0.message, value: $0.value)
            })
        }
        missing = result.missingUnits
        tasks = result.master.taskCount
        period = result.period
        self.output = output
    }
}

/// An optional written as `null` when absent: the documented `--json` shape always has the key,
/// where a synthesized encoder would leave it out.
@propertyWrapper
struct ExplicitNull<Value: Encodable>: Encodable {
    var wrappedValue: Value?
    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }
    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}
