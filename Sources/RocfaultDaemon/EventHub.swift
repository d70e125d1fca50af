import Synchronization

/// The one queue every producer feeds and the processing loop drains, plus one-shot timers that
/// feed it later. Timers are armed only when there is something to do, so an idle daemon sleeps.
final class EventHub: Sendable {
    let events: AsyncStream<DaemonEvent>
    private let continuation: AsyncStream<DaemonEvent>.Continuation
    private let armed = Mutex<Set<String>>([])

    init() {
        (events, continuation) = AsyncStream.makeStream(of: DaemonEvent.self)
    }

    /// Queues an event.
    func send(_ event: DaemonEvent) { continuation.yield(event) }

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
