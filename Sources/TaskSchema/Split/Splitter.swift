import Foundation
import WorkbookIO

/// A split that could not be done; names the folder or file concerned.
public struct SplitError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// Writes one workbook per recipient and the clerk's mailing checklist into a folder.
///
/// Everything is written into a hidden staging folder next to the destination, and the
/// staging folder replaces the destination only when every file was written: a failed run
/// leaves the old folder as it was, and old and new files never mix.
public enum Splitter {
    public static let checklistName = "分发清单.xlsx"

    public struct Workbook: Sendable {
        public var recipient: String
        public var file: String
        public var primaryTasks: Int
        public var relatedTasks: Int
    }

    public struct Result: Sendable {
        public var folder: URL
        public var workbooks: [Workbook]
        public var distribution: Distribution
        /// Units whose send/return dates and notes were carried over from the earlier checklist.
        public var keptChecklistEntries: Int = 0
    }

    /// The very hidden sheet of 分发清单.xlsx listing each workbook split wrote with its CRC-32,
    /// so a later --force can tell them from files saved over them (a unit's return under the
    /// same name). In the checklist, not a file of its own: the folder holds only what the clerk sends.
    public static let checksumSheet = UnitWorkbook.metadataSheet
    /// Column labels of the checklist that the next split reads back.
    static let fileLabel = "文件"
    static let recipientLabels: [Distribution.Grouping: String] = [.unit: "责任单位", .leader: "分管领导"]

