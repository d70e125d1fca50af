import Synchronization

/// Tells a dedicated reader thread to stop, and wakes it if it is blocked in `poll`.
///
/// The thread polls ``wakeDescriptor`` next to its data descriptor, so stopping takes effect at
/// once rather than after a timeout. The pipe is closed only when the last reference (the
/// source or its thread) goes away, so a late ``stop()`` never writes to a closed descriptor.
final class StopSignal: Sendable {
    private let requested = Atomic<Bool>(false)
    private let wakeup: WakeupEvent

    /// Creates the signal and its wake-up pipe.
    init() throws(SystemCallError) {
        wakeup = try WakeupEvent()
    }

    /// The descriptor that becomes readable on ``stop()``.
    var wakeDescriptor: Int32 { wakeup.fileDescriptor }

    /// Whether ``stop()`` was called.
    var isStopRequested: Bool { requested.load(ordering: .acquiring) }

    /// Asks the thread to stop and wakes it. Safe from any thread, any number of times.
    func stop() {
        if requested.exchange(true, ordering: .acquiringAndReleasing) { return }
        wakeup.signal()
    }
}
