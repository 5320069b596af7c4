import Foundation

/// What openpyxl, an independent reader, sees in a workbook (see Tests/Helpers/inspect_xlsx.py).
public struct InspectedWorkbook: Decodable, Sendable {
    public struct Validation: Decodable, Sendable {
        public let sqref: String
        public let type: String?
        public let formula1: String?
        public let formula2: String?
        public let `operator`: String?
        public let promptTitle: String?
        public let prompt: String?
        public let errorTitle: String?
        public let error: String?
    }

    public struct Sheet: Decodable, Sendable {
        public let title: String
        public let state: String
        public let rows: [[JSONValue]]
        public let locked: [[Bool]]
        public let merged: [String]
        public let freeze: String?
        public let protected: Bool
        public let hasPassword: Bool
        public let validations: [Validation]
        public let landscape: Bool
        public let paperSize: Int?
        public let fitToWidth: Int?
        public let fitToPage: Bool
        public let printTitleRows: String?
        public let footer: String?
        public let autofilter: String?

        /// The rows from the table's header on: the sheets written for people to read have a
        /// title and a line under it first. The header is the first row that starts with 编号
        /// or 序号 (all rows when none does).
        public var table: [[JSONValue]] {
            let header = rows.firstIndex { [.string("编号"), .string("序号")].contains($0.first) } ?? 0
            return Array(rows[header...])
        }

        /// Cell text as openpyxl gives it ("" for empty), zero-based.
        public func text(_ row: Int, _ column: Int) -> String {
            guard row < rows.count, column < rows[row].count else { return "" }
            return rows[row][column].text
        }

        public func isLocked(_ row: Int, _ column: Int) -> Bool { locked[row][column] }
    }

    public let sheets: [Sheet]
    public let custom: [String: String]
    public let title: String?

    public func sheet(_ title: String) -> Sheet? { sheets.first { $0.title == title } }
}

/// A JSON scalar as openpyxl reported a cell.
public enum JSONValue: Decodable, Equatable, Sendable {
    case string(String), number(Double), bool(Bool), null

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else { self = .string(try container.decode(String.self)) }
    }

    public var text: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .null: return ""
        }
    }
}

public enum Openpyxl {
    /// Opens `path` with openpyxl and returns what it found; fails the test run if it cannot.
    public static func inspect(_ path: URL) throws -> InspectedWorkbook {
        let result = try runPython("inspect_xlsx.py", [path.path])
        guard result.status == 0 else {
            throw InspectionError(message: "openpyxl could not read \(path.path): \(result.stderr)")
        }
        return try JSONDecoder().decode(InspectedWorkbook.self, from: Data(result.stdout.utf8))
    }
}

extension Openpyxl {
    /// Opens many workbooks in one python run, keyed by path.
    public static func inspect(_ paths: [URL]) throws -> [String: InspectedWorkbook] {
        guard paths.count > 1 else {
            return try paths.first.map { [$0.path: try inspect($0)] } ?? [:]
        }
        let result = try runPython("inspect_xlsx.py", paths.map(\.path))
        guard result.status == 0 else {
            throw InspectionError(message: "openpyxl could not read the workbooks: \(result.stderr)")
        }
        return try JSONDecoder().decode([String: InspectedWorkbook].self, from: Data(result.stdout.utf8))
    }
}

public struct InspectionError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
