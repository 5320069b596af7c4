import Foundation

/// A string compared and hashed by its UTF-8 bytes: Swift's String hashing normalises
/// non-ASCII text first, which is slow and needless for names read from one file.
struct UTF8Key: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
        // memcmp of the contiguous bytes: the generic elementsEqual walks them one at a time.
        guard lhs.text.utf8.count == rhs.text.utf8.count else { return false }
        var left = lhs.text, right = rhs.text
        return left.withUTF8 { a in right.withUTF8 { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
    }
    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
