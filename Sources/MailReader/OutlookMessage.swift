import Foundation
import WorkbookIO

/// An Outlook .msg (MS-OXMSG): an OLE compound file whose streams are the message's MAPI
/// properties, one `__attach_version1.0_#…` storage per attachment. Read through
/// ``CompoundFile``; the internet headers Outlook keeps (PR_TRANSPORT_MESSAGE_HEADERS) are
/// used when present, the properties otherwise.
public enum OutlookMessage {
    public struct Unreadable: Error { public var reason: String }

    public static func parse(_ bytes: [UInt8]) throws(Unreadable) -> MailMessage {
        let file: CompoundFile
        do { file = try CompoundFile(bytes: bytes) } catch { throw Unreadable(reason: "not an Outlook message: \((error as? CompoundFile.Damaged)?.reason ?? "\(error)")") }
        guard let root = file.root else { throw Unreadable(reason: "an OLE container with no root") }
        var depth = 0
        return message(in: root, of: file, depth: &depth, propertiesHeader: 32)
    }

    /// Property streams are named `__substg1.0_` + the property id and type in hex.
    static func message(in storage: CompoundFile.Entry, of file: CompoundFile, depth: inout Int, propertiesHeader: Int) -> MailMessage {
        let properties = Properties(storage: storage, file: file, header: propertiesHeader)
        var message = MailMessage()
        message.subject = properties.string(0x0037) ?? ""
        message.fromName = properties.string(0x0C1A) ?? properties.string(0x0042)
        let smtp = properties.string(0x5D01) ?? properties.string(0x5D02)
        let sender = properties.string(0x0C1F) ?? properties.string(0x0065)
        message.fromAddress = (smtp ?? sender.flatMap { $0.contains("@") ? $0 : nil })?.lowercased()
        message.messageID = properties.string(0x1035)
        message.answers = MailMessage.messageIDs(in: properties.string(0x1042) ?? "") + MailMessage.messageIDs(in: properties.string(0x1039) ?? "")
        message.date = properties.time(0x0039) ?? properties.time(0x0E06)
        if let headers = properties.string(0x007D), !headers.isEmpty {
            message.readHeaders(MimeEntity(Array((headers + "\r\n\r\n").utf8)[...]))
        }
        depth += 1
        guard depth < 20 else { return message }
        for attachment in file.children(of: storage) where attachment.isStorage && attachment.name.hasPrefix("__attach_version1.0_") {
            let properties = Properties(storage: attachment, file: file, header: 8)
            if let embedded = properties.storage(0x3701, type: 0x000D) {
                // An attached Outlook item: a forwarded message, whose attachments are the unit's.
                let inner = Self.message(in: embedded, of: file, depth: &depth, propertiesHeader: 24)
                message.attachments += inner.attachments.map { var forwarded = $0; forwarded.forwarded = true; return forwarded }
                continue
            }
            guard let data = properties.binary(0x3701) else { continue }
            let name = properties.string(0x3707) ?? properties.string(0x3704) ?? properties.string(0x3001)
            message.attachments.append(MailAttachment(name: name, contentType: properties.string(0x370E) ?? "application/octet-stream",
                                                      data: data, forwarded: false))
        }
        return message
    }

    /// The properties of one storage: strings and binaries as streams, fixed-size values (times,
    /// the code page) in `__properties_version1.0` after a header whose length depends on what
    /// the storage is (32 bytes for the message, 24 for an embedded one, 8 for an attachment).
    struct Properties {
        var streams: [String: CompoundFile.Entry] = [:]
        var storages: [String: CompoundFile.Entry] = [:]
        var fixed: [UInt16: (type: UInt16, value: UInt64)] = [:]
        let file: CompoundFile

        init(storage: CompoundFile.Entry, file: CompoundFile, header: Int) {
            self.file = file
            for entry in file.children(of: storage) {
                if entry.isStream { streams[entry.name.uppercased()] = entry } else { storages[entry.name.uppercased()] = entry }
            }
            if let table = streams["__PROPERTIES_VERSION1.0"], let bytes = try? file.contents(of: table) {
                var offset = header
                while offset + 16 <= bytes.count {
                    let type = CompoundFile.u16(bytes, offset), id = CompoundFile.u16(bytes, offset + 2)
                    fixed[id] = (type, CompoundFile.u64(bytes, offset + 8))
                    offset += 16
                }
            }
        }

        func name(_ id: UInt16, _ type: UInt16) -> String { "__SUBSTG1.0_" + String(format: "%04X%04X", id, type) }

        func binary(_ id: UInt16) -> [UInt8]? {
            streams[name(id, 0x0102)].flatMap { try? file.contents(of: $0) }
        }

        func storage(_ id: UInt16, type: UInt16) -> CompoundFile.Entry? { storages[name(id, type)] }

        /// PT_UNICODE (UTF-16LE), else PT_STRING8 in the message's code page (GBK on a Chinese Outlook).
        func string(_ id: UInt16) -> String? {
            if let entry = streams[name(id, 0x001F)], let bytes = try? file.contents(of: entry) {
                var units: [UInt16] = []
                var offset = 0
                while offset + 1 < bytes.count { units.append(CompoundFile.u16(bytes, offset)); offset += 2 }
                while units.last == 0 { units.removeLast() }
                return String(decoding: units, as: UTF16.self)
            }
            if let entry = streams[name(id, 0x001E)], var bytes = try? file.contents(of: entry) {
                while bytes.last == 0 { bytes.removeLast() }
                let page = fixed[0x3FDE].map { Int($0.value & 0xFFFF_FFFF) } ?? fixed[0x3FFD].map { Int($0.value & 0xFFFF_FFFF) }
                return Charset.decode(bytes, label: page.map { $0 == 65001 ? "utf-8" : $0 == 936 ? "gbk" : "cp\($0)" })
            }
            return nil
        }

        /// PT_SYSTIME: a FILETIME, 100 ns since 1601.
        func time(_ id: UInt16) -> Date? {
            guard let (type, value) = fixed[id], type == 0x0040, value > 0 else { return nil }
            return Date(timeIntervalSince1970: Double(value) / 10_000_000 - 11_644_473_600)
        }
    }
}
