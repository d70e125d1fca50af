import Synchronization

/// The one queue every producer feeds and the processing loop drains, plus one-shot timers that
/// feed it later. Timers are armed only when there is something to do, so an idle daemon sleeps.
final class EventHub: Sendable {
    let events: AsyncStream<DaemonEvent>
    private let continuation: AsyncStream<DaemonEvent>.Continuation
    private let armed = Mutex<Set<String>>([])
    private let credits = Mutex<Credits>(Credits(available: 64))

    private struct Credits {
        var available: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    init() {
        (events, continuation) = AsyncStream.makeStream(of: DaemonEvent.self)
    }

    /// Queues an event.
    func send(_ event: DaemonEvent) { continuation.yield(event) }

    /// Queues a batch of input, waiting while too many batches are queued already, so a reader
    /// far ahead of the processing loop is slowed down instead of filling memory.
    func sendThrottled(_ event: DaemonEvent) async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let granted = credits.withLock { state -> Bool in
                guard state.available > 0 else {
                    state.waiters.append(waiter)
                    return false
                }
                state.available -= 1
                return true
            }
            if granted { waiter.resume() }
        }
        send(event)
    }

    /// The loop finished one throttled batch: lets a waiting reader continue.
    func batchDone() {
        let waiter = credits.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.waiters.isEmpty else { return state.waiters.removeFirst() }
            state.available += 1
            return nil
        }
        waiter?.resume()
    }

    /// Ends the stream: the loop finishes what is queued and returns.
    func finish() { continuation.finish() }

    /// Queues `event` after `delay`, unless a timer with the same key is already armed.
    func schedule(_ event: DaemonEvent, key: String, after delay: Duration) {
        let inserted = armed.withLock { $0.insert(key).inserted }
        guard inserted else { return }
        Task { [weak self] in
            try? await Task.sleep(for: delay)
            guard let self else { return }
            self.armed.withLock { _ = $0.remove(key) }
            self.send(event)
        }
    }
}
