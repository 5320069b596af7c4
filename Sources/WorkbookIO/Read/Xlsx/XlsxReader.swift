import Foundation

/// Reads .xlsx workbooks: sheets stream row by row; the shared-string table is read once.
///
/// Parts are found through the package relationships (officeDocument → workbook → worksheets,
/// shared strings, styles), for Transitional and Strict OOXML alike, with relative and absolute
/// targets; names are matched without regard to case; prefixes are resolved to namespace URIs.
public final class XlsxReader: SpreadsheetReader {
    public let path: String
    public var format: SpreadsheetFormat { .xlsx }
    /// Worksheets only: a chartsheet (or a sheet whose part is missing) holds no cells.
    public let sheets: [SheetInfo]
    /// The worksheet part of each of ``sheets``, e.g. "xl/worksheets/sheet1.xml".
    public let worksheetParts: [String]
    public let customProperties: [String: String]
    public let date1904: Bool
    /// Percentage and date formats are read from the styles part: always known.
    public var numberFormatsKnown: Bool { true }
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
            throw WorkbookError(.notSpreadsheet, path: path, message: "not a spreadsheet: the ZIP has no workbook part (\(workbookPart))", found: .zip)
        }
        let relationships = try Relationships.read(from: package, for: workbookPart)
        let workbook = WorkbookPart.parse([UInt8](workbookData))
        let worksheets = workbook.sheets.compactMap { sheet -> (SheetInfo, String)? in
            guard let part = sheet.relationship.flatMap({ relationships.target(id: $0) }) else { return nil }
            return (SheetInfo(name: sheet.name, state: sheet.state), part)
        }
        sheets = worksheets.map(\.0)
        worksheetParts = worksheets.map(\.1)
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

    /// Reads a sheet row by row as the file has it (rows in file order, empty cells left out,
    /// text cells as ``CellValue/sharedString(_:)`` indices: the fastest way through a large
    /// sheet) and returns what else the sheet part says (protection, merged ranges, images).
    @discardableResult
    public func forEachRow(inSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        try forEachRow(inSheet: index, chunkSize: 1 << 20, pipelineAbove: ZipPackage.pipelineThreshold, body)
    }

    /// Rows with shared strings resolved. With `keepingRows` (a master loaded whole) the inflate
    /// chunks are smaller: the buffers in flight are the part of the peak memory such a caller
    /// can save (8 MB); a caller that streams millions of rows is faster with the default.
    @discardableResult
    public func readRows(ofSheet index: Int, keepingRows: Bool, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        try forEachRow(inSheet: index, chunkSize: keepingRows ? 256 << 10 : 1 << 20,
                       pipelineAbove: ZipPackage.pipelineThreshold, resolvingSharedStrings: true, body)
    }

    /// `chunkSize` is the inflate buffer; parts larger than `pipelineAbove` bytes are inflated on
    /// a second thread. Tests make both small to exercise chunk boundaries and the thread.
    @discardableResult
    func forEachRow(
        inSheet index: Int, chunkSize: Int, pipelineAbove: UInt64, resolvingSharedStrings: Bool = false,
        _ body: (SheetRow) throws -> Void
    ) throws -> SheetSummary {
        guard worksheetParts.indices.contains(index) else {
            throw WorkbookError(.damaged, path: path, message: "there is no worksheet \(index + 1)")
        }
        let part = worksheetParts[index]
        // The shared strings must be read before the sheet streams: both parts come through the
        // archive's one file handle, and reading one in the middle of the other would move it.
        let table = try sharedStrings()
        var scanner = SheetScanner(styles: styles, limits: package.limits, path: path,
                                   sharedStrings: resolvingSharedStrings ? table : nil)
        var carry: [UInt8] = []
        func scan(_ chunk: Data) throws {
            carry.append(contentsOf: chunk)
            let consumed = try carry.withUnsafeBufferPointer { try scanner.scan($0, final: false, deliver: body) }
            carry.removeFirst(consumed)
            // An unfinished row is rescanned with every chunk: bound it, so a row (or one cell)
            // of a gigabyte is an error after bounded work.
            guard carry.count <= package.limits.rowBytes else {
                throw WorkbookError(.tooLarge, path: path, message: "a row longer than \(package.limits.rowBytes >> 20) MB of XML (limit row-bytes)")
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
            throw WorkbookError(.damaged, path: path, message: "a cell refers to shared string \(index), but there are only \(table.count)")
        }
        return .text(table[index])
    }
}
