import Foundation

/// Excel's rules for worksheet names: at most 31 characters, none of `[]:*?/\`,
/// not starting or ending with an apostrophe, unique without regard to case.
public enum SheetName {
    public static let maximumLength = 31
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// `base` made valid for Excel and distinct from every name in `taken`
    /// (compared case-insensitively), by replacing forbidden characters,
    /// shortening, and adding " (2)", " (3)"… where needed.
    public static func make(_ base: String, avoiding taken: [String] = []) -> String {
        var cleaned = String(base.map { forbidden.contains($0) || $0.isNewline ? "_" : $0 })
        while cleaned.hasPrefix("'") { cleaned.removeFirst() }
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        if cleaned.isEmpty { cleaned = "Sheet" }
        let lowered = Set(taken.map { $0.lowercased() })
        var candidate = String(cleaned.prefix(maximumLength))
        var counter = 2
        while lowered.contains(candidate.lowercased()) {
            let suffix = " (\(counter))"
            candidate = String(cleaned.prefix(maximumLength - suffix.count)) + suffix
            counter += 1
        }
        return candidate
    }
}
