import ArgumentParser
struct SplitCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "split"); func run() throws {} }
