import CXlsxWriter
import Foundation

/// A native Excel chart over cells of the workbook (libxlsxwriter's chart API): Excel, WPS and
/// LibreOffice draw it from the ranges, so the figures and the picture cannot disagree.
public struct XlsxChart {
    public enum Kind { case column, bar, pie, line }

    /// One series: its values (and the categories they are shown against) as cell ranges.
    public struct Series {
        public var name: String
        public var sheet: String
        /// Zero-based rows (inclusive) and the column of the categories and of the values.
        public var rows: ClosedRange<Int>
        public var categoryColumn: Int
        public var valueColumn: Int
        /// A fill per point (a pie's slices), RGB; empty for the default colours.
        public var pointColours: [UInt32] = []
        public var colour: UInt32?

        public init(name: String, sheet: String, rows: ClosedRange<Int>, categoryColumn: Int, valueColumn: Int,
                    pointColours: [UInt32] = [], colour: UInt32? = nil) {
            self.name = name
            self.sheet = sheet
            self.rows = rows
            self.categoryColumn = categoryColumn
            self.valueColumn = valueColumn
            self.pointColours = pointColours
            self.colour = colour
        }
    }

    public var kind: Kind
    public var title: String
    public var series: [Series]
    /// The font of every text in the chart: a CJK face, or category names print as boxes.
    public var font: String
    public var valueAxisName: String?
    /// Fix the value axis (0…100 for percents).
    public var valueRange: ClosedRange<Double>?
    /// Values written on the bars, slices or points.
    public var labels = true
    /// Size in pixels.
    public var width = 640, height = 320
    /// Name every category, however many (Excel skips some when they crowd).
    public var everyCategory = false
    /// The category names' size in points (default 10): smaller lets every name of a long list show.
    public var categoryFontSize: Double?
    /// Plot data in hidden rows and columns (a chart's own sorted table kept out of print).
    public var showsHiddenData = false

    public init(kind: Kind, title: String, series: [Series], font: String) {
        self.kind = kind
        self.title = title
        self.series = series
        self.font = font
    }
}

extension XlsxWorksheet {
    /// Places `chart` with its top-left corner in the cell at `row`, `column`.
    public func insert(_ chart: XlsxChart, row: Int, column: Int) throws {
        let type: lxw_chart_type
        switch chart.kind {
        case .column: type = LXW_CHART_COLUMN
        case .bar: type = LXW_CHART_BAR
        case .pie: type = LXW_CHART_PIE
        case .line: type = LXW_CHART_LINE
        }
        guard let handle = workbook_add_chart(workbook.handle, UInt8(type.rawValue)) else {
            throw WorkbookError(.write, path: workbook.path, message: "cannot add a chart to sheet \(name)")
        }
        // libxlsxwriter copies every string and struct it is given: nothing here must outlive the call.
        try chart.font.withCString { fontName in
            var font = lxw_chart_font()
            font.name = UnsafeMutablePointer(mutating: fontName)
            font.size = 10
            var titleFont = font
            titleFont.size = 12
            titleFont.bold = 1
            chart_title_set_name(handle, chart.title)
            chart_title_set_name_font(handle, &titleFont)
            chart_legend_set_font(handle, &font)
            if chart.kind != .pie {
                chart_axis_set_num_font(handle.pointee.x_axis, &font)
                chart_axis_set_num_font(handle.pointee.y_axis, &font)
                // A bar chart's values run along x.
                let values = chart.kind == .bar ? handle.pointee.x_axis : handle.pointee.y_axis
                if let range = chart.valueRange {
                    chart_axis_set_min(values, range.lowerBound)
                    chart_axis_set_max(values, range.upperBound)
                }
                if let axisName = chart.valueAxisName {
                    chart_axis_set_name(values, axisName)
                    chart_axis_set_name_font(values, &font)
                }
                // Categories top to bottom in a bar chart, as in the table beside it.
                if chart.kind == .bar { chart_axis_set_reverse(handle.pointee.y_axis) }
                let categories = chart.kind == .bar ? handle.pointee.y_axis : handle.pointee.x_axis
                if chart.everyCategory { chart_axis_set_interval_unit(categories, 1) }
                if let size = chart.categoryFontSize {
                    var small = font
                    small.size = size
                    chart_axis_set_num_font(categories, &small)
                }
            }
            if chart.showsHiddenData { chart_show_hidden_data(handle) }
            if chart.series.count == 1 && chart.kind != .pie { chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_NONE.rawValue)) }
            for item in chart.series {
                guard let series = chart_add_series(handle, nil, nil) else {
                    throw WorkbookError(.write, path: workbook.path, message: "cannot add a chart series on sheet \(name)")
                }
                chart_series_set_name(series, item.name)
                chart_series_set_categories(series, item.sheet, lxw_row_t(item.rows.lowerBound), lxw_col_t(item.categoryColumn),
                                            lxw_row_t(item.rows.upperBound), lxw_col_t(item.categoryColumn))
                chart_series_set_values(series, item.sheet, lxw_row_t(item.rows.lowerBound), lxw_col_t(item.valueColumn),
                                        lxw_row_t(item.rows.upperBound), lxw_col_t(item.valueColumn))
                if let colour = item.colour {
                    var fill = lxw_chart_fill()
                    fill.color = colour
                    chart_series_set_fill(series, &fill)
                    var line = lxw_chart_line()
                    line.color = colour
                    chart_series_set_line(series, &line)
                }
                if chart.labels {
                    chart_series_set_labels(series)
                    chart_series_set_labels_font(series, &font)
                    if chart.kind == .pie { chart_series_set_labels_options(series, 0, 1, 1) }
                }
                if !item.pointColours.isEmpty { try setPoints(series, colours: item.pointColours) }
            }
        }
        var options = lxw_chart_options()
        options.x_scale = Double(chart.width) / 480
        options.y_scale = Double(chart.height) / 288
        let status = worksheet_insert_chart_opt(self.handle, lxw_row_t(row), lxw_col_t(column), handle, &options)
        try workbook.check(status, "insert the chart \(chart.title) on sheet \(name)")
    }


    /// One fill per point, as the NULL-terminated array of pointers libxlsxwriter takes (and copies).
    private func setPoints(_ series: UnsafeMutablePointer<lxw_chart_series>, colours: [UInt32]) throws {
        let fills = UnsafeMutablePointer<lxw_chart_fill>.allocate(capacity: colours.count)
        let points = UnsafeMutablePointer<lxw_chart_point>.allocate(capacity: colours.count)
        let list = UnsafeMutablePointer<UnsafeMutablePointer<lxw_chart_point>?>.allocate(capacity: colours.count + 1)
        defer {
            fills.deallocate()
            points.deallocate()
            list.deallocate()
        }
        for (index, colour) in colours.enumerated() {
            var fill = lxw_chart_fill()
            fill.color = colour
            (fills + index).initialize(to: fill)
            var point = lxw_chart_point()
            point.fill = fills + index
            (points + index).initialize(to: point)
            list[index] = points + index
        }
        list[colours.count] = nil
        try workbook.check(chart_series_set_points(series, list), "colour the chart's points on sheet \(name)")
    }
}
