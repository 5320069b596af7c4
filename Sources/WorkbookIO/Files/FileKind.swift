import Foundation

/// What a file really is, decided by its first bytes and never by its extension: a renamed
/// file, a ".xls" that is HTML or GBK text, an encrypted .xlsx (an OLE container, not a ZIP).
public enum FileKind: Equatable, Sendable {
    /// A ZIP container: .xlsx (or another OOXML file, which the reader then tells apart).
    case zip
    /// What a ZIP turns out to hold when it is not a workbook (decided by ``Workbook/open(_:limits:)``
    /// from the parts inside, never by ``sniff(path:)``): a Word document (.docx), a PowerPoint
    /// presentation (.pptx), or a plain archive of other files.
    case wordPackage, presentationPackage, zipArchive
    /// An OLE (CFB) container holding an encrypted OOXML package: a password-protected .xlsx.
    case encryptedOOXML
    /// An OLE container holding a BIFF workbook: a legacy .xls.
    case legacyXLS
    /// A legacy Word document (.doc): an OLE container with a WordDocument stream.
    case wordDocument
    /// Another OLE document (.ppt …).
    case otherOLE
    /// An OLE container cut short: its directory lies past the end of the file.
    case truncatedOLE
    case html
    /// Excel 2003 "XML Spreadsheet".
    case spreadsheetML2003
    /// Text: CSV, tab-separated "Unicode text" and the like.
    case text
    /// A saved mail message (.eml): text that starts with mail headers.
    case email
    /// Several saved messages in one file (.mbox, as Thunderbird and Foxmail export): each
    /// starts with a `From ` line.
    case mailbox
    /// A message saved by Outlook (.msg): an OLE container of MAPI properties.
    case outlookMessage
    case pdf
    /// Archives xlsx-tasks cannot open (a .zip is a ``zip`` and is looked into).
    case rar, sevenZip
    case empty
    case binary

    public var description: String {
        switch self {
        case .zip: return "ZIP"
        case .wordPackage: return "a Word document (.docx), not a spreadsheet"
        case .presentationPackage: return "a PowerPoint presentation, not a spreadsheet"
        case .zipArchive: return "a ZIP archive of other files"
        case .encryptedOOXML: return "an encrypted (password-protected) workbook"
        case .legacyXLS: return "a legacy .xls workbook"
        case .wordDocument: return "a Word document, not a spreadsheet"
        case .otherOLE: return "an OLE document that is not a workbook (a PowerPoint file?)"
        case .truncatedOLE: return "a truncated or damaged Office file (a legacy .xls cut short?): its directory is missing"
        case .html: return "an HTML page, not a spreadsheet"
        case .spreadsheetML2003: return "an Excel 2003 XML spreadsheet"
        case .text: return "text"
        case .email: return "an email message"
        case .mailbox: return "a mailbox of email messages (.mbox)"
        case .outlookMessage: return "an Outlook message (.msg)"
        case .pdf: return "a PDF document, not a spreadsheet — ask the unit for the .xlsx"
        case .rar: return "a RAR archive, which xlsx-tasks cannot open — extract it and merge the files inside"
        case .sevenZip: return "a 7-Zip archive, which xlsx-tasks cannot open — extract it and merge the files inside"
        case .empty: return "an empty file"
        case .binary: return "not a spreadsheet (unknown binary content)"
        }
    }

    /// What a ZIP package holds: ``zip`` for a workbook (or an Office package of no other known
    /// kind), else a Word or PowerPoint package, or a plain archive (no `[Content_Types].xml`).
    static func contents(of package: ZipPackage) -> FileKind {
        if package.contains("xl/workbook.xml") { return .zip }
        if package.contains("word/document.xml") { return .wordPackage }
        if package.contains("ppt/presentation.xml") { return .presentationPackage }
        return package.contains("[Content_Types].xml") ? .zip : .zipArchive
    }

    static let cfbSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    public static func sniff(path: String) throws -> FileKind {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw WorkbookError(exists ? .unreadable : .notFound, path: path, message: exists ? "cannot read the file" : "no such file")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 1 << 16)) ?? Data())
        if head.isEmpty { return .empty }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: Array("Rar!\u{1A}\u{07}".utf8)) { return .rar }
        if head.starts(with: [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .sevenZip }
        if head.starts(with: cfbSignature) {
            // Stream names in the directory are UTF-16LE; small files have it near the start.
            try? handle.seek(toOffset: 0)
            let whole = [UInt8]((try? handle.read(upToCount: 64 << 20)) ?? Data())
            func has(_ name: String) -> Bool { ByteSearch.contains(whole, Array(name.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) }
            // First: a message's attachments (a workbook among them) lie inside its streams.
            if has("__properties_version1.0") && has("__substg1.0_") { return .outlookMessage }
            if has("EncryptedPackage") || has("EncryptionInfo") { return .encryptedOOXML }
            if has("Workbook") || has("Book") { return .legacyXLS }
            if has("WordDocument") { return .wordDocument }
            // Header: sector size as a power of two at 0x1E, first directory sector at 0x30.
            if whole.count >= 0x34 {
                let shift = Int(whole[0x1E]) | Int(whole[0x1F]) << 8
                let first = Int(whole[0x30]) | Int(whole[0x31]) << 8 | Int(whole[0x32]) << 16 | Int(whole[0x33]) << 24
                if (7...16).contains(shift), (first + 1) << shift >= whole.count { return .truncatedOLE }
            }
            return .otherOLE
        }
        switch TextDecoding.decode(Data(head.prefix(4096))) {
        case .success(let decoded):
            let start = decoded.text.drop { $0.isWhitespace }.prefix(2048).lowercased()
            if start.hasPrefix("<") {
                if start.contains("urn:schemas-microsoft-com:office:spreadsheet") { return .spreadsheetML2003 }
                if start.contains("<html") || start.hasPrefix("<!doctype html") || start.contains("<table") { return .html }
            }
            if decoded.text.hasPrefix("From "), isMailMessage(String(decoded.text.drop { $0 != "\n" }.dropFirst())) { return .mailbox }
            return isMailMessage(decoded.text) ? .email : .text
        case .failure(.unknownEncoding):
            // A 4 KiB cut may split a multi-byte character; the whole file decides.
            return .text
        case .failure(.binary):
            return .binary
        }
    }

    /// A saved mail (RFC 5322): the first lines are headers, among them From and one of the
    /// headers every mail client writes (Subject, Date, MIME-Version, Received, Message-ID).
    static func isMailMessage(_ text: String) -> Bool {
        var names: Set<String> = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).prefix(60) {
            if line.isEmpty || line == "\r" { break }
            if line.first == " " || line.first == "\t" { continue }  // a folded header
            guard let colon = line.firstIndex(of: ":"),
                line[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }), colon != line.startIndex
            else { return false }
            names.insert(line[..<colon].lowercased())
        }
        return names.contains("from") && !names.isDisjoint(with: ["subject", "date", "mime-version", "received", "message-id"])
    }
}
