import Foundation
import WorkbookIO

/// How the merge knew which unit sent a file, strongest first.
public enum Identification: String, Sendable, Codable {
    case properties, metadata, title
    /// The mail answered our notice to the unit.
    case reply
    /// The mail came from the unit's contact address.
    case sender
    case fileName = "file name"
    case taskIDs = "task ids"

    /// As 收文清单 says it.
    var chinese: String {
        switch self {
        case .properties: return "文件属性"
        case .metadata: return "隐藏信息表"
        case .title: return "标题/填报信息"
        case .reply: return "回复通知邮件"
        case .sender: return "发件人邮箱"
        case .fileName: return "文件名"
        case .taskIDs: return "任务编号"
        }
    }
}

/// Whose file it is, and whether it belongs to this master and round.
extension FileAnalysis {
    /// Properties first, then the hidden metadata sheet, the title or reporter block, the mail
    /// it came in (a reply to our notice, the sender's address), the file name, and last the task
    /// ids the file holds.
    static func identify(_ file: ReturnedFile, layouts: [(SheetContents, TableLayout)], index: MasterIndex,
                         mail: MailProvenance? = nil) -> (String, Identification)? {
        if let unit = file.customProperties[DocumentProperty.unit], index.isRecipient(unit) { return (unit, .properties) }
        if let unit = file.metadataValue(DocumentProperty.unit), index.isRecipient(unit) { return (unit, .metadata) }
        for (sheet, layout) in layouts {
            for row in sheet.rows.prefix(layout.headerRow) {
                for (column, value) in row.values.enumerated() {
                    guard case .text(let text)? = value else { continue }
                    let key = TextKey.of(text)
                    if key.hasPrefix("填报单位"), column + 1 < row.values.count, case .text(let named)? = row.values[column + 1],
                        index.isRecipient(NameList.clean(named))
                    {
                        return (NameList.clean(named), .title)
                    }
                    let bytes = Array(key.utf8)
                    if let unit = index.recipientKeys.first(where: { bytes.starts(with: $0.key) })?.name {
                        return (unit, .title)
                    }
                }
            }
        }
        if let mail, let unit = mail.unit, let how = mail.identifiedBy { return (unit, how) }
        let stem = Array(TextKey.of(URL(fileURLWithPath: file.path).deletingPathExtension().lastPathComponent).utf8)
        if let unit = index.recipientKeys.first(where: { ByteSearch.contains(stem, $0.key) })?.name { return (unit, .fileName) }
        var ids: Set<String> = []
        for (sheet, layout) in layouts {
            guard let column = layout.idColumn else { continue }
            for row in sheet.rows.dropFirst(layout.headerRow + 1) {
                if column < row.values.count, case .text(let id)? = row.values[column], index.tasksByID[NameList.clean(id)] != nil {
                    ids.insert(NameList.clean(id))
                }
            }
        }
        guard !ids.isEmpty else { return nil }
        let owners = index.primaryUnits.filter { unit in ids.allSatisfy { index.tasksByID[$0]!.primaryUnits.contains(unit) } }
        return owners.count == 1 ? (owners.first!, .taskIDs) : nil
    }

    mutating func checkIdentification(_ file: ReturnedFile, index: MasterIndex) {
        if let fingerprint = file.identification(DocumentProperty.masterFingerprint), fingerprint != index.fingerprint
        {
            problem(.otherMaster, value: fingerprint, message: "the file was split from a different version of the master; task texts are checked one by one",
                    zh: "文件由另一版本的任务总表生成，已逐项核对任务内容")
        }
    }

    /// A workbook that names its unit itself but came from another unit's address or as the
    /// answer to another unit's notice, or that answers another round's notice: used, with a
    /// warning, for the clerk to check (a colleague may send for a unit; a unit may reply late).
    mutating func checkMail(_ mail: MailProvenance?, round: String?) {
        guard let mail, let unit else { return }
        if let other = mail.unit, other != unit {
            let how = mail.identifiedBy == .reply ? "answers the notice sent to" : "came from the address of"
            let zh = mail.identifiedBy == .reply ? "回复的是发给“\(other)”的通知" : "发件人是“\(other)”的联系邮箱"
            problem(.otherSender, value: mail.fromAddress,
                    message: "the mail \(how) \(other), but the workbook is \(unit)'s; check who sent it",
                    zh: "该邮件\(zh)，附件却是“\(unit)”的填报表，请核实")
        }
        if let answered = mail.answersRound, let round, answered != round {
            problem(.otherRoundReply, value: answered,
                    message: "the mail answers the notice of round \(answered); collected into \(round)",
                    zh: "该邮件回复的是“\(answered)”期的通知，已收入本期（\(round)），请核实是否为本期文件")
        }
    }
}
