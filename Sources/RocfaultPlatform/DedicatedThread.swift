import Glibc

/// A joinable POSIX thread that runs one closure, for loops that block in `poll()`.
///
/// Swift concurrency's cooperative pool must not block, so each monitor owns one of these.
final class DedicatedThread: Sendable {
    private let handle: pthread_t

    /// Starts `body` on a new thread; `nil` when the system refuses another thread.
    init?(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(ClosureBox(body))
        var thread = pthread_t()
        let status = pthread_create(
            &thread,
            nil,
            { context in
                guard let context else { return nil }
                let box = Unmanaged<ClosureBox>.fromOpaque(context).takeRetainedValue()
                box.body()
                return nil
            },
            box.toOpaque()
        )
        guard status == 0 else {
            box.release()
            return nil
        }
        handle = thread
    }

    /// Whether the caller is this thread (joining yourself would deadlock).
    var isCurrent: Bool { pthread_equal(pthread_self(), handle) != 0 }

    /// Waits for the closure to return. Call once.
    func join() {
        guard !isCurrent else {
            pthread_detach(handle)
            return
        }
        pthread_join(handle, nil)
    }

    private final class ClosureBox {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
