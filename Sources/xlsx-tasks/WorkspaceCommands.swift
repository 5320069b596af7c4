import ArgumentParser
import Foundation
import TaskSchema
import WorkbookIO
import Workspace

/// --round, for the commands that work on one round.
struct RoundChoice: ParsableArguments {
    @Option(help: "The round (default: the open one, else the latest).")
    var round: String?
}

/// -w/--workspace and --json, shared by every workspace command.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: [.short, .customLong("workspace")], help: "The workspace folder (default: the current folder).")
    var workspace: String = "."

    @Flag(help: "Print JSON on standard output instead of the human summary.")
    var json = false

    var folder: URL { URL(fileURLWithPath: workspace) }
    func open() throws -> Workspace { try Workspace.open(folder) }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace that remembers every reporting round, from the task document.",
        discussion: "SOURCE is anything import reads. The folder gets xlsx-tasks.sqlite (the ledger) and master.xlsx; a folder that already holds a workspace is refused.")

    @Argument(help: "The task document (.docx or its text export), or a master spreadsheet.")
    var source: String

    @Option(help: "The template of the progress form (JSON), kept in the workspace for every round; default: the bundled progress-report.json.")
    var template: String?

    @Option(help: ArgumentHelp("First day of the plan 序时进度 is counted over (default: 1 January of the year in the document's title).", valueName: "YYYY-MM-DD"))
    var planStart: String?

    @Option(help: ArgumentHelp("Last day of the plan (default: 31 December of that year).", valueName: "YYYY-MM-DD"))
    var planEnd: String?

    @OptionGroup var options: WorkspaceOptions

    struct Summary: Encodable {
        let workspace: String; let tasks: Int; let units: Int; let planStart: String?; let planEnd: String?
        /// What the import corrected or noticed, as `import` lists it: the clerk checks them here too.
        let warnings: [ImportWarning]
    }

    func validate() throws {
        try checkDate(planStart, flag: "--plan-start")
        try checkDate(planEnd, flag: "--plan-end")
        if (planStart == nil) != (planEnd == nil) { throw ValidationError("--plan-start and --plan-end go together") }
        if let start = planStart.flatMap(CalendarDay.init(iso:)), let end = planEnd.flatMap(CalendarDay.init(iso:)), end < start {
            throw ValidationError("--plan-end \(end) is before --plan-start \(start)")
        }
    }

    func run() throws {
        let created: Workspace.Created
        let plan = planStart.flatMap(CalendarDay.init(iso:)).flatMap { start in
            planEnd.flatMap(CalendarDay.init(iso:)).flatMap { PlanSpan(start: start, end: $0) }
        }
        do { created = try Workspace.create(options.folder, source: source, template: template, plan: plan) } catch { throw fail(error) }
        let summary = Summary(workspace: created.workspace.folder.path, tasks: created.master.taskCount, units: created.master.units.count,
                              planStart: created.plan?.start.iso, planEnd: created.plan?.end.iso, warnings: created.master.warnings)
        if options.json { return try printJSON(summary) }
        print("\(source): \(summary.tasks) tasks, \(summary.units) units — workspace \(summary.workspace)")
        for warning in summary.warnings { print("warning (\(warning.kind.rawValue)): \(warning.message)") }
        if let plan = created.plan {
            print("plan \(plan.start) to \(plan.end): 序时进度 is counted over it (set with --plan-start/--plan-end)")
        } else {
            print("the document's title names no year: no 序时进度 until the plan is given (init --plan-start/--plan-end)")
        }
        print("next: xlsx-tasks round open 2020年第二季度 --due 2020-07-10 -w \(options.workspace)")
    }
}

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round", abstract: "Open or close a reporting round.",
        subcommands: [Open.self, Close.self, Reopen.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write this round's unit workbooks into rounds/LABEL/outbox/ and record them.",
            discussion: "The same workbooks split writes, stamped with LABEL as the period. One round is open at a time.")

        @Argument(help: "The period, e.g. 2020年第二季度.")
        var label: String

        @OptionGroup var deadline: DeadlineOptions

        @Flag(help: "Do not show or pre-fill the previous round's values (上期进展, 上期进度).")
        var noCarryOver = false

        @OptionGroup var options: WorkspaceOptions

        struct Summary: Encodable {
            struct Workbook: Encodable { let unit: String; let path: String; let tasks: Int }
            let round: String; let due: String?; let carriedOver: String?
            /// Round → tasks whose carried values come from it (older than carriedOver: nobody reported them since).
            let carriedFromEarlier: [String: Int]
            let workbooks: [Workbook]
        }

        func run() throws {
            let opened: Workspace.Opened
            do {
                let workspace = try options.open()
                opened = try workspace.openRound(label, due: deadline.deadline, contact: deadline.contactText,
                                                 carryOver: !noCarryOver, template: workspace.template())
            } catch { throw fail(error) }
            let summary = Summary(round: opened.round.label, due: opened.round.due, carriedOver: opened.carriedOver,
                                  carriedFromEarlier: opened.carriedFromEarlier, workbooks: opened.workbooks.map { .init(unit: $0.unit, path: $0.path, tasks: $0.tasks) })
            if options.json { return try printJSON(summary) }
            let outbox = summary.workbooks.first.map { URL(fileURLWithPath: $0.path).deletingLastPathComponent().relativePath } ?? ""
            print("round \(summary.round) opened\(summary.due.map { ", due \($0)" } ?? ""): \(summary.workbooks.count) workbooks in \(options.workspace)/\(outbox)"
                  + (summary.carriedOver.map { " (showing \($0)'s values)" } ?? ""))
            for (source, count) in summary.carriedFromEarlier.sorted(by: { $0.key < $1.key }) {
                print("  \(count) task(s) nobody reported in \(summary.carriedOver ?? "the last round") carry \(source)'s values (上期进展 names the round)")
            }
            print("next: send them, then: xlsx-tasks collect RETURNED/ -w \(options.workspace)")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the round: nothing more is collected into it.")

        @Argument(help: "The round (default: the open one).")
        var label: String?

        @Flag(help: "Close it even though no unit has returned anything accepted yet.")
        var force = false

        @OptionGroup var options: WorkspaceOptions

        func run() throws {
            let round: Round
            do { round = try options.open().closeRound(label, force: force) } catch { throw fail(error) }
            if options.json { return try printJSON(round) }
            print("round \(round.label) closed")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open the latest round again (closed by mistake, or a late return to take in).",
            discussion: "Only the latest round, and only while no later round is open.")

        @Argument(help: "The round (default: the latest).")
        var label: String?

        @OptionGroup var options: WorkspaceOptions

        func run() throws {
            let round: Round
            do { round = try options.open().reopenRound(label) } catch { throw fail(error) }
            if options.json { return try printJSON(round) }
            print("round \(round.label) is open again: collect into it, then close it")
        }
    }
}

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Take in returned files: each new one is copied into the round's inbox and analysed as merge does.",
        discussion: "Files and folders as merge takes them. A file collected before (same content, any name) is reported as a duplicate and not read again. Exit status 0 means every file was recorded, problems or not.")

    @Argument(help: "Returned files and folders.")
    var paths: [String]

    @OptionGroup var choice: RoundChoice

    @OptionGroup var options: WorkspaceOptions

    func run() throws {
        let collected: Workspace.Collected
        do {
            let workspace = try options.open()
            collected = try workspace.collect(paths, round: choice.round, template: workspace.template())
        } catch { throw fail(error) }
        if options.json { return try printJSON(collected) }
        for file in collected.files {
            let problems = file.problems.isEmpty ? "" : ", \(file.problems.count) problem(s): \(file.problems.first!.message)"
            let from = file.mail.map { mail in mail.message == file.path ? " from \(mail.summary)" : "" } ?? ""
            print("\(file.path): \(file.status)\(file.unit.map { " (\($0))" } ?? "")\(from)\(problems)")
        }
        let blank = collected.files.filter { $0.status == "blank" }.count
        print("round \(collected.round): \(Set(collected.files.filter { $0.status != "duplicate" }.map(\.sha256)).count) new file(s)"
              + (blank > 0 ? ", \(blank) sent back blank (not a return)" : "") + "; \(collected.missing.count) unit(s) have not returned")
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Who has returned the round, who is late, and with how many problems.")

    @OptionGroup var choice: RoundChoice

    @OptionGroup var today: TodayOption

    @OptionGroup var options: WorkspaceOptions

    func run() throws {
        let status: Workspace.Status
        do {
            let workspace = try options.open()
            status = try workspace.status(round: choice.round, today: today.day, template: workspace.template())
        } catch { throw fail(error) }
        if options.json { return try printJSON(status) }
        let returned = status.units.filter(\.returned).count
        print("round \(status.round)\(status.due.map { ", due \($0)" } ?? ""): \(returned)/\(status.units.count) units returned, \(status.reported)/\(status.tasks) tasks reported, \(status.late.count) late")
        if let lights = status.lights, let expected = status.expected {
            print("expected progress \(NumberText.format((expected * 10).rounded() / 10))%; lights: \(lights.red) red, \(lights.yellow) yellow, \(lights.blue) blue, \(lights.green) green, \(lights.unreported) unreported")
        }
        let blank = status.units.filter { $0.state == "blank" }.count
        if blank > 0 { print("\(blank) unit(s) sent the form back blank (not counted as returned)") }
        for unit in status.units {
            // A 填报日期 has no time of day.
            let when = unit.returnedAt.map { at in
                (unit.returnedBy == .filled ? String(at.prefix(10)) : LocalTime.shown(iso: at)) + " (\(unit.returnedBy?.rawValue ?? ""))"
            } ?? ""
            let state: String
            switch unit.state {
            case "returned": state = "returned\(unit.returnedLate ? " late" : "") \(when) \(unit.file ?? "")"
            case "blank": state = "sent back blank"
            case "late": state = "late"
            default: state = "not yet"
            }
            let tasks = "\(unit.tasks) task\(unit.tasks == 1 ? "" : "s")"
            print("  \(unit.name)\t\(tasks)\t\(state)\(unit.problems > 0 ? "\t\(unit.problems) problem(s)" : "")")
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the round's merged workbook from the ledger (the same workbook merge writes; no returned file is read again), and the 督查通报.")

    @OptionGroup var choice: RoundChoice

    @Option(name: .shortAndLong, help: "The merged workbook to write.")
    var output: String?

    @Option(help: ArgumentHelp("The 督查通报 workbook: 总体情况 with charts, a sheet per 分管领导, 滞后任务, 未报送单位, 单位排名, 历次对比.", valueName: "通报.xlsx"))
    var bulletin: String?

    @Option(help: ArgumentHelp("A draft of the bulletin's 总体情况 paragraph, numbers filled in (UTF-8 text).", valueName: "通报.txt"))
    var bulletinText: String?

    @Flag(help: "Replace OUTPUT even if xlsx-tasks did not write it.")
    var force = false

    @OptionGroup var options: WorkspaceOptions

    func validate() throws {
        if output == nil && bulletin == nil && bulletinText == nil {
            throw ValidationError("say what to write: -o merged.xlsx, --bulletin 通报.xlsx and/or --bulletin-text 通报.txt")
        }
    }

    func run() throws {
        let result: MergeResult
        do {
            let workspace = try options.open()
            let master = workspace.folder.appendingPathComponent(Workspace.masterName).path
            if let output { try OutputSafety.checkMergeOutput(output, source: master, inputs: [], force: force) }
            if let bulletin { try OutputSafety.checkMergeOutput(bulletin, source: master, inputs: [], force: force, kind: "bulletin") }
            if let bulletinText, FileManager.default.fileExists(atPath: bulletinText), !force {
                throw ValidationError("\(bulletinText): exists; choose another name or add --force to replace it")
            }
            result = try workspace.report(round: choice.round, template: workspace.template(), to: output.map { URL(fileURLWithPath: $0) },
                                          bulletin: bulletin.map { URL(fileURLWithPath: $0) },
                                          bulletinText: bulletinText.map { URL(fileURLWithPath: $0) })
        } catch { throw fail(error) }
        let written = [output, bulletin, bulletinText].compactMap { $0 }
        if options.json { return try printJSON(MergeSummary(result, output: written.first ?? "")) }
        print("round \(result.period): \(result.files.filter { $0.status == .accepted }.count) accepted file(s), \(result.missingUnits.count) unit(s) missing")
        print("wrote \(written.joined(separator: ", "))")
    }
}

struct CorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Set a unit's value by hand (after a phone call: \"约90\" means 90), with the reason; or take a correction back.",
        discussion: "Stored in the workspace and applied in every later report of the round, listed in its 人工更正 sheet with what the unit had typed; a later collect or report never loses it. --undo TASK --unit U [--column C] takes the unit's corrections of the task (of that column) back: the value is again what its file says.")

    @Argument(help: "The task id, e.g. 1-018.")
    var task: String

    @Option(help: "The unit whose value it is (one of the task's 牵头 or 配合 units).")
    var unit: String

    @Option(help: "The form's column, e.g. 完成进度（%）.")
    var column: String?

    @Option(help: "The value, checked as the column checks what a unit types.")
    var value: String?

    @Option(help: "Why, e.g. 电话核实.")
    var reason: String?

    @Option(help: "Who corrects (kept for the next corrections; default: the name kept, else the login's full name).")
    var by: String?

    @Flag(help: "Take the unit's corrections of the task (of --column, if given) back.")
    var undo = false

    @OptionGroup var choice: RoundChoice

    @OptionGroup var options: WorkspaceOptions

    func validate() throws {
        if undo {
            if value != nil || reason != nil { throw ValidationError("--undo takes TASK --unit [--column]; no --value or --reason") }
        } else if column == nil || value == nil || reason == nil {
            throw ValidationError("say what to set: --column C --value V --reason TEXT (or --undo)")
        }
    }

    struct Undone: Encodable { let undone: [Correction] }

    func run() throws {
        do {
            let workspace = try options.open()
            if undo {
                let undone = try workspace.undoCorrection(task: task, unit: unit, column: column, round: choice.round, template: workspace.template())
                if options.json { return try printJSON(Undone(undone: undone)) }
                for correction in undone {
                    print("\(task) \(unit) \(correction.column): the correction to \(correction.value.displayText) is undone; the unit's own value applies again")
                }
                return
            }
            let correction = try workspace.correct(task: task, unit: unit, column: column!, value: value!, reason: reason!, by: by,
                                                   round: choice.round, template: workspace.template())
            if options.json { return try printJSON(correction) }
            print("\(task) \(unit) \(correction.column) = \(correction.value.displayText) (\(reason!), by \(correction.who)); applied in the next report")
        } catch let error as ValidationError { throw error } catch { throw fail(error) }
    }
}

