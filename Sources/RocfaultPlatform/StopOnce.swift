import Synchronization

/// Lets a `stop()` that many threads may call do its work once.
package struct StopOnce: ~Copyable, Sendable {
    private let stopped = Mutex(false)

    /// A guard that has not run yet.
    package init() {}

    /// Runs `body` the first time only.
    package func callAsFunction(_ body: () -> Void) {
        let wasStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        if !wasStopped { body() }
    }
}
