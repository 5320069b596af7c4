import BundledTemplates
import Foundation

enum BundledTemplatesLocation {
    static var progressReport: URL { BundledTemplates.progressReport }
}

/// A template file that cannot be used; the message names the file and the field.
public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var field: String?
    public var message: String
    public var description: String {
        if let field { return "\(path): \(field): \(message)" }
        return "\(path): \(message)"
    }
}

extension ReportTemplate {
    /// Reads and checks a template file. Every mistake is reported with the field it is in
    /// (`columns[2].type`), so an office editing its own form knows what to fix.
    public static func load(from url: URL) throws -> ReportTemplate {
        let path = url.path
        guard let data = try? Data(contentsOf: url) else {
            throw TemplateError(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
        }
        return try load(data: data, named: path)
    }

    /// A template's JSON kept elsewhere (a workspace stores the one it was made with); `name`
    /// is what messages call it.
    public static func load(data: Data, named path: String) throws -> ReportTemplate {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw TemplateError(path: path, message: "not valid JSON (\(error.localizedDescription))")
        }
        var reader = FieldReader(path: path)
        return try reader.template(json)
    }
}

/// Walks the parsed JSON, keeping the path of the field being read for messages.
private struct FieldReader {
    let path: String

    func fail(_ field: String, _ message: String) -> TemplateError {
        TemplateError(path: path, field: field, message: message)
    }

    func object(_ value: Any?, _ field: String) throws -> [String: Any] {
        guard let object = value as? [String: Any] else { throw fail(field, "expected an object") }
        return object
    }

    func string(_ value: Any?, _ field: String, required: Bool = true) throws -> String? {
        guard let value else {
            if required { throw fail(field, "missing") }
            return nil
        }
        guard let text = value as? String else { throw fail(field, "expected text") }
        if required && text.trimmingCharacters(in: .whitespaces).isEmpty { throw fail(field, "must not be empty") }
        return text
    }

    func number(_ value: Any?, _ field: String, default fallback: Double) throws -> Double {
        guard let value else { return fallback }
        guard let number = value as? NSNumber, !isBoolean(value) else { throw fail(field, "expected a number") }
        return number.doubleValue
    }

    func bool(_ value: Any?, _ field: String) throws -> Bool {
        guard let value else { return false }
        guard isBoolean(value), let flag = value as? Bool else { throw fail(field, "expected true or false") }
        return flag
    }

    /// JSON true/false, told apart from the numbers 0 and 1 (which also bridge to Bool).
    func isBoolean(_ value: Any) -> Bool {
        let typeName = String(describing: Swift.type(of: value))
        return typeName == "Bool" || typeName.contains("Boolean")
    }

    func array(_ value: Any?, _ field: String) throws -> [Any] {
        guard let value else { throw fail(field, "missing") }
        guard let items = value as? [Any] else { throw fail(field, "expected a list") }
        return items
    }

    func type(_ value: Any?, _ field: String) throws -> ReportTemplate.ColumnType {
        let name = try string(value, field)!
        guard let type = ReportTemplate.ColumnType(rawValue: name) else {
            let allowed = ReportTemplate.ColumnType.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(field, "unknown type \"\(name)\" (expected one of: \(allowed))")
        }
        return type
    }

