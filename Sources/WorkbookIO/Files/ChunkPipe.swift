import Foundation

/// A bounded hand-over of inflated chunks from a producer thread to the scanning thread, so
/// that inflating a large sheet and scanning it use both cores. The producer blocks when the
/// pipe is full, which keeps memory flat.
final class ChunkPipe: @unchecked Sendable {
    enum Item {
        case chunk(Data)
        case end
        case failure(Error)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private let capacity: Int
    private var cancelled = false

    init(capacity: Int) { self.capacity = capacity }

    /// Adds an item, waiting while the pipe is full; returns false once the reader has gone.
    @discardableResult
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// The reader stops early (its row callback threw): unblock the producer.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}

/// Lets a non-Sendable value cross to one other thread whose lifetime the caller bounds.
final class Handover<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
