import ArgumentParser
import Dispatch
import Foundation
import WebConsole

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "The whole round in a browser: a local web page over the workspace.",
        discussion: """
            Listens on 127.0.0.1 (this machine only) unless --host says otherwise. On any other address every visitor \
            must log in with the access token: --token, or one generated and printed once. The folder may be empty: \
            the page then offers to create the workspace from an uploaded document.
            """)

    @Option(name: [.short, .customLong("workspace")], help: "The workspace folder (default: the current folder).")
    var workspace: String = "."

    @Option(help: "The port (0: any free one, printed).")
    var port: Int = 8080

    @Option(help: "The address to listen on; not loopback requires the access token.")
    var host: String = "127.0.0.1"

    @Option(help: "The access token for a non-loopback --host (default: generated and printed once).")
    var token: String?

    @Option(help: "Largest file one upload may be, in MB.")
    var maxFileMb: Int = 50

    @Option(help: "Most files in one batch of uploads.")
    var maxFiles: Int = 500

    func validate() throws {
        if let token, token.count < 12 { throw ValidationError("--token must be at least 12 characters") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard maxFileMb > 0, maxFiles > 0 else { throw ValidationError("--max-file-mb and --max-files must be positive") }
    }

    func run() throws {
        let settings = WebConsole.Settings(folder: URL(fileURLWithPath: workspace).standardizedFileURL, host: host, port: port, token: token,
                                           maxFileBytes: maxFileMb << 20, maxFiles: maxFiles, version: XlsxTasks.version)
        // The command is synchronous; the server runs on Swift's concurrency pool until stopped.
        let finished = DispatchSemaphore(value: 0)
        let outcome = ServeOutcome()
        Task {
            do {
                try await WebConsole.run(settings) { address, token in
                    var lines = ["serving \(settings.folder.path) at \(address)"]
                    if let token, self.token == nil { lines.append("access token (shown once): \(token)") }
                    if !settings.isLoopback {
                        let port = address.split(separator: ":").last.map { String($0.dropLast()) } ?? "\(settings.port)"
                        let shown = ["0.0.0.0", "::"].contains(settings.host) ? "http://<this computer's address>:\(port)/" : address
                        lines.append("colleagues on the office network open \(shown) and log in with the token")
                    }
                    // Written at once, unbuffered: a test or a script waits for the address.
                    FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                }
            } catch {
                outcome.error = "\(error)"
            }
            finished.signal()
        }
        finished.wait()
        if let error = outcome.error { throw fail(error) }
    }
}

private final class ServeOutcome: @unchecked Sendable { var error: String? }
