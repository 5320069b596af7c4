import CXlsxWriter
import Foundation

/// A worksheet of an ``XlsxWorkbook``. Rows and columns are zero-based.
public final class XlsxWorksheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    public unowned let workbook: XlsxWorkbook
    public let name: String
    var veryHidden = false
    /// Widths set so far by column (Excel character units), for print layout decisions.
    public private(set) var columnWidths: [Int: Double] = [:]

    init(handle: UnsafeMutablePointer<lxw_worksheet>, workbook: XlsxWorkbook, name: String) {
        self.handle = handle
        self.workbook = workbook
        self.name = name
    }

    // MARK: Cells

    public func write(_ text: String, row: Int, column: Int, style: CellStyle = .plain) throws {
        if text.isEmpty { return try writeBlank(row: row, column: column, style: style) }
        try check(
            worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), ExcelText.fitting(text), workbook.format(for: style)),
            row, column)
    }

    public func write(_ number: Double, row: Int, column: Int, style: CellStyle = .plain) throws {
        try check(
            worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, workbook.format(for: style)),
            row, column)
    }

    /// Writes text with a registered format (the fast path for large sheets).
    public func write(_ text: String, row: Int, column: Int, format: CellFormat) throws {
        let status = text.isEmpty
            ? worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format.pointer)
            : worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), ExcelText.fitting(text), format.pointer)
        if status != LXW_NO_ERROR { try check(status, row, column) }
    }

    public func write(_ number: Double, row: Int, column: Int, format: CellFormat) throws {
        let status = worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format.pointer)
        if status != LXW_NO_ERROR { try check(status, row, column) }
    }

    public func writeBlank(row: Int, column: Int, format: CellFormat) throws {
        let status = worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format.pointer)
        if status != LXW_NO_ERROR { try check(status, row, column) }
    }

    /// An empty cell that still carries a style. Needed for input cells: under protection a
    /// cell that was never written keeps Excel's default "locked" and cannot be filled in.
    public func writeBlank(row: Int, column: Int, style: CellStyle) throws {
        try check(
            worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), workbook.format(for: style)),
            row, column)
    }

    public func writeRow(_ values: [String], row: Int, firstColumn: Int = 0, style: CellStyle = .plain) throws {
        for (offset, value) in values.enumerated() {
            try write(value, row: row, column: firstColumn + offset, style: style)
        }
    }

    public func mergeRange(
        rows: ClosedRange<Int>, columns: ClosedRange<Int>, text: String, style: CellStyle = .plain
    ) throws {
        try workbook.check(
            worksheet_merge_range(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), text, workbook.format(for: style)),
            "merge cells on sheet \(name)")
    }

    // MARK: Layout

    /// A hidden column keeps its data but is neither shown nor printed; it is recorded as
    /// width 0 in ``columnWidths``.
    public func setColumnWidth(_ columns: ClosedRange<Int>, width: Double, style: CellStyle = .plain, hidden: Bool = false) throws {
        for column in columns.prefix(256) { columnWidths[column] = hidden ? 0 : width }
        var options = lxw_row_col_options(hidden: hidden ? 1 : 0, level: 0, collapsed: 0)
        try workbook.check(
            worksheet_set_column_opt(
                handle, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width,
                workbook.format(for: style), &options),
            "set column width on sheet \(name)")
    }

    public func setRowHeight(_ row: Int, height: Double) throws {
        try workbook.check(worksheet_set_row(handle, lxw_row_t(row), height, nil), "set row height on sheet \(name)")
    }

    /// Keeps the rows above `row` and the columns left of `column` in view while scrolling.
    /// Manual page breaks before each of `rows` (0-based; row 0 cannot start a new page).
    public func setPageBreaks(before rows: [Int]) throws {
        var breaks = rows.filter { $0 > 0 }.sorted().map { lxw_row_t($0) } + [0]
        guard breaks.count > 1 else { return }
        let status = breaks.withUnsafeMutableBufferPointer { worksheet_set_h_pagebreaks(handle, $0.baseAddress) }
        try check(status, rows.first ?? 0, 0)
    }

    public func freezePanes(row: Int, column: Int) {
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column))
    }

    public func autofilter(rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws {
        try workbook.check(
            worksheet_autofilter(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound)),
            "set an autofilter on sheet \(name)")
    }

    /// Hides the sheet so that Excel's Unhide dialog does not list it (state "veryHidden").
    public func hideCompletely() {
        worksheet_hide(handle)
        veryHidden = true
    }

    public func setPageSetup(_ setup: PageSetup) throws {
        if setup.landscape { worksheet_set_landscape(handle) }
        worksheet_set_paper(handle, setup.paper.rawValue)
        if let scale = setup.scale { worksheet_set_print_scale(handle, UInt16(max(10, min(400, scale)))) }
        if let margins = setup.margins {
            worksheet_set_margins(handle, margins.left, margins.right, margins.top, margins.bottom)
        }
        if let wide = setup.fitToPagesWide {
            worksheet_fit_to_pages(handle, UInt16(wide), UInt16(setup.fitToPagesTall))
        }
        if let rows = setup.repeatRows {
            try workbook.check(
                worksheet_repeat_rows(handle, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                "repeat rows on sheet \(name)")
        }
        for (text, setter) in [(setup.header, worksheet_set_header), (setup.footer, worksheet_set_footer)] {
            guard let text else { continue }
            guard text.utf8.count <= PageSetup.maximumHeaderFooterLength else {
                throw WorkbookError(.write, path: workbook.path, message: "header/footer longer than 255 bytes on sheet \(name)")
            }
            try workbook.check(setter(handle, text), "set header/footer on sheet \(name)")
        }
        if setup.centerHorizontally { worksheet_center_horizontally(handle) }
    }

    // MARK: Protection and validation

    /// What a user may still do on a protected sheet besides editing unlocked cells.
    public struct ProtectionAllowances: Sendable {
        public var formatColumns = true
        public var formatRows = true
        public var autofilter = false
        public var sort = false
        public init(formatColumns: Bool = true, formatRows: Bool = true, autofilter: Bool = false, sort: Bool = false) {
            self.formatColumns = formatColumns
            self.formatRows = formatRows
            self.autofilter = autofilter
            self.sort = sort
        }
    }

    /// Protects the sheet: locked cells can no longer be edited, rows and columns can no
    /// longer be inserted or deleted. Excel's sheet password is weak; it prevents accidents,
    /// not determined users.
    public func protect(password: String?, allowing allowances: ProtectionAllowances = ProtectionAllowances()) {
        var options = lxw_protection()
        options.format_columns = allowances.formatColumns ? 1 : 0
        options.format_rows = allowances.formatRows ? 1 : 0
        options.autofilter = allowances.autofilter ? 1 : 0
        options.sort = allowances.sort ? 1 : 0
        if let password, !password.isEmpty {
            worksheet_protect(handle, password, &options)
        } else {
            worksheet_protect(handle, nil, &options)
        }
    }

    public func addValidation(_ validation: DataValidation, rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws {
        var spec = lxw_data_validation()
        var listItems: [UnsafeMutablePointer<CChar>?] = []
        defer { listItems.forEach { free($0) } }
        switch validation.rule {
        case .list(let values):
            guard DataValidation.fitsLiteralList(values) else {
                throw WorkbookError(
                    .write, path: workbook.path,
                    message: "validation list on sheet \(name) is longer than Excel's 255 characters; use a range")
            }
            spec.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            listItems = values.map { strdup($0) } + [nil]
        case .listFromRange(let formula):
            spec.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            spec.value_formula = workbook.retain(formula)
        case .decimal(let minimum, let maximum), .wholeNumber(let minimum, let maximum):
            if case .decimal = validation.rule {
                spec.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            } else {
                spec.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            }
            spec.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            spec.minimum_number = minimum
            spec.maximum_number = maximum
        case .any:
            spec.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        case .date(let from, let to):
            spec.validate = UInt8(LXW_VALIDATION_TYPE_DATE.rawValue)
            spec.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            spec.minimum_datetime = lxw_datetime(
                year: Int32(from.0), month: Int32(from.1), day: Int32(from.2), hour: 0, min: 0, sec: 0)
            spec.maximum_datetime = lxw_datetime(
                year: Int32(to.0), month: Int32(to.1), day: Int32(to.2), hour: 0, min: 0, sec: 0)
        }
        spec.input_title = workbook.retain(validation.inputTitle)
        spec.input_message = workbook.retain(validation.inputMessage)
        spec.error_title = workbook.retain(validation.errorTitle)
        spec.error_message = workbook.retain(validation.errorMessage)
        switch validation.errorStyle {
        case .stop: spec.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        case .warning: spec.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue)
        case .information: spec.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_INFORMATION.rawValue)
        }
        let status = listItems.withUnsafeMutableBufferPointer { buffer -> lxw_error in
            if !buffer.isEmpty { spec.value_list = buffer.baseAddress }
            return worksheet_data_validation_range(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), &spec)
        }
        try workbook.check(status, "add a data validation on sheet \(name)")
    }

    /// Colours cells of a range whose text equals `text` (used for status columns).
    public func highlightCells(equalTo text: String, rows: ClosedRange<Int>, columns: ClosedRange<Int>, style: CellStyle)
        throws
    {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
        let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        rule.value_string = workbook.retain(quoted)
        rule.format = workbook.format(for: style)
        try workbook.check(
            worksheet_conditional_format_range(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), &rule),
            "add conditional formatting on sheet \(name)")
    }

    private func check(_ status: lxw_error, _ row: Int, _ column: Int) throws {
        try workbook.check(status, "write cell \(CellReference.name(row: row, column: column)) on sheet \(name)")
    }
}
