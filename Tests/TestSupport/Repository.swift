import Foundation

/// Paths inside the repository, found from this file's location so tests run from any folder.
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The seed document bundled in Examples/.
    public static var seed: URL { path("Examples/taizhengfa-2020-9.txt") }

    /// The built command-line tool next to the test bundle.
    public static var tool: URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("xlsx-tasks")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return path(".build/debug/xlsx-tasks")
    }
}

/// A fresh folder under the system's temporary directory, removed by the caller if wanted.
public func makeTemporaryFolder(_ label: String = "xlsx-tasks-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The percentage Tests/Fixtures/make_returned_fixtures.py types for task number n (its
/// percent_for): it agrees with the status STATES[n % 4] — 已完成 100, 未启动 0.
public func percentFor(_ n: Int) -> Int {
    switch n % 4 {
    case 0: return 100
    case 3: return 0
    default: return min(99, max(1, n * 7 % 101))
    }
}
