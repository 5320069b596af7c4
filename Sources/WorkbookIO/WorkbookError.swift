import Foundation

/// A failure while writing or reading a workbook, always naming the file it concerns.
public struct WorkbookError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
