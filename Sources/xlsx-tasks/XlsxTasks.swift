import ArgumentParser
import Foundation

@main
struct XlsxTasks: ParsableCommand {
    static let version = "0.3.0"
    static let configuration = CommandConfiguration(
        commandName: "xlsx-tasks",
        abstract: "Turn a task-decomposition document into one workbook per responsible unit, and merge what comes back.",
        discussion: """
            import  reads the document (.docx or its text export) into a master task list;
            split   writes one locked, fillable workbook per responsible unit;
            merge   reads what the units sent back into one master spreadsheet.

            A workspace remembers every round: init SOURCE, round open LABEL, collect FILES, status, correct, prefer, report -o merged.xlsx, history, round close; contacts and mail write a message per unit.
            """,
        version: version,
        subcommands: [ImportCommand.self, SplitCommand.self, MergeCommand.self, InitCommand.self, RoundCommand.self,
                      CollectCommand.self, StatusCommand.self, ReportCommand.self, CorrectCommand.self, PreferCommand.self,
                      HistoryCommand.self, ContactsCommand.self, MailCommand.self, ServeCommand.self]
    )

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // ArgumentParser says "Unexpected argument 'spilt'"; name the command meant instead.
        if let first = arguments.first, !first.hasPrefix("-"), first != "help",
            !commandNames.contains(first)
        {
            let names = commandNames
            let closest = names.min { CommandName.distance(first, $0) < CommandName.distance(first, $1) }!
            let hint = CommandName.distance(first, closest) <= 2 ? " Did you mean '\(closest)'?" : ""
            FileHandle.standardError.write(Data("error: unknown command '\(first)'.\(hint) Commands: \(names.joined(separator: ", ")).\n".utf8))
            Foundation.exit(64)
        }
        main(arguments)
    }

    /// From the subcommands themselves, so a new command is never missing here.
    static let commandNames = configuration.subcommands.compactMap { $0.configuration.commandName }
}

/// Edit distance between a mistyped command and a real one (a swap of two letters counts one).
enum CommandName {
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }
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
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
