import Synchronization

/// A one-shot timer that is moved earlier when asked for a sooner firing and otherwise left alone.
///
/// Leaving an armed timer alone matters for an idle daemon: a cancelled `Task.sleep` still wakes
/// the thread at its original deadline, so replacing the timer on every scan would pile up wake-ups.
final class OneShotTimer: Sendable {
    private struct Pending {
        var task: Task<Void, Never>
        var deadline: ContinuousClock.Instant
        var generation: Int
    }

    private let state = Mutex<(pending: Pending?, generation: Int)>((nil, 0))

    /// Runs `fire` after `delay`, unless a firing at that time or sooner is already armed; a later
    /// one is replaced.
    func armUnlessSooner(after delay: Duration, _ fire: @escaping @Sendable () -> Void) {
        let deadline = ContinuousClock.now + delay
        state.withLock { state in
            if let pending = state.pending, pending.deadline <= deadline { return }
            state.pending?.task.cancel()
            state.generation += 1
            let generation = state.generation
            let task = Task { [weak self] in
                try? await Task.sleep(until: deadline)
                guard !Task.isCancelled, let self, self.fired(generation) else { return }
                fire()
            }
            state.pending = Pending(task: task, deadline: deadline, generation: generation)
        }
    }

    /// Cancels the pending firing, if any.
    func cancel() {
        state.withLock { state in
            state.pending?.task.cancel()
            state.pending = nil
        }
    }

    /// Clears the pending firing if it is still `generation`; false when it was replaced.
    private func fired(_ generation: Int) -> Bool {
        state.withLock { state in
            guard state.pending?.generation == generation else { return false }
            state.pending = nil
            return true
        }
    }
}
