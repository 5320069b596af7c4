import Foundation

public struct ProcessResult {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a program to completion and collects its output.
public func runProgram(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    // Output goes to files, so a chatty child never blocks on a full pipe.
    let folder = try makeTemporaryFolder("run")
    defer { try? FileManager.default.removeItem(at: folder) }
    let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs the tool built by this package.
public func runTool(_ arguments: [String], in folder: URL? = nil) throws -> ProcessResult {
    try runProgram(Repository.tool.path, arguments, in: folder)
}

/// Runs a helper script from Tests/Helpers with python3.
public func runPython(_ script: String, _ arguments: [String]) throws -> ProcessResult {
    try runProgram("/usr/bin/env", ["python3", Repository.path("Tests/Helpers/\(script)").path] + arguments)
}
