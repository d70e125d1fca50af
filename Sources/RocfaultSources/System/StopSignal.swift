import Synchronization
import RocfaultPlatform

/// Tells a dedicated reader thread to stop, and wakes it if it is blocked in `poll` or waiting
/// for its consumer to catch up (``gate``).
///
/// The thread polls ``wakeDescriptor`` next to its data descriptor, so stopping takes effect at
/// once rather than after a timeout. The pipe is closed only when the last reference (the
/// source or its thread) goes away, so a late ``stop()`` never writes to a closed descriptor.
final class StopSignal: Sendable {
    private let requested = Atomic<Bool>(false)
    private let wakeup: WakePipe
    /// The backpressure between the thread and its consumer; stopped together with the thread.
    let gate: CreditGate

    /// Creates the signal, its wake-up pipe and a gate allowing `bufferLimit` unconsumed
    /// elements.
    init(bufferLimit: Int) throws(SystemCallError) {
        wakeup = try WakePipe()
        gate = CreditGate(limit: bufferLimit)
    }

    /// Hands `element` to the consumer, blocking while the consumer is `bufferLimit` behind.
    /// Returns false (dropping the element) once stopped.
    func deliver<Element: Sendable>(
        _ batch: [Element],
        to continuation: AsyncThrowingStream<[Element], any Error>.Continuation
    ) -> Bool {
        guard !batch.isEmpty else { return true }
        guard gate.take(batch.count) else { return false }
        continuation.yield(batch)
        return true
    }

    /// How many elements a reader thread gathers into one batch at most: one hand-over to the
    /// consumer per batch instead of per element.
    var batchLimit: Int { min(256, gate.limit) }

    /// The descriptor that becomes readable on ``stop()``.
    var wakeDescriptor: Int32 { wakeup.readEnd }

    /// Whether ``stop()`` was called.
    var isStopRequested: Bool { requested.load(ordering: .acquiring) }

    /// Asks the thread to stop and wakes it. Safe from any thread, any number of times.
    func stop() {
        if requested.exchange(true, ordering: .acquiringAndReleasing) { return }
        gate.stop()
        wakeup.wake()
    }
}
