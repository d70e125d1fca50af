import Synchronization

/// A one-shot timer that a new `arm` replaces.
final class OneShotTimer: Sendable {
    private let pending = Mutex<Task<Void, Never>?>(nil)

    /// Runs `fire` after `delay`, unless armed again or cancelled before.
    func arm(after delay: Duration, _ fire: @escaping @Sendable () -> Void) {
        let next = Task {
            try? await Task.sleep(for: delay)
            if !Task.isCancelled { fire() }
        }
        pending.withLock { current in
            current?.cancel()
            current = next
        }
    }

    /// Cancels the pending firing, if any.
    func cancel() {
        pending.withLock { $0?.cancel() }
    }
}
