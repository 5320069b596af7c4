import Foundation
import Hummingbird

/// The status board of a large round costs a pass over the ledger and a thousand rows to render;
/// twenty clerks refreshing it should not cost twenty. A page is kept for its key — the round,
/// the filter, the ledger's version and this server's own write count — and for two seconds at
/// most, so that a change made meanwhile by another process shows within that time.
actor PageCache {
    private var pages: [String: (html: String, made: Date)] = [:]
    private var generation = 0
    static let lifetime: TimeInterval = 2

    /// Called after every write this server makes.
    func invalidate() {
        generation += 1
        pages.removeAll()
    }

    func key(_ parts: String...) -> String { (parts + [String(generation)]).joined(separator: "\u{1F}") }

    func page(_ key: String) -> String? {
        guard let entry = pages[key], Date().timeIntervalSince(entry.made) < Self.lifetime else { return nil }
        return entry.html
    }

    func store(_ html: String, for key: String) {
        if pages.count > 64 { pages.removeAll() }
        pages[key] = (html, Date())
    }
}
