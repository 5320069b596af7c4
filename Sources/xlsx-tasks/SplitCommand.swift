import ArgumentParser
import Foundation
import TaskSchema

extension Distribution.Grouping: ExpressibleByArgument {}

struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Write one ready-to-send workbook per responsible unit.",
        discussion: """
            Each workbook holds only that unit's tasks, one sheet per source table: the task cells are locked and shaded, the progress columns blank, unlocked and validated (dropdown for the status, 0–100 for the percentage), with a reporter block, a 填报说明 sheet and identification that merge reads back. OUTDIR also gets 分发清单.xlsx, the mailing checklist.

            A task shared by several units goes to each of them. The progress columns come from the template (default: Templates/xlsx/progress-report.json). --force replaces only the files an earlier split wrote and keeps the dates and notes typed into its 分发清单.xlsx; a folder holding anything else is refused.
            """
    )

    @Argument(help: "The task document (.docx or its text export), or a master spreadsheet written by import (.xlsx, or the same saved as .xls or CSV).")
    var source: String

    @Option(name: .shortAndLong, help: "The folder to write the workbooks into (must be new or empty).")
    var output: String

    @OptionGroup var round: RoundOptions

    @Option(help: "One workbook per responsible unit or per leader.")
    var by: Distribution.Grouping = .unit

    @Flag(help: "Add, in separate sheets, the tasks that name the unit among the related units.")
    var includeRelated = false

    @Option(help: "Protect the sheets with this password (default: protected without a password).")
    var password: String?

    @Flag(help: "Replace OUTDIR if it holds an earlier split.")
    var force = false

    @OptionGroup var deadline: DeadlineOptions

    func run() throws {
        let result: Splitter.Result
        let master: Master
        do {
            let form = try round.loadTemplate()
            master = try MasterSource.load(source)
            let settings = SplitSettings(
                template: form, period: round.period ?? "", password: password, grouping: by,
                masterFingerprint: Fingerprint.of(master: master), document: master.displayName,
                deadline: deadline.deadline, contact: deadline.contactText)
            result = try Splitter.split(master, settings: settings, includeRelated: includeRelated,
                                        into: URL(fileURLWithPath: output), force: force)
        } catch {
            throw fail(error)
        }
        if round.json {
            try printJSON(SplitSummary(result, master: master))
            return
        }
        let noun = by == .unit ? "units" : "leaders"
        print("\(source): \(master.taskCount) tasks, \(result.distribution.assignmentCount) assignments to \(result.workbooks.count) \(noun)")
        print("wrote \(result.workbooks.count) workbooks and \(Splitter.checklistName) to \(result.folder.path)")
        if result.keptChecklistEntries > 0 {
            print("kept the dates and notes of \(result.keptChecklistEntries) units from the earlier \(Splitter.checklistName)")
        }
        print("next: send each unit its workbook (\(Splitter.checklistName) lists them), then: xlsx-tasks merge \(source) RETURNED/ -o merged.xlsx")
    }
}

/// The `--json` document of `split`.
struct SplitSummary: Encodable {
    struct Workbook: Encodable {
        let unit: String
        let path: String
        let tasks: Int
        let relatedTasks: Int
    }
    let workbooks: [Workbook]
    let tasks: Int
    let units: Int
    let assignments: Int
    let checklist: String

    init(_ result: Splitter.Result, master: Master) {
        workbooks = result.workbooks.map {
            Workbook(unit: $0.recipient, path: result.folder.appendingPathComponent($0.file).path,
                     tasks: $0.primaryTasks, relatedTasks: $0.relatedTasks)
        }
        tasks = master.taskCount
        units = result.workbooks.count
        assignments = result.distribution.assignmentCount
        checklist = result.folder.appendingPathComponent(Splitter.checklistName).path
    }
}
