import Foundation

/// A failure while writing or reading a workbook, always naming the file it concerns.
public struct WorkbookError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure, so callers decide on it rather than on the message's words.
    public enum Kind: Sendable {
        /// Truncated, corrupted or self-contradicting content.
        case damaged
        /// Past one of ``ReadLimits``: the message names the limit.
        case limit
    }

    public let path: String
    public let message: String
    public let kind: Kind

    public init(path: String, message: String, kind: Kind = .damaged) {
        self.path = path
        self.message = message
        self.kind = kind
    }

    public var description: String { "\(path): \(message)" }
}
