/// How much one file may make the readers do. A returned file comes by email from anyone; past a
/// limit, that file is rejected with a reason naming the limit, and nothing is allocated in
/// proportion to a size a file declares before its data proves it. One place, so every reader
/// enforces the same figures and an office with bigger files can raise them (`--limit`).
public struct ReadLimits: Sendable, Equatable {
    /// Inflated bytes of one part (a sheet, the shared strings).
    public var partBytes: UInt64 = 256 << 20
    /// Inflated bytes of all parts read from one file.
    public var fileBytes: UInt64 = 1 << 30
    /// A part above `ratioAbove` inflated bytes may be at most `ratio` times its compressed size
    /// (real sheets compress 5–30×; a bomb compresses 1000×).
    public var ratio: UInt64 = 200
    public var ratioAbove: UInt64 = 1 << 20
    /// Excel's own sheet size.
    public var rows = 1_048_576
    public var columns = 16_384
    /// Excel's limit for one cell; longer text is kept truncated, with a problem.
    public var cellCharacters = 32_767
    /// One row's XML (bounds the work on a row that never ends).
    public var rowBytes = 32 << 20
    public var sharedStrings = 4_000_000
    /// Cell formats (Excel allows about 64,000).
    public var styles = 65_536
    /// ZIP entries in one file, and archives inside archives.
    public var zipEntries = 10_000
    public var archiveDepth = 3
    /// A CSV's size, one line's bytes and its fields.
    public var csvBytes: UInt64 = 100 << 20
    public var csvLineBytes = 16 << 20
    public var csvFields = 16_384
    /// Problems one returned file may raise: past it, the file is not a return of this master
    /// (or is made to flood 问题清单) and is rejected.
    public var problemsPerFile = 20_000
    /// Cells of one legacy .xls sheet as its DIMENSION record states them (FreeXL allocates them all).
    public var xlsCells = 2_000_000

    public init() {}

    /// For returned files: whatever arrives by email.
    public static let standard = ReadLimits()

    /// For the office's own files (SOURCE, a master of 100,000 tasks, the benchmark's million-row
    /// sheet): sizes far beyond a returned workbook, still checked arithmetic.
    public static let trusted: ReadLimits = {
        var limits = ReadLimits()
        limits.partBytes = 16 << 30
        limits.fileBytes = 64 << 30
        limits.ratio = .max
        limits.rowBytes = 1 << 30
        limits.sharedStrings = 64_000_000
        limits.csvBytes = 16 << 30
        limits.csvLineBytes = 1 << 30
        limits.xlsCells = .max
        return limits
    }()

    /// The names `--limit NAME=VALUE` takes, with a setter each (key paths are immutable values;
    /// the compiler cannot see that they are Sendable).
    nonisolated(unsafe) public static let names: [String: WritableKeyPath<ReadLimits, Int>] = [
        "rows": \.rows, "columns": \.columns, "cell-characters": \.cellCharacters, "row-bytes": \.rowBytes,
        "shared-strings": \.sharedStrings, "styles": \.styles, "zip-entries": \.zipEntries,
        "archive-depth": \.archiveDepth, "csv-line-bytes": \.csvLineBytes, "csv-fields": \.csvFields,
        "xls-cells": \.xlsCells, "problems": \.problemsPerFile,
    ]
    nonisolated(unsafe) public static let byteNames: [String: WritableKeyPath<ReadLimits, UInt64>] = [
        "part-bytes": \.partBytes, "file-bytes": \.fileBytes, "ratio": \.ratio, "csv-bytes": \.csvBytes,
    ]

    /// `rows=2000000`, `part-bytes=512M` (K, M, G suffixes for byte sizes).
    public mutating func set(_ assignment: String) throws {
        let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw LimitError(message: "--limit \(assignment): expected NAME=VALUE") }
        var text = parts[1].uppercased()
        var scale: UInt64 = 1
        for (suffix, factor) in [("K", UInt64(1) << 10), ("M", 1 << 20), ("G", 1 << 30)] where text.hasSuffix(suffix) {
            scale = factor
            text.removeLast()
        }
        guard let number = UInt64(text), number > 0 else {
            throw LimitError(message: "--limit \(assignment): \(parts[1]) is not a positive number")
        }
        let (value, overflow) = number.multipliedReportingOverflow(by: scale)
        if let key = ReadLimits.byteNames[parts[0]], !overflow {
            self[keyPath: key] = value
        } else if let key = ReadLimits.names[parts[0]], !overflow, value <= UInt64(Int.max) {
            self[keyPath: key] = Int(value)
        } else {
            let known = (Array(ReadLimits.names.keys) + Array(ReadLimits.byteNames.keys)).sorted().joined(separator: ", ")
            throw LimitError(message: "--limit \(assignment): unknown limit or value too large (limits: \(known))")
        }
    }
}

public struct LimitError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
