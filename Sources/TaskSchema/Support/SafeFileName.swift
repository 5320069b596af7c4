import Foundation

/// A file name someone else chose (a mail attachment's, an upload's) made safe to store and show: no path
/// (`../../x.xlsx`, `C:\x.xlsx`), no control or reserved characters, no device name, bounded.
public enum SafeFileName {
    public static func of(_ name: String?, number: Int, contents: [UInt8] = [], type: String = "") -> String {
        var leaf = (name ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        leaf = String(leaf.unicodeScalars.filter { scalar in
            !(scalar.value < 0x20 || scalar.value == 0x7F || "<>:\"|?*".unicodeScalars.contains(scalar))
        }.map(Character.init))
        leaf = leaf.trimmingCharacters(in: CharacterSet(charactersIn: " .").union(.whitespacesAndNewlines))
        let stem = (leaf as NSString).deletingPathExtension.uppercased()
        if ["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "LPT1", "LPT2", "LPT3"].contains(stem) { leaf = "_" + leaf }
        if leaf.isEmpty {
            let guessed = contents.starts(with: [0x50, 0x4B]) ? ".xlsx" : contents.starts(with: [0xD0, 0xCF]) ? ".xls"
                : type == "text/csv" ? ".csv" : ""
            leaf = "附件\(number)" + guessed
        }
        // At most 150 bytes (file systems allow 255), the extension kept.
        let ext = (leaf as NSString).pathExtension
        var base = (leaf as NSString).deletingPathExtension
        while base.utf8.count + ext.utf8.count > 150 { base.removeLast() }
        return ext.isEmpty ? base : base + "." + ext
    }
}
