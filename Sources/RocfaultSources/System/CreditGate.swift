import Foundation

/// Bounds how far a reader thread may run ahead of its async consumer.
///
/// The thread takes a credit before handing out each element and blocks while `limit` elements
/// are handed out but not yet consumed; the consumer returns a credit per element it takes.
/// Stopping wakes a blocked thread. Without this, a slow consumer would make the stream buffer
/// a whole journal in memory; with it, a stalled kmsg consumer shows up as a kernel overrun gap.
final class CreditGate: @unchecked Sendable {
    /// The most elements handed out and not yet consumed.
    let limit: Int
    private let condition = NSCondition()
    private var outstanding = 0
    private var stopped = false

    /// Creates a gate; `limit` is at least 1.
    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    /// Elements handed out and not yet consumed (for tests).
    var outstandingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return outstanding
    }

    /// Blocks the producer until it may hand out one more element; false once stopped.
    func take() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while outstanding >= limit, !stopped { condition.wait() }
        if stopped { return false }
        outstanding += 1
        return true
    }

    /// Returns the credit of a consumed element.
    func giveBack() {
        condition.lock()
        outstanding -= 1
        condition.signal()
        condition.unlock()
    }

    /// Wakes the producer for good: ``take()`` returns false from now on.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