    public static func split(
        _ master: Master, settings: SplitSettings, includeRelated: Bool, into folder: URL, force: Bool
    ) throws -> Result {
        let destination = folder.standardizedFileURL
        let previous = try checkDestination(destination, force: force)
        let distribution = Distribution.plan(master, by: settings.grouping, includeRelated: includeRelated)
        var taken: Set<String> = [String(checklistName.dropLast(5)).lowercased()]
        let workbooks = distribution.recipients.map { recipient -> Workbook in
            let stem = FileName.safeStem(recipient.name, avoidingLowercased: taken)
            taken.insert(stem.lowercased())
            return Workbook(recipient: recipient.name, file: stem + ".xlsx", primaryTasks: recipient.primaryTaskCount,
                            relatedTasks: recipient.relatedTaskCount)
        }

        let parent = destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw SplitError(message: "\(parent.path): cannot create the folder: \(error.localizedDescription)")
        }
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw SplitError(message: "\(parent.path): cannot write there: \(error.localizedDescription)")
        }
        do {
            // The workbooks are independent: build them on every core.
            let failures = ParallelMap.map(Array(workbooks.indices)) { index -> String? in
                do {
                    try UnitWorkbook.write(
                        distribution.recipients[index], of: master, settings: settings,
                        to: staging.appendingPathComponent(workbooks[index].file))
                    return nil
                } catch {
                    return "\(destination.appendingPathComponent(workbooks[index].file).path): \(error)"
                }
            }.compactMap { $0 }
            if let first = failures.first {
                throw SplitError(message: failures.count == 1 ? first : "\(first) (and \(failures.count - 1) more)")
            }
            let kept = previous?.entries.filter { entry in workbooks.contains { $0.recipient == entry.key } } ?? [:]
            var checksums: [String: UInt32] = [:]
            for file in workbooks.map(\.file) { checksums[file] = FileChecksum.crc32(of: staging.appendingPathComponent(file).path) }
            try writeChecklist(workbooks, settings: settings, includeRelated: includeRelated, kept: kept, checksums: checksums,
                               to: staging.appendingPathComponent(checklistName))
            try replace(destination, with: staging)
            return Result(folder: destination, workbooks: workbooks, distribution: distribution, keptChecklistEntries: kept.count)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    /// Refuses a non-empty destination unless `force` is given and it holds an earlier split and
    /// nothing else: every file in it is its checklist or a workbook the checklist
    /// lists and that is unchanged since split wrote it. Returns the earlier checklist's entries.
    static func checkDestination(_ destination: URL, force: Bool) throws -> PreviousChecklist? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &isFolder) else { return nil }
        guard isFolder.boolValue else { throw SplitError(message: "\(destination.path): exists and is not a folder") }
        let contents = ((try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []).sorted()
        if contents.isEmpty { return nil }
        guard force else {
            throw SplitError(message: "\(destination.path): the folder is not empty; choose another folder or use --force to replace an earlier split")
        }
        let checklist = destination.appendingPathComponent(checklistName)
        guard contents.contains(checklistName), let previous = PreviousChecklist(path: checklist.path) else {
            throw SplitError(message: "\(destination.path): --force replaces only a folder written by split (one holding its \(checklistName)); this one holds other files")
        }
        var foreign: [String] = []
        var changed: [String] = []
        for name in contents where name != checklistName {
            guard previous.files.contains(name) else {
                foreign.append(name)
                continue
            }
            if let expected = previous.checksums[name], FileChecksum.crc32(of: destination.appendingPathComponent(name).path) != expected {
                changed.append(name)
            }
        }
        if !foreign.isEmpty {
            throw SplitError(message: "\(destination.path): --force would delete files split did not write: \(foreign.joined(separator: ", ")); move them out of the folder first")
        }
        if !changed.isEmpty {
            throw SplitError(message: "\(destination.path): changed since split wrote them (a unit's return saved over them?): \(changed.joined(separator: ", ")); move them out of the folder first")
        }
        return previous
    }

    static func replace(_ destination: URL, with staging: URL) throws {
        let manager = FileManager.default
        var old: URL? = nil
        if manager.fileExists(atPath: destination.path) {
            let aside = destination.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).old-\(UUID().uuidString.prefix(8))")
            guard rename(destination.path, aside.path) == 0 else {
                throw SplitError(message: "\(destination.path): cannot replace the folder: \(String(cString: strerror(errno)))")
            }
            old = aside
        }
        guard rename(staging.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let old { _ = rename(old.path, destination.path) }
            throw SplitError(message: "\(destination.path): cannot move the new files into place: \(reason)")
        }
        if let old { try? manager.removeItem(at: old) }
    }

    static func writeChecklist(
        _ workbooks: [Workbook], settings: SplitSettings, includeRelated: Bool, kept: [String: [String: CellValue]] = [:],
        checksums: [String: UInt32] = [:], to url: URL
    ) throws {
        var header = ["序号", recipientLabels[settings.grouping]!, fileLabel, "任务数"]
        if includeRelated { header.append("配合任务数") }
        header += PreviousChecklist.clerkColumns
        let style = settings.style
        let bold = style.header
        let cell = style.body
        let dateCell = style.dateBody
        try XlsxWorkbook.write(to: url) { workbook in
            try workbook.setProperties(.init(title: "分发清单", subject: settings.document, author: "xlsx-tasks"))
            try workbook.setCustomProperty(DocumentProperty.kind, "checklist")
            try workbook.setCustomProperty(DocumentProperty.period, settings.period)
            let sheet = try workbook.addWorksheet(named: "分发清单")
            let title = settings.period.isEmpty ? "\(settings.document) 分发清单" : "\(settings.document) 分发清单（\(settings.period)）"
            let widths: [Double] = [6, 18, 28, 8] + (includeRelated ? [10] : []) + [12, 12, 20]
            for (index, width) in widths.enumerated() { try sheet.setColumnWidth(index...index, width: width) }
            try sheet.setRowHeight(0, height: (style.style.titleSize * 2.2).rounded(.up))
            try sheet.mergeRange(rows: 0...0, columns: 0...(header.count - 1), text: title, style: style.title)
            try sheet.setRowHeight(1, height: style.rowHeight(header, widths: widths))
            try sheet.writeRow(header, row: 1, style: bold)
            for (offset, entry) in workbooks.enumerated() {
                let row = offset + 2
                try sheet.setRowHeight(row, height: style.rowHeight([entry.recipient, entry.file], widths: widths[1...2]))
                try sheet.write(Double(offset + 1), row: row, column: 0, style: cell)
                try sheet.write(entry.recipient, row: row, column: 1, style: cell)
                try sheet.write(entry.file, row: row, column: 2, style: cell)
                try sheet.write(Double(entry.primaryTasks), row: row, column: 3, style: cell)
                var column = 4
                if includeRelated {
                    try sheet.write(Double(entry.relatedTasks), row: row, column: column, style: cell)
                    column += 1
                }
                let entry = kept[entry.recipient] ?? [:]
                for position in column..<header.count {
                    switch entry[header[position]] {
                    case .date(let serial)?: try sheet.write(serial, row: row, column: position, style: dateCell)
                    case .number(let number)?: try sheet.write(number, row: row, column: position, style: cell)
                    case .text(let text)?: try sheet.write(text, row: row, column: position, style: cell)
                    default: try sheet.writeBlank(row: row, column: position, style: cell)
                    }
                }
            }
            let total = workbooks.count + 2
            try sheet.write("合计", row: total, column: 1, style: style.total)
            try sheet.write("\(workbooks.count) 个文件", row: total, column: 2, style: style.total)
            try sheet.write(Double(workbooks.reduce(0) { $0 + $1.primaryTasks }), row: total, column: 3, style: style.total)
            sheet.freezePanes(row: 2, column: 0)
            try PrintLayout.apply(to: sheet, columns: header.count, style: style, repeatRows: 1...1)
            let hidden = try workbook.addWorksheet(named: checksumSheet)
            try hidden.writeRow(["文件", "CRC-32"], row: 0)
            for (offset, file) in checksums.keys.sorted().enumerated() {
                try hidden.writeRow([file, String(checksums[file]!)], row: offset + 1)
            }
            hidden.hideCompletely()
        }
    }
}

