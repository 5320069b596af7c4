import Foundation

/// A message as the office received it: who sent it, when, what it answers, and its attachments
/// (those of forwarded messages too). Read from a saved .eml, one message of an .mbox, or an
/// Outlook .msg (``OutlookMessage``).
public struct MailMessage: Sendable {
    public var fromAddress: String?
    public var fromName: String?
    public var date: Date?
    /// With its angle brackets, as the header writes it.
    public var messageID: String?
    /// The Message-IDs the message answers: In-Reply-To first, then References.
    public var answers: [String] = []
    public var subject: String = ""
    public var attachments: [MailAttachment] = []

    public init() {}

    /// An RFC 5322 message with its MIME parts. Never fails: what cannot be understood is left
    /// out (a message with no attachments found has none).
    public static func parse<Bytes: Collection>(_ bytes: Bytes) -> MailMessage where Bytes.Element == UInt8 {
        let data = Array(bytes)
        let entity = MimeEntity(data[...])
        var message = MailMessage()
        message.readHeaders(entity)
        var budget = Limits()
        message.attachments = collectAttachments(entity, forwarded: false, depth: 0, budget: &budget)
        return message
    }

    /// From, Date, Message-ID, In-Reply-To, References and Subject, from headers (a .msg keeps
    /// them as its transport headers too).
    mutating func readHeaders(_ entity: MimeEntity) {
        if let from = entity.header("From") {
            let address = MailAddressText(EncodedWords.decode(from))
            fromAddress = address.address ?? fromAddress
            fromName = address.name ?? fromName
        }
        if let date = entity.header("Date").flatMap(MailDate.parse) { self.date = date }
        if let id = entity.header("Message-ID").flatMap({ Self.messageIDs(in: $0).first }) { messageID = id }
        let answered = Self.messageIDs(in: entity.header("In-Reply-To") ?? "") + Self.messageIDs(in: entity.header("References") ?? "")
        if !answered.isEmpty { answers = answered }
        if let subject = entity.header("Subject") { self.subject = EncodedWords.decode(subject) }
    }

    /// Every `<…>` in a header.
    static func messageIDs(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            found.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// Bounds a crafted message cannot pass: parts nested deeper, or more of them.
    struct Limits {
        var parts = 0
        static let maximumParts = 10_000
        static let maximumDepth = 40
    }

    static func collectAttachments(_ entity: MimeEntity, forwarded: Bool, depth: Int, budget: inout Limits) -> [MailAttachment] {
        budget.parts += 1
        guard depth < Limits.maximumDepth, budget.parts < Limits.maximumParts else { return [] }
        let type = entity.contentType
        if type.value.hasPrefix("multipart/"), let boundary = type["boundary"], !boundary.isEmpty {
            return entity.parts(boundary: boundary).flatMap { part in
                collectAttachments(MimeEntity(part), forwarded: forwarded, depth: depth + 1, budget: &budget)
            }
        }
        let disposition = HeaderParameters(entity.header("Content-Disposition") ?? "")
        let name = disposition["filename"] ?? type["name"]
        if type.value == "message/rfc822" || type.value == "message/global" {
            // A forwarded message: its attachments are the unit's.
            let inner = entity.decodedBody
            return collectAttachments(MimeEntity(inner[...]), forwarded: true, depth: depth + 1, budget: &budget)
        }
        guard name != nil || disposition.value == "attachment" || !(type.value.hasPrefix("text/") || type.value.hasPrefix("multipart/")) else {
            return []  // the message's own text
        }
        return [MailAttachment(name: name, contentType: type.value, data: entity.decodedBody, forwarded: forwarded)]
    }
}

/// One attached file: its name as the sender's client wrote it (decoded, not yet made safe).
public struct MailAttachment: Sendable {
    public var name: String?
    public var contentType: String
    public var data: [UInt8]
    /// Inside a forwarded message.
    public var forwarded: Bool
}
