import Foundation
import ZIPFoundation

/// libxlsxwriter 1.1.4 can hide a sheet but not make it "very hidden" (a state Excel's
/// Unhide dialog does not offer). The workbook part is tiny, so after the library has
/// written the file we rewrite that one part, changing the sheet's `state="hidden"` to
/// `state="veryHidden"`. Runs on the temporary file, before it is renamed into place.
enum VeryHiddenPatch {
    static func apply(sheets names: [String], to file: URL, reportingAs path: String) throws {
        guard !names.isEmpty else { return }
        do {
            let archive = try Archive(url: file, accessMode: .update)
            guard let entry = archive["xl/workbook.xml"] else {
                throw WorkbookError(path: path, message: "xl/workbook.xml is missing from the written file")
            }
            var xml = Data()
            _ = try archive.extract(entry, skipCRC32: true) { xml.append($0) }
            var text = String(decoding: xml, as: UTF8.self)
            for name in names {
                let hidden = "<sheet name=\"\(XMLText.escapeAttribute(name))\""
                guard let start = text.range(of: hidden),
                    let end = text[start.upperBound...].range(of: "/>"),
                    let state = text[start.upperBound..<end.lowerBound].range(of: "state=\"hidden\"")
                else {
                    throw WorkbookError(path: path, message: "cannot find hidden sheet \(name) in xl/workbook.xml")
                }
                text.replaceSubrange(state, with: "state=\"veryHidden\"")
            }
            let patched = Data(text.utf8)
            try archive.remove(entry)
            try archive.addEntry(
                with: "xl/workbook.xml", type: .file, uncompressedSize: Int64(patched.count),
                compressionMethod: .deflate
            ) { position, size in
                patched.subdata(in: Int(position)..<(Int(position) + size))
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError(path: path, message: "cannot mark sheets very hidden: \(error)")
        }
    }
}

/// Escaping for text placed in XML by hand.
enum XMLText {
    static func escapeAttribute(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
