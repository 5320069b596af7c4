/// File names that work on Windows, macOS and Linux alike.
public enum FileName {
    static let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
    static let reserved: Set<String> = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })
    /// Leaves room for a folder path within Windows' 260-character limit.
    static let maximumLength = 80

    /// `name` made safe as a file name stem, and different (ignoring case) from every
    /// stem in `taken`, which holds the stems already used, lowercased.
    public static func safeStem(_ name: String, avoidingLowercased taken: Set<String>) -> String {
        var stem = String(name.map { forbidden.contains($0) || $0.isNewline || ($0.asciiValue ?? 32) < 32 ? "_" : $0 })
        stem = String(stem.prefix(maximumLength))
        while let last = stem.last, last == "." || last == " " { stem.removeLast() }
        while let first = stem.first, first == "." || first == " " { stem.removeFirst() }
        if stem.isEmpty { stem = "_" }
        if reserved.contains(stem.uppercased()) { stem = "_" + stem }
        var candidate = stem
        var counter = 2
        while taken.contains(candidate.lowercased()) {
            candidate = "\(stem)-\(counter)"
            counter += 1
        }
        return candidate
    }
}
