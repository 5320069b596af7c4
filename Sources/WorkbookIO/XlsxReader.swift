import Foundation

/// Reads .xlsx workbooks: sheets stream row by row; the shared-string table is read once.
///
/// Parts are found through the package relationships (officeDocument → workbook → worksheets,
/// shared strings, styles), for Transitional and Strict OOXML alike, with relative and absolute
/// targets; names are matched without regard to case; prefixes are resolved to namespace URIs.
public final class XlsxReader {
    public enum SheetState: String, Sendable { case visible, hidden, veryHidden }

    public struct Sheet: Sendable {
        public var name: String
        public var state: SheetState
        /// The worksheet part, e.g. "xl/worksheets/sheet1.xml" (nil for chartsheets and broken links).
        public var part: String?
    }

    public let path: String
    public let sheets: [Sheet]
    /// Custom document properties (docProps/custom.xml), by name.
    public let customProperties: [String: String]
    /// Dates count from 1904-01-01 (old Mac Excel) instead of 1899-12-30.
    public let date1904: Bool
    /// WPS stores in-cell images in xl/cellimages.xml.
    public let hasCellImages: Bool
    let package: ZipPackage
    let styles: CellStyles
    private let sharedStringsPart: String?
    private var sharedStringTable: [String]? = nil

    public init(path: String, limits: ReadLimits = .standard) throws {
        self.path = path
        package = try ZipPackage(path: path, limits: limits)
        let rootRelationships = try Relationships.read(from: package, for: "")
        let workbookPart = rootRelationships.target(ofType: "officeDocument") ?? "xl/workbook.xml"
        guard let workbookData = try package.data(of: workbookPart) else {
            throw WorkbookError(path: path, message: "not a spreadsheet: the ZIP has no workbook part (\(workbookPart))")
        }
        let relationships = try Relationships.read(from: package, for: workbookPart)
        let workbook = WorkbookPart.parse([UInt8](workbookData))
        sheets = workbook.sheets.map { sheet in
            Sheet(name: sheet.name, state: sheet.state, part: sheet.relationship.flatMap { relationships.target(id: $0) })
        }
        date1904 = workbook.date1904
        if let stylesPart = relationships.target(ofType: "styles"), let data = try package.data(of: stylesPart) {
            styles = try CellStyles.parse([UInt8](data), limit: limits.styles, path: path)
        } else {
            styles = CellStyles()
        }
        sharedStringsPart = relationships.target(ofType: "sharedStrings")
            ?? (package.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil)
        let customPart = rootRelationships.target(ofType: "custom-properties") ?? "docProps/custom.xml"
        if let data = try? package.data(of: customPart) {
            customProperties = CustomProperties.parse([UInt8](data))
        } else {
            customProperties = [:]
        }
        hasCellImages = package.contains("xl/cellimages.xml")
    }

    /// The shared-string table, read on first use.
    public func sharedStrings() throws -> [String] {
        if let table = sharedStringTable { return table }
        var table: [String] = []
        if let part = sharedStringsPart, package.contains(part) {
            table = try SharedStrings.parse(streaming: part, of: package)
        }
        sharedStringTable = table
        return table
    }

    /// Reads a sheet row by row (rows in file order, empty cells left out) and returns what
    /// else the sheet part says (protection, merged ranges, images).
    @discardableResult
    public func forEachRow(inSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        try forEachRow(inSheet: index, chunkSize: 1 << 20, pipelineAbove: ZipPackage.pipelineThreshold, body)
    }

    /// The same with smaller inflate chunks: for a caller that keeps what it reads (a master
    /// loaded whole), the buffers in flight are the part of the peak memory it can save (8 MB);
    /// a caller that streams millions of rows is faster with the default.
    @discardableResult
    public func forEachRowSavingMemory(inSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        try forEachRow(inSheet: index, chunkSize: 256 << 10, pipelineAbove: ZipPackage.pipelineThreshold, body)
    }

    /// `chunkSize` is the inflate buffer; parts larger than `pipelineAbove` bytes are inflated on
    /// a second thread. Tests make both small to exercise chunk boundaries and the thread.
    @discardableResult
    func forEachRow(
        inSheet index: Int, chunkSize: Int, pipelineAbove: UInt64, _ body: (SheetRow) throws -> Void
    ) throws -> SheetSummary {
        guard sheets.indices.contains(index), let part = sheets[index].part else {
            throw WorkbookError(path: path, message: "sheet \(index + 1) has no worksheet part")
        }
        // The shared strings must be read before the sheet streams: both parts come through the
        // archive's one file handle, and reading one in the middle of the other would move it.
        _ = try sharedStrings()
        var scanner = SheetScanner(styles: styles, limits: package.limits, path: path)
        var carry: [UInt8] = []
        func scan(_ chunk: Data) throws {
            carry.append(contentsOf: chunk)
            let consumed = try carry.withUnsafeBufferPointer { try scanner.scan($0, final: false, deliver: body) }
            carry.removeFirst(consumed)
            // An unfinished row is rescanned with every chunk: bound it, so a row (or one cell)
            // of a gigabyte is an error after bounded work.
            guard carry.count <= package.limits.rowBytes else {
                throw WorkbookError(path: path, message: "a row longer than \(package.limits.rowBytes >> 20) MB of XML (limit row-bytes)", kind: .limit)
            }
        }
        if package.size(of: part) >= pipelineAbove {
            try streamOnAnotherThread(part, chunkSize: chunkSize, scan)
        } else {
            try package.stream(part, chunkSize: chunkSize, scan)
        }
        _ = try carry.withUnsafeBufferPointer { try scanner.scan($0, final: true, deliver: body) }
        return scanner.summary
    }

