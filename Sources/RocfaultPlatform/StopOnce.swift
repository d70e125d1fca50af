import Synchronization

/// Lets a `stop()` that many threads may call do its work once.
struct StopOnce: ~Copyable, Sendable {
    private let stopped = Mutex(false)

    /// Runs `body` the first time only.
    func callAsFunction(_ body: () -> Void) {
        let wasStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        if !wasStopped { body() }
    }
}
