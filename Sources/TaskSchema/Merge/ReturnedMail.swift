import Foundation
import MailReader
import WorkbookIO

/// A saved mail (.eml, Outlook .msg) or a mailbox of them (.mbox) a clerk collects: each
/// spreadsheet attachment is taken out into a scratch folder and merged as a file of its own,
/// shown as `回复.eml/附件.xlsx`, with the message as its provenance. A mailbox's messages
/// are opened one by one (`导出.mbox/3.eml`). Within the archive limits, like a .zip.
enum ReturnedMail {
    enum Kind: String, Sendable, Codable { case message, mailbox, outlook }

    struct Opened {
        var inputs: [ReturnedInput]
        var note: FileAnalysis.Skip
        var provenance: MailProvenance?
    }

    static func extract(_ input: ReturnedInput, kind: Kind, depth: Int, into scratch: URL, limits: ReadLimits,
                        senders: SenderDirectory, index: MasterIndex) throws(ReturnedArchive.Refusal) -> Opened {
        guard depth < limits.archiveDepth else {
            throw .init(reason: "a mail nested more than \(limits.archiveDepth) deep (limit archive-depth); save its attachments and collect those",
                        chinese: "邮件嵌套超过 \(limits.archiveDepth) 层，请保存其中的附件后再汇总")
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: input.path))?[.size] as? NSNumber)?.uint64Value ?? 0
        guard size <= limits.fileBytes, let bytes = FileManager.default.contents(atPath: input.path) else {
            throw .init(reason: "a mail file of \(size >> 20) MB (limit file-bytes: \(limits.fileBytes >> 20) MB), or unreadable",
                        chinese: "邮件文件过大或无法读取")
        }
        switch kind {
        case .mailbox:
            let messages = MboxFile.messages(bytes)
            guard messages.count <= limits.zipEntries else {
                throw .init(reason: "a mailbox of \(messages.count) messages (limit zip-entries: \(limits.zipEntries))",
                            chinese: "邮箱文件中的邮件过多（\(messages.count) 封）")
            }
            var inputs: [ReturnedInput] = []
            for (number, message) in messages.enumerated() {
                let target = scratch.appendingPathComponent("\(depth)-\(UUID().uuidString.prefix(8))-\(number + 1).eml")
                do {
                    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
                    try Data(message).write(to: target)
                    var inner = ReturnedInput(path: target.path, shown: "\(input.shown)/\(number + 1).eml", modified: input.modified)
                    inner.mail = input.mail
                    inputs.append(inner)
                } catch {
                    inputs.append(ReturnedInput(path: target.path, shown: "\(input.shown)/\(number + 1).eml", modified: nil,
                                                unreadable: "cannot be taken out of the mailbox: \(error)"))
                }
            }
            return Opened(inputs: inputs, note: .init("a mailbox of \(messages.count) message(s), each collected as \(input.shown)/N.eml",
                                                      "邮箱文件，共 \(messages.count) 封邮件，已逐封取出附件汇总"), provenance: nil)
        case .message, .outlook:
            let message: MailMessage
            if kind == .outlook {
                do { message = try OutlookMessage.parse([UInt8](bytes)) } catch {
                    throw .init(reason: "an Outlook message that cannot be read: \(error.reason)", chinese: "Outlook 邮件文件已损坏，无法读取")
                }
            } else {
                message = MailMessage.parse(bytes)
            }
            // A message inside a mailbox or attached to another is its own provenance.
            let provenance = senders.provenance(for: message, shown: input.shown, index: index)
            var kept: [ReturnedInput] = [], left: [String] = []
            var names = Set<String>()
            for (number, attachment) in message.attachments.enumerated() {
                let name = SafeFileName.of(attachment.name, number: number + 1, contents: attachment.data, type: attachment.contentType)
                guard isSpreadsheet(name: name, attachment) else {
                    left.append(name)
                    continue
                }
                guard kept.count < limits.zipEntries else { break }
                // Two attachments of one name (sent twice): the second is shown numbered.
                var shownName = name
                var copy = 2
                while !names.insert(shownName).inserted {
                    shownName = (name as NSString).deletingPathExtension + "(\(copy))" + ((name as NSString).pathExtension.isEmpty ? "" : "." + (name as NSString).pathExtension)
                    copy += 1
                }
                let folder = scratch.appendingPathComponent("\(depth)-\(UUID().uuidString.prefix(8))-\(number)")
                let target = folder.appendingPathComponent(shownName)
                let shown = "\(input.shown)/\(shownName)"
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try Data(attachment.data).write(to: target)
                    var inner = ReturnedInput(path: target.path, shown: shown, modified: message.date ?? input.modified)
                    inner.mail = provenance
                    kept.append(inner)
                } catch {
                    kept.append(ReturnedInput(path: target.path, shown: shown, modified: nil, unreadable: "cannot be taken out of the mail: \(error)"))
                }
            }
            let from = provenance.summary.isEmpty ? "" : "（\(provenance.summary)）"
            let others = left.isEmpty ? ("", "") : ("; not spreadsheets, not merged: " + left.joined(separator: ", "),
                                                    "；另有非表格附件未汇总：" + left.joined(separator: "、"))
            guard !kept.isEmpty else {
                throw .init(reason: "a mail with no spreadsheet attached" + (provenance.summary.isEmpty ? "" : " (\(provenance.summary))") + others.0,
                            chinese: "邮件\(from)中没有电子表格附件" + others.1)
            }
            return Opened(inputs: kept,
                          note: .init("a mail" + (provenance.summary.isEmpty ? "" : " from \(provenance.summary)")
                                          + ": its \(kept.count) spreadsheet attachment(s) are merged as \(input.shown)/…" + others.0,
                                      "邮件\(from)，已取出 \(kept.count) 个表格附件逐一汇总" + others.1),
                          provenance: provenance)
        }
    }

    /// What the merge can read or open: by the name's extension, or by a workbook's or an
    /// archive's first bytes when the name says nothing (a signature image or a PDF is not).
    static func isSpreadsheet(name: String, _ attachment: MailAttachment) -> Bool {
        let known: Set<String> = ["xlsx", "xlsm", "xltx", "xls", "xlt", "et", "ett", "csv", "tsv", "zip", "eml", "msg", "mbox"]
        let ext = (name as NSString).pathExtension.lowercased()
        if !ext.isEmpty { return known.contains(ext) }
        let type = attachment.contentType
        return type.contains("spreadsheet") || type.contains("excel") || type == "text/csv"
            || attachment.data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || attachment.data.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
    }
}
