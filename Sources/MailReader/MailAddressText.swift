import Foundation

/// The address and display name of a From header: `"办公室" <a@b.cn>`, `a@b.cn (张三)`, `a@b.cn`.
struct MailAddressText {
    var address: String?
    var name: String?

    init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), let close = trimmed[open...].firstIndex(of: ">") {
            let inside = trimmed[trimmed.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            address = inside.contains("@") ? inside.lowercased() : nil
            let shown = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            name = shown.isEmpty ? nil : shown
        } else {
            let words = trimmed.split(separator: " ")
            address = words.first { $0.contains("@") }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>,;")).lowercased() }
            if let open = trimmed.firstIndex(of: "("), let close = trimmed.lastIndex(of: ")"), open < close {
                name = String(trimmed[trimmed.index(after: open)..<close])
            }
        }
    }
}
