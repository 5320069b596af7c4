/// A string compared and hashed by its UTF-8 bytes: Swift's String hashing normalises
/// non-ASCII text first, which is slow and needless for names read from one file.
struct UTF8Key: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }
    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
