/// A task as a sentence or a list names it: its text up to the first comma or stop, at most
/// 20 characters (the bulletin's paragraph, the 历次进展 sheet).
enum ShortName {
    static func of(_ text: String) -> String {
        let first = text.split(whereSeparator: { "，。；,;\n".contains($0) }).first.map(String.init) ?? text
        return first.count > 20 ? String(first.prefix(20)) + "…" : first
    }
}