/// The clerk's entries in an earlier 分发清单.xlsx: the files it lists, and per recipient what was
/// typed into the columns split leaves blank (发送日期, 回收情况, 备注), kept by the next split.
struct PreviousChecklist {
    static let clerkColumns = ["发送日期", "回收情况", "备注"]
    var files: Set<String> = []
    var entries: [String: [String: CellValue]] = [:]
    /// File → CRC-32 as split wrote it (absent in a checklist from before checksums).
    var checksums: [String: UInt32] = [:]

    init?(path: String) {
        guard let reader = try? Workbook.open(path), reader.customProperties[DocumentProperty.kind] ?? "checklist" == "checklist",
            !reader.sheets.isEmpty
        else { return nil }
        let sheet = 0
        var header: [Int: String]? = nil
        var recipientColumn: Int? = nil, fileColumn: Int? = nil
        var files: Set<String> = [], entries: [String: [String: CellValue]] = [:]
        let read = try? reader.readRows(ofSheet: sheet) { (row: SheetRow) throws -> Void in
            var values: [Int: CellValue] = [:]
            for cell in row.cells { values[cell.column] = cell.value }
            guard let names = header else {
                let texts = values.compactMapValues { value -> String? in if case .text(let text) = value { return text } else { return nil } }
                let recipientLabels = Set(Splitter.recipientLabels.values)
                if let file = texts.first(where: { $0.value == Splitter.fileLabel }),
                    let recipient = texts.first(where: { recipientLabels.contains($0.value) })
                {
                    header = texts
                    recipientColumn = recipient.key
                    fileColumn = file.key
                }
                return
            }
            guard let recipientColumn, let fileColumn, case .text(let recipient)? = values[recipientColumn],
                case .text(let file)? = values[fileColumn]
            else { return }
            files.insert(file)
            var typed: [String: CellValue] = [:]
            for (column, name) in names where PreviousChecklist.clerkColumns.contains(name) {
                if let value = values[column] { typed[name] = value }
            }
            if !typed.isEmpty { entries[recipient] = typed }
        }
        guard read != nil, header != nil else { return nil }
        self.files = files
        self.entries = entries
        if let hidden = reader.sheets.firstIndex(where: { $0.name == Splitter.checksumSheet }) {
            var sums: [String: UInt32] = [:]
            _ = try? reader.readRows(ofSheet: hidden) { (row: SheetRow) -> Void in
                let values = row.cells.map(\.value)
                if values.count == 2, case .text(let file) = values[0] {
                    switch values[1] {
                    case .text(let text): if let sum = UInt32(text) { sums[file] = sum }
                    case .number(let number): sums[file] = UInt32(exactly: number)
                    default: break
                    }
                }
            }
            checksums = sums
        }
    }
}
