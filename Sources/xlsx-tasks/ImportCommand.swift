import ArgumentParser
import Foundation
import TaskSchema

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read the task document into a master task list (master.xlsx).",
        discussion: """
            SOURCE is the Word document (.docx) or its text export (Word: Save As ▸ Plain Text, UTF-8, UTF-16 or GBK); the format is decided by the file's first bytes. Every task gets a stable id: <table>-<sequence>, e.g. 1-001. Unit and leader lists are split and cleaned, merged cells filled, stray characters before categories corrected; every correction is printed as a warning.
            """
    )

    @Argument(help: "The task document (.docx or its text export).")
    var source: String

    @Option(name: .shortAndLong, help: "Where to write the master workbook.")
    var output: String = "master.xlsx"

    @Flag(help: "Print a JSON summary on standard output instead of the human summary.")
    var json = false

    func run() throws {
        let master: Master
        do {
            master = try DocumentImporter.importMaster(from: source)
            try MasterWorkbook.write(master, to: URL(fileURLWithPath: output))
        } catch {
            throw fail(error)
        }
        if json {
            try printJSON(ImportSummary(master))
            return
        }
        print("\(source): \(master.taskCount) tasks in \(master.tables.count) tables, \(master.units.count) responsible units, \(master.leaders.count) leaders")
        for table in master.tables { print("  \(table.name): \(table.tasks.count) tasks") }
        print("wrote \(output)")
        for warning in master.warnings { print("warning (\(warning.kind.rawValue)): \(warning.message)") }
        print("next: check the warnings, then: xlsx-tasks split \(output) -o units --period <period>")
    }
}

/// The `--json` document of `import`.
struct ImportSummary: Encodable {
    struct Table: Encodable {
        let name: String
        let tasks: Int
        let columns: [String]
    }
    struct Unit: Encodable {
        let name: String
        let tasks: Int
    }
    let tasks: Int
    let tables: [Table]
    let units: [Unit]
    let leaders: [String]
    let warnings: [ImportWarning]

    init(_ master: Master) {
        tasks = master.taskCount
        tables = master.tables.map { Table(name: $0.name, tasks: $0.tasks.count, columns: ["编号"] + $0.columns.map(\.name)) }
        units = master.units.map { Unit(name: $0.name, tasks: $0.tasks) }
        leaders = master.leaders.map(\.name)
        warnings = master.warnings
    }
}
