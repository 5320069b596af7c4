import CXlsxWriter
import Foundation

/// A workbook being written through libxlsxwriter.
///
/// Create one with ``XlsxWorkbook/write(to:options:_:)``: it writes to a temporary
/// file and renames it into place only when everything succeeded, so a failed run
/// never leaves a half-written workbook under the destination name.
public final class XlsxWorkbook {
    public struct Options: Sendable {
        /// Stream rows to disk instead of keeping them in memory; rows must then be
        /// written in order and merged ranges are not available.
        public var constantMemory = false
        public init(constantMemory: Bool = false) { self.constantMemory = constantMemory }
    }

    /// Where libxlsxwriter keeps its scratch files (one per XML part): a RAM-backed folder
    /// when the machine has one, because creating and deleting a dozen files per workbook on
    /// a disk file system cost a fifth of a 1,000-workbook split. nil means the system default.
    static let scratchFolder: String? = {
        let candidate = "/dev/shm"
        var info = stat()
        guard stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, access(candidate, W_OK | X_OK) == 0 else {
            return nil
        }
        return candidate
    }()

    /// Document properties shown in File ▸ Properties.
    public struct Properties: Sendable {
        public var title: String?
        public var subject: String?
        public var author: String?
        public var company: String?
        public var keywords: String?
        public var comments: String?
        public init(
            title: String? = nil, subject: String? = nil, author: String? = nil,
            company: String? = nil, keywords: String? = nil, comments: String? = nil
        ) {
            self.title = title
            self.subject = subject
            self.author = author
            self.company = company
            self.keywords = keywords
            self.comments = comments
        }
    }

    let handle: UnsafeMutablePointer<lxw_workbook>
    /// The destination the user named, used in messages (the file written is a temporary one).
    let path: String
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var closed = false
    /// C strings handed to libxlsxwriter structs; kept alive until the workbook is closed.
    private var retainedStrings: [UnsafeMutablePointer<CChar>] = []
    public private(set) var worksheets: [XlsxWorksheet] = []

    private init(path: String, displayPath: String, options: Options) throws {
        var cOptions = lxw_workbook_options()
        cOptions.constant_memory = options.constantMemory ? 1 : 0
        cOptions.use_zip64 = 0
        // Kept until the workbook is freed: libxlsxwriter may hold on to the pointer.
        let scratch = XlsxWorkbook.scratchFolder.flatMap { strdup($0) }
        cOptions.tmpdir = scratch
        guard let handle = workbook_new_opt(path, &cOptions) else {
            free(scratch)
            throw WorkbookError(.write, path: displayPath, message: "libxlsxwriter could not create the workbook")
        }
        self.handle = handle
        if let scratch { retainedStrings.append(scratch) }
        self.path = displayPath
    }

    deinit {
        if !closed {
            // An aborted build still has to free libxlsxwriter's memory; the file it
            // writes is the temporary one, which the caller removes.
            workbook_close(handle)
        }
        retainedStrings.forEach { free($0) }
    }

    /// Builds a workbook with `build` and writes it atomically to `destination`.
    public static func write(
        to destination: URL, options: Options = Options(), _ build: (XlsxWorkbook) throws -> Void
    ) throws {
        try AtomicFile.write(to: destination) { temporary in
            let workbook = try XlsxWorkbook(path: temporary.path, displayPath: destination.path, options: options)
            try build(workbook)
            try workbook.close()
            try VeryHiddenPatch.apply(
                sheets: workbook.worksheets.filter(\.veryHidden).map(\.name), to: temporary, reportingAs: destination.path)
        }
    }

    private func close() throws {
        closed = true
        let status = workbook_close(handle)
        guard status == LXW_NO_ERROR else {
            throw WorkbookError(.write, path: path, message: "cannot write workbook: \(String(cString: lxw_strerror(status)))")
        }
    }

    /// Adds a worksheet; the name must already be valid (see ``SheetName/make(_:avoiding:)``).
    @discardableResult
    public func addWorksheet(named name: String) throws -> XlsxWorksheet {
        guard let sheet = workbook_add_worksheet(handle, name) else {
            throw WorkbookError(.write, path: path, message: "cannot add a worksheet named \"\(name)\"")
        }
        let wrapped = XlsxWorksheet(handle: sheet, workbook: self, name: name)
        worksheets.append(wrapped)
        return wrapped
    }

    public func setProperties(_ properties: Properties) throws {
        var cProperties = lxw_doc_properties()
        cProperties.title = retain(properties.title)
        cProperties.subject = retain(properties.subject)
        cProperties.author = retain(properties.author)
        cProperties.company = retain(properties.company)
        cProperties.keywords = retain(properties.keywords)
        cProperties.comments = retain(properties.comments)
        try check(workbook_set_properties(handle, &cProperties), "set document properties")
    }

    /// A custom document property (File ▸ Properties ▸ Custom); these survive re-saving in
    /// Excel, WPS and LibreOffice, which makes them good carriers of identification.
    public func setCustomProperty(_ name: String, _ value: String) throws {
        try check(workbook_set_custom_property_string(handle, name, value), "set custom property \(name)")
    }

    /// A handle for `style`, for hot loops: writing with a handle skips the style lookup.
    public func format(_ style: CellStyle) -> CellFormat { CellFormat(pointer: format(for: style)) }

    /// The libxlsxwriter format for `style`, created once per workbook.
    func format(for style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        if style == .plain { return nil }
        if let existing = formats[style] { return existing }
        guard let format = workbook_add_format(handle) else { return nil }
        if style.bold { format_set_bold(format) }
        if let name = style.fontName {
            format_set_font_name(format, name)
            // GB2312: Excel on a non-Chinese Windows then still picks a Chinese face.
            if name.utf8.contains(where: { $0 >= 0x80 }) { format_set_font_charset(format, 134) }
        }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if let color = style.fontColor { format_set_font_color(format, lxw_color_t(color)) }
        if let color = style.backgroundColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(color))
        }
        if style.wrap { format_set_text_wrap(format) }
        if !style.locked { format_set_unlocked(format) }
        if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        switch style.horizontal {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case .centerAcross: format_set_align(format, UInt8(LXW_ALIGN_CENTER_ACROSS.rawValue))
        }
        switch style.vertical {
        case .bottom: break
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        if let numberFormat = style.numberFormat { format_set_num_format(format, numberFormat) }
        formats[style] = format
        return format
    }

    func retain(_ string: String?) -> UnsafeMutablePointer<CChar>? {
        guard let string else { return nil }
        let copy = strdup(string)!
        retainedStrings.append(copy)
        return copy
    }

    func check(_ status: lxw_error, _ what: @autoclosure () -> String) throws {
        guard status == LXW_NO_ERROR else {
            throw WorkbookError(.write, path: path, message: "cannot \(what()): \(String(cString: lxw_strerror(status)))")
        }
    }
}

/// A cell style already registered with a workbook (see ``XlsxWorkbook/format(_:)``); valid
/// only for that workbook.
public struct CellFormat {
    let pointer: UnsafeMutablePointer<lxw_format>?
}
