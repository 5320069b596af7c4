import Foundation
import MailReader

/// Where a file that came by mail came from: the message it was attached to. Kept with the
/// file's analysis, shown in 收文清单 and the collect output.
public struct MailProvenance: Sendable, Codable, Hashable {
    /// The message file as the clerk knows it (`回复.eml`, `导出.mbox/3.eml`).
    public var message: String
    public var fromAddress: String?
    public var fromName: String?
    public var date: Date?
    public var messageID: String?
    public var subject: String
    /// The unit the mail points to: the one our notice with this Message-ID went to, else the
    /// one whose contact address sent it.
    public var unit: String?
    public var identifiedBy: Identification?
    /// The round of our notice the mail answers.
    public var answersRound: String?

    /// `张三 <a@b.cn>，2026-12-01 09:30`, for the clerk.
    public var summary: String {
        var parts: [String] = []
        let who = [fromName, fromAddress.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
        if !who.isEmpty { parts.append(who) }
        if let date { parts.append(Self.shown(date)) }
        return parts.joined(separator: "，")
    }

    static func shown(_ date: Date) -> String { LocalTime.shown(date) }
}

/// What a workspace knows of the office's mail, to tell from a message which unit sent it:
/// each unit's contact addresses, and the Message-ID of every notice sent.
public struct SenderDirectory: Sendable {
    /// Address (lower-cased) → unit; an address several units share is left out.
    public var addresses: [String: String]
    /// Our Message-ID (with angle brackets) → the unit and round it was written for.
    public var notices: [String: (unit: String, round: String)]
    /// The round being collected into: a reply to another round's notice is a warning.
    public var round: String?

    public init(addresses: [String: String] = [:], notices: [String: (unit: String, round: String)] = [:], round: String? = nil) {
        self.addresses = addresses
        self.notices = notices
        self.round = round
    }

    /// A reply to our notice names its unit surely; the sender's address, less so (a colleague
    /// may send for another unit). Either only when the master has the unit.
    func provenance(for message: MailMessage, shown: String, index: MasterIndex) -> MailProvenance {
        var provenance = MailProvenance(message: shown, fromAddress: message.fromAddress, fromName: message.fromName, date: message.date,
                                        messageID: message.messageID, subject: message.subject)
        if let notice = message.answers.lazy.compactMap({ self.notices[$0] }).first {
            provenance.answersRound = notice.round
            if index.isRecipient(notice.unit) {
                provenance.unit = notice.unit
                provenance.identifiedBy = .reply
            }
        }
        if provenance.unit == nil, let address = message.fromAddress, let unit = addresses[address], index.isRecipient(unit) {
            provenance.unit = unit
            provenance.identifiedBy = .sender
        }
        return provenance
    }
}
