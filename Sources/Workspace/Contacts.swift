import Foundation
import GRDB
import Mail
import TaskSchema
import WorkbookIO

/// Who to write to: each unit's 联系人, 邮箱, 抄送 and 电话, filled in by the clerk in a workbook the
/// tool writes (`contacts template`) and read back (`contacts import`) with the merge's readers.
extension Workspace {
    public static let contactColumns = ["单位", "联系人", "邮箱", "抄送", "电话"]

    public struct Contact: Sendable, Encodable {
        public var unit: String
        public var person: String
        public var email: [String]
        public var cc: [String]
        public var phone: String
    }

    public struct ContactsImported: Sendable, Encodable {
        public var file: String
        public var contacts: Int
        /// Units of the master with no address.
        public var withoutAddress: [String]
        /// Rows naming a unit the master does not have.
        public var unknownUnits: [String]
    }

    /// `contacts template -o FILE`: every unit, with what is stored already, blanks otherwise.
    public func writeContactsTemplate(to destination: URL) throws {
        let stored = Dictionary(uniqueKeysWithValues: try contacts().map { ($0.unit, $0) })
        let units = try database.read { try String.fetchAll($0, sql: "SELECT name FROM unit ORDER BY position") }
        try XlsxWorkbook.write(to: destination) { workbook in
            try workbook.setProperties(.init(title: "各单位联系人", subject: "xlsx-tasks contacts", author: "xlsx-tasks"))
            try workbook.setCustomProperty(DocumentProperty.kind, "contacts")
            let sheet = try workbook.addWorksheet(named: "联系人")
            let header = CellStyle(fontName: "黑体", fontSize: 11, backgroundColor: 0xDDEBF7, wrap: true, border: true, horizontal: .center)
            let locked = CellStyle(fontName: "仿宋", fontSize: 11, backgroundColor: 0xF2F2F2, border: true)
            let input = CellStyle(fontName: "仿宋", fontSize: 11, locked: false, border: true)
            for (column, width) in [24.0, 12, 36, 36, 18].enumerated() { try sheet.setColumnWidth(column...column, width: width) }
            try sheet.writeRow(Self.contactColumns, row: 0, style: header)
            for (offset, unit) in units.enumerated() {
                let known = stored[unit]
                try sheet.write(unit, row: offset + 1, column: 0, style: locked)
                for (column, text) in [known?.person ?? "", known?.email.joined(separator: "；") ?? "", known?.cc.joined(separator: "；") ?? "",
                                       known?.phone ?? ""].enumerated() {
                    try sheet.write(text, row: offset + 1, column: column + 1, style: input)
                }
            }
            try sheet.write("邮箱、抄送可填写多个地址，用分号或逗号隔开。单位名称请勿修改。", row: units.count + 2, column: 0)
            sheet.freezePanes(row: 1, column: 1)
        }
    }

    /// `contacts import FILE` (xlsx, xls or CSV): a header row with 单位 and 邮箱 (the others
    /// optional); every address checked — a bad one stops the import, naming its row, and nothing
    /// is stored. Rows replace what was stored for their units.
    public func importContacts(_ path: String) throws -> ContactsImported {
        let reader: any SpreadsheetReader
        do { reader = try Workbook.open(path) } catch { throw WorkspaceError("\(error)") }
        var rows: [[String]] = []
        try reader.readRows(ofSheet: 0) { row in
            var cells: [String] = []
            for cell in row.cells {
                while cells.count < cell.column { cells.append("") }
                cells.append(cell.value.displayText(date1904: reader.date1904).trimmingCharacters(in: .whitespaces))
            }
            rows.append(cells + [String(row.index + 1)])  // the row number as the unit sees it, last
        }
        guard let headerAt = rows.firstIndex(where: { $0.contains("单位") && $0.contains("邮箱") }) else {
            throw WorkspaceError("\(path): no header row with 单位 and 邮箱 (write one with: xlsx-tasks contacts template -o 联系人.xlsx)")
        }
        let header = rows[headerAt].dropLast()
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        let units = Set(try database.read { try String.fetchAll($0, sql: "SELECT name FROM unit") })
        var contacts: [Contact] = [], unknown: [String] = []
        for row in rows[(headerAt + 1)...] {
            let number = row.last!
            func cell(_ name: String) -> String { column(name).map { $0 < row.count - 1 ? row[$0] : "" } ?? "" }
            let unit = cell("单位")
            guard !unit.isEmpty else { continue }
            guard units.contains(unit) else {
                if !unit.hasPrefix("邮箱、抄送") { unknown.append(unit) }
                continue
            }
            var lists: [[String]] = []
            for field in ["邮箱", "抄送"] {
                switch MailAddress.list(cell(field)) {
                case .success(let addresses): lists.append(addresses.map(\.address))
                case .failure(let error): throw WorkspaceError("\(path): row \(number), \(field): \(error.message)")
                }
            }
            for field in ["联系人", "电话"] {
                try HeaderTextCheck.plain(cell(field), "\(path): row \(number), \(field)")
            }
            contacts.append(Contact(unit: unit, person: cell("联系人"), email: lists[0], cc: lists[1], phone: cell("电话")))
        }
        try database.write { db in
            for contact in contacts {
                try db.execute(sql: "INSERT OR REPLACE INTO contact VALUES (?, ?, ?, ?, ?, ?)", arguments: [
                    contact.unit, contact.person, contact.email.joined(separator: ", "), contact.cc.joined(separator: ", "), contact.phone, Self.now(),
                ])
            }
            try record(db, "contacts import", "\(path): \(contacts.count) units")
        }
        let withAddress = Set(try self.contacts().filter { !$0.email.isEmpty }.map(\.unit))
        let missing = try database.read { try String.fetchAll($0, sql: "SELECT name FROM unit ORDER BY position") }.filter { !withAddress.contains($0) }
        return ContactsImported(file: path, contacts: contacts.count, withoutAddress: missing, unknownUnits: unknown)
    }

    public func contacts() throws -> [Contact] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT contact.* FROM contact JOIN unit ON unit.name = contact.unit ORDER BY unit.position").map { row in
                func list(_ text: String) -> [String] { text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
                return Contact(unit: row["unit"], person: row["person"], email: list(row["email"]), cc: list(row["cc"]), phone: row["phone"])
            }
        }
    }
}

/// Names and phone numbers go into headers and bodies: a line break in one is refused.
enum HeaderTextCheck {
    static func plain(_ text: String, _ place: String) throws {
        do { try HeaderText.checkNoLineBreak(text, in: place) } catch let error as MailError { throw WorkspaceError(error.message) }
    }
}