struct PreferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prefer",
        abstract: "Use this submission of its unit, whatever the dates say; --clear UNIT lets the dates decide again.")

    @Argument(help: "A collected file: as collect showed it, its original path, or its copy in the inbox.")
    var file: String?

    @Option(help: ArgumentHelp("Remove the unit's pin: its newest submission is used again.", valueName: "UNIT"))
    var clear: String?

    @OptionGroup var choice: RoundChoice

    @OptionGroup var options: WorkspaceOptions

    struct Summary: Encodable { let path: String; let unit: String? }
    struct Cleared: Encodable { let unit: String; let cleared: Int }

    func validate() throws {
        if (file == nil) == (clear == nil) { throw ValidationError("give a FILE to pin, or --clear UNIT") }
    }

    func run() throws {
        do {
            let workspace = try options.open()
            if let clear {
                let removed = try workspace.clearPreference(unit: clear, round: choice.round, template: workspace.template())
                if options.json { return try printJSON(Cleared(unit: clear, cleared: removed)) }
                return print("\(clear): no submission pinned; the newest is used")
            }
            let chosen = try workspace.prefer(file!, round: choice.round, template: workspace.template())
            if options.json { return try printJSON(Summary(path: chosen.path, unit: chosen.unit)) }
            print("\(chosen.path) is used for \(chosen.unit ?? "its unit")")
        } catch { throw fail(error) }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every round's percent, status and progress text of the tasks, oldest round first.")

    @Option(help: "One task, e.g. 1-018.")
    var task: String?

    @Option(help: "The tasks of one unit (primary or related), with that unit's reports only.")
    var unit: String?

    @OptionGroup var options: WorkspaceOptions

    func run() throws {
        let history: Workspace.History
        do {
            let workspace = try options.open()
            history = try workspace.history(task: task, unit: unit, template: workspace.template())
        } catch { throw fail(error) }
        if options.json { return try printJSON(history) }
        for task in history.tasks {
            print(task.id)
            if task.rounds.isEmpty { print("  (no report in any round)") }
            for entry in task.rounds {
                let percent = entry.percent.map { NumberText.format($0) + "%" } ?? "-"
                let text = (entry.progress ?? "").replacingOccurrences(of: "\n", with: " ")
                print("  \(entry.round)\t\(entry.unit)\t\(percent)\t\(entry.status ?? "-")\t\(text.count > 60 ? String(text.prefix(60)) + "…" : text)")
            }
        }
    }
}
