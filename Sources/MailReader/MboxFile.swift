import Foundation

/// The messages of an mbox file (Thunderbird, Foxmail, mutt exports). A message starts at a
/// `From ` line at the start of the file or after an empty line; `>From ` quoting (mboxrd, and
/// the `>From` of mboxo) is undone one `>` at a time.
public enum MboxFile {
    public static func messages<Bytes: Collection>(_ bytes: Bytes) -> [[UInt8]] where Bytes.Element == UInt8 {
        let data = Array(bytes)
        var messages: [[UInt8]] = []
        var current: [UInt8]? = nil
        var previousEmpty = true
        var index = 0
        let from = Array("From ".utf8)
        while index < data.count {
            let end = data[index...].firstIndex(of: 0x0A) ?? data.count
            let lineEnd = end < data.count ? end + 1 : end
            let line = data[index..<end]
            if previousEmpty, line.starts(with: from) {
                if let message = current { messages.append(trimmed(message)) }
                current = []
            } else if current != nil {
                var start = index
                if data[start] == UInt8(ascii: ">") {
                    var probe = start
                    while probe < end, data[probe] == UInt8(ascii: ">") { probe += 1 }
                    if data[probe..<end].starts(with: from) { start += 1 }
                }
                current! += data[start..<lineEnd]
            }
            let content = line.last == 0x0D ? line.dropLast() : line
            previousEmpty = content.isEmpty
            index = lineEnd
        }
        if let message = current { messages.append(trimmed(message)) }
        return messages
    }

    /// The empty line the format puts between messages is not the message's.
    private static func trimmed(_ message: [UInt8]) -> [UInt8] {
        var message = message
        if message.last == 0x0A { message.removeLast() }
        if message.last == 0x0D { message.removeLast() }
        return message
    }
}