    /// Inflates on a second thread while the caller scans: for a large sheet the two take about
    /// the same time, so the read takes about as long as the slower of them.
    private func streamOnAnotherThread(_ part: String, chunkSize: Int, _ consume: (Data) throws -> Void) throws {
        let pipe = ChunkPipe(capacity: 4)
        let package = Handover(self.package)
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do {
                try package.value.stream(part, chunkSize: chunkSize) { chunk in
                    if !pipe.put(.chunk(chunk)) { throw CancellationError() }
                }
                pipe.put(.end)
            } catch {
                pipe.put(.failure(error))
            }
            finished.signal()
        }
        // The archive's file handle is the producer's until it has finished.
        defer { finished.wait() }
        while true {
            switch pipe.take() {
            case .chunk(let chunk):
                do {
                    try consume(chunk)
                } catch {
                    pipe.cancel()
                    throw error
                }
            case .end:
                return
            case .failure(let error):
                throw error
            }
        }
    }

    /// A cell value with shared strings resolved to text.
    public func resolve(_ value: CellValue) throws -> CellValue {
        guard case .sharedString(let index) = value else { return value }
        let table = try sharedStrings()
        guard table.indices.contains(index) else {
            throw WorkbookError(path: path, message: "a cell refers to shared string \(index), but there are only \(table.count)")
        }
        return .text(table[index])
    }

    /// A date serial as calendar date and time, honouring the workbook's date system and the
    /// 1900 system's phantom 29 February 1900.
    public func dateComponents(_ serial: Double) -> DateComponents {
        ExcelDate.components(serial, date1904: date1904)
    }
}

/// Excel serial day numbers.
public enum ExcelDate {
    public static func components(_ serial: Double, date1904: Bool) -> DateComponents {
        var days = serial.rounded(.down)
        let seconds = Int(((serial - days) * 86_400).rounded())
        if date1904 {
            days += 1_462
        } else if days < 61 {
            // Serials 1–59 are 1900-01-01 … 1900-02-28; 60 is the phantom 1900-02-29.
            days += 1
        }
        // Day 0 of the (corrected) 1900 system is 1899-12-30.
        let julian = Int(days) + 2_415_019
        let (year, month, day) = civilDate(julianDay: julian)
        return DateComponents(year: year, month: month, day: day, hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60)
    }

    /// Julian day number → proleptic Gregorian (year, month, day).
    static func civilDate(julianDay: Int) -> (Int, Int, Int) {
        let a = julianDay + 32_044
        let b = (4 * a + 3) / 146_097
        let c = a - 146_097 * b / 4
        let d = (4 * c + 3) / 1_461
        let e = c - 1_461 * d / 4
        let m = (5 * e + 2) / 153
        return (100 * b + d - 4_800 + m / 10, m + 3 - 12 * (m / 10), e - (153 * m + 2) / 5 + 1)
    }

    /// The serial of "2020-06-30", "2020-06-30 14:30:00" or "14:30:00" (a time alone is a
    /// fraction of a day), or nil if the text is not one of these.
    public static func serial(fromISO text: String, date1904: Bool) -> Double? {
        let parts = text.split(separator: " ")
        var serial = 0.0
        var timePart: Substring? = nil
        if let first = parts.first, first.contains("-") {
            let ymd = first.split(separator: "-").compactMap { Int($0) }
            guard ymd.count == 3, (1...12).contains(ymd[1]), (1...31).contains(ymd[2]) else { return nil }
            // Julian day number of the civil date, then the serial of the workbook's system.
            let a = (14 - ymd[1]) / 12, y = ymd[0] + 4_800 - a, m = ymd[1] + 12 * a - 3
            let julian = ymd[2] + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32_045
            var days = Double(julian - 2_415_019)
            if date1904 {
                days -= 1_462
            } else if days < 61 {
                days -= 1  // before the phantom 1900-02-29
            }
            serial = days
            timePart = parts.count > 1 ? parts[1] : nil
        } else {
            timePart = parts.first
        }
        if let time = timePart {
            let hms = time.split(separator: ":").compactMap { Double($0) }
            guard (2...3).contains(hms.count) else { return nil }
            serial += (hms[0] * 3_600 + hms[1] * 60 + (hms.count == 3 ? hms[2] : 0)) / 86_400
        }
        return serial
    }

    /// "2020-06-30" (and " 14:30" when there is a time of day).
    public static func text(_ serial: Double, date1904: Bool) -> String {
        let c = components(serial, date1904: date1904)
        let date = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        if c.hour! == 0 && c.minute! == 0 && c.second! == 0 { return date }
        return date + String(format: " %02d:%02d", c.hour!, c.minute!)
    }
}
