import Foundation
import WorkbookIO

/// How the merge knew which unit sent a file, strongest first.
public enum Identification: String, Sendable, Codable {
    case properties, metadata, title
    case fileName = "file name"
    case taskIDs = "task ids"

    /// As 收文清单 says it.
    var chinese: String {
        switch self {
        case .properties: return "文件属性"
        case .metadata: return "隐藏信息表"
        case .title: return "标题/填报信息"
        case .fileName: return "文件名"
        case .taskIDs: return "任务编号"
        }
    }
}

/// Whose file it is, and whether it belongs to this master and round.
extension FileAnalysis {
    /// Properties first, then the hidden metadata sheet, the title or reporter block, the file
    /// name, and last the task ids the file holds.
    static func identify(_ file: ReturnedFile, layouts: [(SheetContents, TableLayout)], index: MasterIndex) -> (String, Identification)? {
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
}
