import Foundation

/// Headless LibreOffice Calc, a real client: converts workbooks the way a unit's office suite
/// would open and save them.
public enum LibreOffice {
    /// CSV filter options: comma, double quotes, UTF-8, from row 1, every sheet to its own file
    /// (`<name>-<sheet>.csv`).
    public static let csvAllSheets = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

    /// Converts `files` into `folder` with the given `--convert-to` target, in one soffice run
    /// with a private profile (so tests never touch or wait for a user's running office).
    @discardableResult
    public static func convert(_ files: [URL], to target: String, into folder: URL) throws -> ProcessResult {
        let profile = try makeTemporaryFolder("lo-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        return try runProgram("/usr/bin/env", [
            "soffice", "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
            "--convert-to", target, "--outdir", folder.path,
        ] + files.map(\.path))
    }
}