    mutating func template(_ json: Any) throws -> ReportTemplate {
        let root = try object(json, "(top level)")
        let known: Set<String> = ["id", "name", "title", "columns", "reporter", "instructions", "style", "pace"]
        if let unknown = root.keys.sorted().first(where: { !known.contains($0) }) {
            throw fail(unknown, "unknown field (expected: \(known.sorted().joined(separator: ", ")))")
        }
        let id = try string(root["id"], "id")!
        let name = try string(root["name"], "name", required: false) ?? id
        let title = try string(root["title"], "title")!
        let columnItems = try array(root["columns"], "columns")
        if columnItems.isEmpty { throw fail("columns", "must list at least one progress column") }
        var columns: [ReportTemplate.Column] = []
        for (index, item) in columnItems.enumerated() {
            let column = try self.column(item, "columns[\(index)]")
            if columns.contains(where: { $0.name == column.name }) {
                throw fail("columns[\(index)].name", "\"\(column.name)\" is listed twice")
            }
            if ColumnRole.recognise(column.name) != nil || ColumnName.normalise(column.name) == MasterWorkbook.idColumn {
                throw fail("columns[\(index)].name", "\"\(column.name)\" is the name of a task column")
            }
            if CarryOver.isReference(TextKey.of(column.name)) {
                throw fail("columns[\(index)].name", "\"\(column.name)\" is the name of a column the next round's workbooks carry over")
            }
            columns.append(column)
        }
        for (index, column) in columns.enumerated() {
            for (value, other) in column.explain.sorted(by: { $0.key < $1.key }) where !columns.contains(where: { $0.name == other && $0.type == .text }) {
                throw fail("columns[\(index)].explain.\(value)", "\"\(other)\" is not a text column of the form")
            }
        }
        var reporter: [ReportTemplate.ReporterField] = []
        for (index, item) in try array(root["reporter"] ?? [Any](), "reporter").enumerated() {
            let field = try object(item, "reporter[\(index)]")
            reporter.append(.init(
                label: try string(field["label"], "reporter[\(index)].label")!,
                type: try field["type"] == nil ? .text : type(field["type"], "reporter[\(index)].type")))
        }
        var instructions: [String] = []
        for (index, item) in try array(root["instructions"] ?? [Any](), "instructions").enumerated() {
            instructions.append(try string(item, "instructions[\(index)]", required: false) ?? "")
        }
        var template = ReportTemplate(id: id, name: name, title: title, columns: columns, reporter: reporter, instructions: instructions)
        if let item = root["style"] { template.style = try style(item, "style") }
        if let item = root["pace"] { template.pace = try pace(item, "pace") }
        return template
    }

    /// 序时 rules: `tolerance` (points either side of the expected percent that count as on
    /// pace) and `warningDays` (a deadline this near lights 蓝).
    func pace(_ item: Any, _ field: String) throws -> ReportTemplate.Pace {
        let spec = try object(item, field)
        let known: Set<String> = ["tolerance", "warningDays"]
        if let unknown = spec.keys.sorted().first(where: { !known.contains($0) }) {
            throw fail("\(field).\(unknown)", "unknown field (expected: \(known.sorted().joined(separator: ", ")))")
        }
        var pace = ReportTemplate.Pace()
        pace.tolerance = try number(spec["tolerance"], "\(field).tolerance", default: pace.tolerance)
        guard (0...50).contains(pace.tolerance) else { throw fail("\(field).tolerance", "must be between 0 and 50 points") }
        let days = try number(spec["warningDays"], "\(field).warningDays", default: Double(pace.warningDays))
        guard (0...366).contains(days), days == days.rounded() else { throw fail("\(field).warningDays", "must be a whole number of days, 0 to 366") }
        pace.warningDays = Int(days)
        return pace
    }

    /// Every field optional: what is left out keeps the standard style.
    func style(_ item: Any, _ field: String) throws -> ReportTemplate.Style {
        let spec = try object(item, field)
        let known: Set<String> = ["bodyFont", "titleFont", "bodySize", "titleSize", "headerFill", "progressHeaderFill",
                                  "lockedFill", "unreportedFill"]
        if let unknown = spec.keys.sorted().first(where: { !known.contains($0) }) {
            throw fail("\(field).\(unknown)", "unknown field (expected: \(known.sorted().joined(separator: ", ")))")
        }
        var style = ReportTemplate.Style.standard
        func fonts(_ key: String) throws -> [String]? {
            guard let value = spec[key] else { return nil }
            let names = try array(value, "\(field).\(key)").enumerated().map { index, name in
                try string(name, "\(field).\(key)[\(index)]")!
            }
            if names.isEmpty { throw fail("\(field).\(key)", "list at least one font name") }
            if let long = names.first(where: { $0.utf8.count > 31 }) { throw fail("\(field).\(key)", "\"\(long)\" is longer than Excel's 31 characters") }
            return names
        }
        func size(_ key: String, _ fallback: Double) throws -> Double {
            let value = try number(spec[key], "\(field).\(key)", default: fallback)
            guard (6...72).contains(value) else { throw fail("\(field).\(key)", "must be between 6 and 72 points") }
            return value
        }
        func colour(_ key: String, _ fallback: UInt32) throws -> UInt32 {
            guard let value = spec[key] else { return fallback }
            let text = try string(value, "\(field).\(key)")!
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard digits.count == 6, let rgb = UInt32(digits, radix: 16) else {
                throw fail("\(field).\(key)", "expected a colour like \"#DDEBF7\"")
            }
            return rgb
        }
        style.bodyFont = try fonts("bodyFont") ?? style.bodyFont
        style.titleFont = try fonts("titleFont") ?? style.titleFont
        style.bodySize = try size("bodySize", style.bodySize)
        style.titleSize = try size("titleSize", style.titleSize)
        style.headerFill = try colour("headerFill", style.headerFill)
        style.progressHeaderFill = try colour("progressHeaderFill", style.progressHeaderFill)
        style.lockedFill = try colour("lockedFill", style.lockedFill)
        style.unreportedFill = try colour("unreportedFill", style.unreportedFill)
        return style
    }

