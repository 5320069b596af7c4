import BundledTemplates
import Foundation
import TaskSchema

/// A message's wording as a text file in Templates/mail: the first line "Subject: …", a blank
/// line, then the body; placeholders {unit} {period} {deadline} {tasks} {document} {file}
/// {contact} {contactName} {office}, a `[…]` part dropped when a placeholder in it is empty.
public struct MailTemplate: Sendable {
    public var subject: String
    public var body: String

    public enum Kind: String, Sendable { case invitation, reminder, reminderOverdue = "reminder-overdue" }

    public static func bundled(_ kind: Kind) throws -> MailTemplate {
        try load(BundledTemplates.folder.deletingLastPathComponent().appendingPathComponent("mail/\(kind.rawValue).txt"))
    }

    public static func load(_ url: URL) throws -> MailTemplate {
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        guard let first = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first,
              first.hasPrefix("Subject:") else {
            throw MailError("\(url.path): the first line must be \"Subject: …\"")
        }
        let body = text.dropFirst(first.count).drop { $0 == "\n" }
        return MailTemplate(subject: first.dropFirst("Subject:".count).trimmingCharacters(in: .whitespaces), body: String(body))
    }

    public func filled(_ values: [String: String]) -> (subject: String, body: String) {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { Placeholders.fill(String($0), values) }
        return (Placeholders.fill(subject, values), lines.joined(separator: "\n"))
    }
}
