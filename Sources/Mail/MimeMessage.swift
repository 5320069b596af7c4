import Foundation

/// An RFC 5322 message with a UTF-8 text body and attachments (multipart/mixed), written the
/// way Outlook, QQ Mail, Foxmail and Thunderbird all show correctly: ASCII headers only, the
/// subject and names as RFC 2047 encoded-words, each attachment named both ways (`name=` as an
/// encoded-word for Outlook, `filename*=` by RFC 2231 for the rest), base64 bodies in 76-character
/// lines, CRLF line ends.
public struct MimeMessage: Sendable {
    public struct Mailbox: Sendable {
        public var name: String
        public var address: MailAddress
        public init(name: String = "", address: MailAddress) {
            self.name = name
            self.address = address
        }
    }

    public struct Attachment: Sendable {
        public var fileName: String
        public var contentType: String
        public var data: Data
        public init(fileName: String, contentType: String, data: Data) {
            self.fileName = fileName
            self.contentType = contentType
            self.data = data
        }
    }

    public var from: Mailbox?
    public var to: [Mailbox]
    public var cc: [Mailbox] = []
    public var subject: String
    public var body: String
    public var attachments: [Attachment] = []
    public var date = Date()
    /// "<…@…>"; made from a UUID and the sender's domain when not given.
    public var messageID: String
    /// `X-Unsent: 1`: Outlook opens the file as a draft with a Send button.
    public var draft = true

    public static let spreadsheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    public init(from: Mailbox?, to: [Mailbox], subject: String, body: String, messageID: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        let domain = from.map { String($0.address.address.split(separator: "@").last!) } ?? "xlsx-tasks.invalid"
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@\(domain)>"
    }

    /// The message as bytes; refuses a line break in any header text (header injection).
    public func render() throws -> Data {
        let boundary = "=_xlsx-tasks_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        var lines: [String] = []
        if let from { lines.append(try Self.addressField("From", [from])) }
        if !to.isEmpty { lines.append(try Self.addressField("To", to)) }
        if !cc.isEmpty { lines.append(try Self.addressField("Cc", cc)) }
        lines.append(try HeaderText.field("Subject", subject))
        lines.append("Date: " + Self.rfc5322Date(date))
        try HeaderText.checkNoLineBreak(messageID, in: "Message-ID")
        lines.append("Message-ID: " + messageID)
        lines.append("MIME-Version: 1.0")
        if draft { lines.append("X-Unsent: 1") }
        lines.append("Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        lines.append("--" + boundary)
        lines.append("Content-Type: text/plain; charset=UTF-8")
        lines.append("Content-Transfer-Encoding: base64")
        lines.append("")
        lines.append(Self.base64Lines(Data(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)))
        for attachment in attachments {
            try HeaderText.checkNoLineBreak(attachment.fileName, in: "attachment name")
            lines.append("--" + boundary)
            let encodedName = HeaderText.isPlainASCII(attachment.fileName) && !attachment.fileName.contains("\"")
                ? attachment.fileName
                : HeaderText.encodedWords(attachment.fileName, firstLineUsed: 7).joined(separator: "\r\n ")
            lines.append("Content-Type: \(attachment.contentType);\r\n name=\"\(encodedName)\"")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("Content-Disposition: attachment;\r\n filename*=\(HeaderText.extendedValue(attachment.fileName))")
            lines.append("")
            lines.append(Self.base64Lines(attachment.data))
        }
        lines.append("--" + boundary + "--")
        lines.append("")
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// "=?UTF-8?B?5Y+R5pS55aeU?= <a@b.cn>, …", folded one mailbox a line.
    static func addressField(_ name: String, _ boxes: [Mailbox]) throws -> String {
        let parts = try boxes.map { box -> String in
            try HeaderText.checkNoLineBreak(box.name, in: name)
            guard !box.name.isEmpty else { return box.address.address }
            let shown = HeaderText.isPlainASCII(box.name) && !box.name.contains(where: { "\"\\()<>,;:@[]".contains($0) })
                ? box.name : HeaderText.encodedWords(box.name, firstLineUsed: 1).joined(separator: "\r\n ")
            return "\(shown) <\(box.address.address)>"
        }
        return "\(name): " + parts.joined(separator: ",\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    static func base64Lines(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }
}
