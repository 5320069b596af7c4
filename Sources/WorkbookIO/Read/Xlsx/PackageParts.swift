import Foundation

/// The relationships of one part (`_rels/.rels`, `xl/_rels/workbook.xml.rels`).
struct Relationships {
    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    var items: [Relationship] = []

    /// Reads the relationships of `source` ("" for the package itself); none if the part is missing.
    static func read(from package: ZipPackage, for source: String) throws -> Relationships {
        let folder = source.split(separator: "/").dropLast().joined(separator: "/")
        let file = source.split(separator: "/").last.map(String.init) ?? ""
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        guard let data = try package.data(of: relsPart) else { return Relationships() }
        var parser = XMLPullParser([UInt8](data))
        var relationships = Relationships()
        while let event = parser.next() {
            guard case .start("Relationship", let attributes, _) = event else { continue }
            if attributes.value("TargetMode") == "External" { continue }
            guard let id = attributes.value("Id"), let target = attributes.value("Target") else { continue }
            relationships.items.append(Relationship(
                id: id, type: attributes.value("Type") ?? "", target: resolve(target, from: folder)))
        }
        return relationships
    }

    /// A target relative to the source part's folder, unless it starts with "/".
    static func resolve(_ target: String, from folder: String) -> String {
        let cleaned = target.replacingOccurrences(of: "\\", with: "/")
        var parts: [Substring] = cleaned.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in cleaned.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    /// The target of the first relationship whose type ends with "/<suffix>" (Transitional and
    /// Strict type URIs share their last segment).
    func target(ofType suffix: String) -> String? {
        items.first { $0.type.hasSuffix("/" + suffix) }?.target
    }

    func target(id: String) -> String? { items.first { $0.id == id }?.target }
}

/// xl/workbook.xml: the sheets in order with their state and relationship id, and the date system.
struct WorkbookPart {
    struct SheetEntry {
        var name: String
        var state: SheetState
        var relationship: String?
    }

    static let relationshipNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    ]

    var sheets: [SheetEntry] = []
    var date1904 = false

    static func parse(_ bytes: [UInt8]) -> WorkbookPart {
        var parser = XMLPullParser(bytes)
        var part = WorkbookPart()
        while let event = parser.next() {
            guard case .start(let name, let attributes, _) = event else { continue }
            if name == "workbookPr" {
                let value = attributes.value("date1904") ?? ""
                part.date1904 = value == "1" || value == "true"
            } else if name == "sheet" {
                // r:id, relationships:id, … — whatever prefix the relationships namespace has here.
                let relationship = attributes.first { attribute in
                    XMLPullParser.localName(attribute.name) == "id"
                        && relationshipNamespaces.contains(parser.namespace(ofPrefix: XMLPullParser.prefix(attribute.name)) ?? "")
                }?.value
                let state = SheetState(rawValue: attributes.value("state") ?? "visible") ?? .visible
                part.sheets.append(SheetEntry(name: attributes.value("name") ?? "", state: state, relationship: relationship))
            }
        }
        return part
    }
}

/// docProps/custom.xml: `<property name="…"><vt:lpwstr>value</vt:lpwstr></property>`.
enum CustomProperties {
    static func parse(_ bytes: [UInt8]) -> [String: String] {
        var parser = XMLPullParser(bytes)
        var properties: [String: String] = [:]
        var current: String? = nil
        var value = ""
        var depth = 0
        while let event = parser.next() {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                if name == "property" {
                    current = attributes.value("name")
                    value = ""
                    depth = 0
                    if selfClosing, let key = current { properties[key] = "" }
                } else if current != nil {
                    depth += 1
                }
            case .text(let text):
                if current != nil && depth > 0 { value += text }
            case .end(let name):
                if name == "property", let key = current {
                    properties[key] = value
                    current = nil
                } else if current != nil {
                    depth -= 1
                }
            }
        }
        return properties
    }
}

/// xl/sharedStrings.xml: one string per `<si>`, in order; an empty `<si/>` keeps its slot.
enum SharedStrings {
    /// Parses the part chunk by chunk as it inflates: only the unfinished tail of a chunk is
    /// kept, so memory is the strings themselves, not the part's XML (45 MB for 100,000 tasks).
    static func parse(streaming part: String, of package: ZipPackage) throws -> [String] {
        try parse(limits: package.limits, path: package.path) { consumer in try package.stream(part, consumer) }
    }

    /// Parses the part delivered in chunks by `chunks`, which calls its argument once per chunk.
    /// More strings than ``ReadLimits/sharedStrings``, or one string's XML longer than a row may
    /// be, is an error (a bomb of empty `<si/>` or an `<si>` that never ends).
    static func parse(
        limits: ReadLimits = .standard, path: String = "", chunks: ((Data) throws -> Void) throws -> Void
    ) throws -> [String] {
        var table: [String] = []
        var pending: [UInt8] = []
        try chunks { chunk in
            pending.append(contentsOf: chunk)
            let consumed = pending.withUnsafeBufferPointer { parseComplete($0, into: &table, final: false) }
            pending.removeFirst(consumed)
            guard table.count <= limits.sharedStrings else {
                throw WorkbookError(.tooLarge, path: path, message: "more than \(limits.sharedStrings) shared strings (limit shared-strings)")
            }
            guard pending.count <= limits.rowBytes else {
                throw WorkbookError(.tooLarge, path: path, message: "a shared string longer than \(limits.rowBytes >> 20) MB of XML (limit row-bytes)")
            }
        }
        pending.withUnsafeBufferPointer { _ = parseComplete($0, into: &table, final: true) }
        return table
    }

    /// Appends every complete `<si>` of `buffer` and returns how many bytes were used up; an
    /// element cut off at the end is left for the next chunk unless `final`.
    private static func parseComplete(_ buffer: UnsafeBufferPointer<UInt8>, into table: inout [String], final: Bool) -> Int {
        let cursor = ByteCursor(buffer)
        var index = 0
        while let open = cursor.find(UInt8(ascii: "<"), from: index) {
            guard let tag = cursor.tagName(at: open), let close = cursor.endOfTag(from: open) else {
                return final ? buffer.count : open
            }
            index = close + 1
            guard !tag.isEnd, cursor.localNameEquals(tag, "si") else { continue }
            if cursor.isSelfClosing(close) {
                table.append("")
                continue
            }
            guard let end = cursor.endElement("si", from: close + 1) else { return final ? buffer.count : open }
            table.append(cursor.decodeRuns((close + 1)..<end))
            index = end
        }
        return final ? buffer.count : index
    }
}