    func column(_ item: Any, _ field: String) throws -> ReportTemplate.Column {
        let spec = try object(item, field)
        let known: Set<String> = ["name", "type", "width", "required", "values", "severity", "minimum", "maximum", "prompt", "percentRanges",
                                  "explain"]
        if let unknown = spec.keys.sorted().first(where: { !known.contains($0) }) {
            throw fail("\(field).\(unknown)", "unknown field (expected: \(known.sorted().joined(separator: ", ")))")
        }
        let name = try string(spec["name"], "\(field).name")!
        let type = try self.type(spec["type"], "\(field).type")
        let width = try number(spec["width"], "\(field).width", default: 20)
        guard (1...255).contains(width) else { throw fail("\(field).width", "must be between 1 and 255") }
        var values: [String] = []
        if type == .choice {
            let items = try array(spec["values"], "\(field).values")
            if items.isEmpty { throw fail("\(field).values", "a choice column needs at least one value") }
            for (index, value) in items.enumerated() {
                let text = try string(value, "\(field).values[\(index)]")!
                if text.contains(",") { throw fail("\(field).values[\(index)]", "must not contain a comma") }
                if values.contains(text) { throw fail("\(field).values[\(index)]", "\"\(text)\" is listed twice") }
                values.append(text)
            }
        } else if spec["values"] != nil {
            throw fail("\(field).values", "only a choice column has values")
        }
        var severity = Array(values.reversed())
        if let items = spec["severity"] {
            guard type == .choice else { throw fail("\(field).severity", "only a choice column has a severity order") }
            severity = try array(items, "\(field).severity").enumerated().map { index, item in
                try string(item, "\(field).severity[\(index)]")!
            }
            guard severity.sorted() == values.sorted() else {
                throw fail("\(field).severity", "must list the same values as \"values\", worst first")
            }
        }
        let minimum = try number(spec["minimum"], "\(field).minimum", default: 0)
        let maximum = try number(spec["maximum"], "\(field).maximum", default: 100)
        if type == .percent && minimum >= maximum { throw fail("\(field).maximum", "must be greater than minimum") }
        let prompt = try string(spec["prompt"], "\(field).prompt", required: false)
        if let prompt, prompt.count > 255 { throw fail("\(field).prompt", "longer than Excel's 255 characters") }
        var ranges: [String: ClosedRange<Double>] = [:]
        if let item = spec["percentRanges"] {
            guard type == .choice else { throw fail("\(field).percentRanges", "only a choice column has percent ranges") }
            for (value, bounds) in try object(item, "\(field).percentRanges") {
                let where_ = "\(field).percentRanges.\(value)"
                guard values.contains(value) else { throw fail(where_, "not one of the column's values") }
                let pair = try array(bounds, where_)
                guard pair.count == 2 else { throw fail(where_, "must be [lowest, highest], e.g. [100, 100]") }
                let low = try number(pair[0], where_ + "[0]", default: 0), high = try number(pair[1], where_ + "[1]", default: 0)
                guard low <= high else { throw fail(where_, "the lowest is above the highest") }
                ranges[value] = low...high
            }
        }
        var explain: [String: String] = [:]
        if let item = spec["explain"] {
            guard type == .choice else { throw fail("\(field).explain", "only a choice column has values to explain") }
            for (value, other) in try object(item, "\(field).explain") {
                guard values.contains(value) else { throw fail("\(field).explain.\(value)", "not one of the column's values") }
                explain[value] = try string(other, "\(field).explain.\(value)")!
            }
        }
        var column = ReportTemplate.Column(
            name: name, type: type, width: width, required: try bool(spec["required"], "\(field).required"),
            values: values, severity: severity, minimum: minimum, maximum: maximum, prompt: prompt)
        column.percentRanges = ranges
        column.explain = explain
        return column
    }
}
