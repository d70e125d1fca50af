import Synchronization

/// Tells a dedicated reader thread to stop, and wakes it if it is blocked in `poll` or waiting
/// for its consumer to catch up (``gate``).
///
/// The thread polls ``wakeDescriptor`` next to its data descriptor, so stopping takes effect at
/// once rather than after a timeout. The pipe is closed only when the last reference (the
/// source or its thread) goes away, so a late ``stop()`` never writes to a closed descriptor.
final class StopSignal: Sendable {
    private let requested = Atomic<Bool>(false)
    private let wakeup: WakeupEvent
    /// The backpressure between the thread and its consumer; stopped together with the thread.
    let gate: CreditGate

    /// Creates the signal, its wake-up pipe and a gate allowing `bufferLimit` unconsumed
    /// elements.
    init(bufferLimit: Int) throws(SystemCallError) {
        wakeup = try WakeupEvent()
        gate = CreditGate(limit: bufferLimit)
    }

    /// Hands `element` to the consumer, blocking while the consumer is `bufferLimit` behind.
    /// Returns false (dropping the element) once stopped.
    func deliver<Element: Sendable>(
        _ element: Element,
        to continuation: AsyncThrowingStream<Element, any Error>.Continuation
    ) -> Bool {
        guard gate.take() else { return false }
        continuation.yield(element)
        return true
    }

    /// The descriptor that becomes readable on ``stop()``.
    var wakeDescriptor: Int32 { wakeup.fileDescriptor }

    /// Whether ``stop()`` was called.
    var isStopRequested: Bool { requested.load(ordering: .acquiring) }

    /// Asks the thread to stop and wakes it. Safe from any thread, any number of times.
    func stop() {
        if requested.exchange(true, ordering: .acquiringAndReleasing) { return }
        gate.stop()
        wakeup.signal()
    }
}
