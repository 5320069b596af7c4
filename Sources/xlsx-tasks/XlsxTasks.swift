import ArgumentParser
import Foundation

@main
struct XlsxTasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsx-tasks",
        abstract: "Turn a task-decomposition document into one workbook per responsible unit, and merge what comes back.",
        discussion: """
            import  reads the document (a text export of the Word file) into a master task list;
            split   writes one locked, fillable workbook per responsible unit;
            merge   reads what the units sent back into one master spreadsheet.
            """,
        subcommands: [ImportCommand.self, SplitCommand.self, MergeCommand.self]
    )
}

/// Prints a one-line error naming the file and exits non-zero.
func fail(_ message: Any) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(1)
}

/// Prints one JSON document on standard output.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
