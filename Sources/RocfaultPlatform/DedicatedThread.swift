#if canImport(Glibc)
import Glibc
#endif

/// A named, joinable POSIX thread that runs one closure: for blocking work (`poll`, sd-journal,
/// `/dev/kmsg`) that must stay off Swift's cooperative pool.
///
/// The thread names itself (at most 15 bytes are kept) so it shows in `ps -L`, `top -H` and
/// `/proc/PID/task/TID/comm`. Owners that stop their loop join it (``join()``); fire-and-forget
/// readers use ``start(name:_:)``, which detaches it.
package final class DedicatedThread: Sendable {
    private let handle: pthread_t

    /// Starts `body` on a new thread named `name`; `nil` when the system refuses another thread.
    package init?(name: String? = nil, _ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(ClosureBox(name: name, body))
        var thread = pthread_t()
        let status = pthread_create(
            &thread,
            nil,
            { context in
                guard let context else { return nil }
                let box = Unmanaged<ClosureBox>.fromOpaque(context).takeRetainedValue()
                if let name = box.name { DedicatedThread.nameCurrentThread(name) }
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
    package var isCurrent: Bool { pthread_equal(pthread_self(), handle) != 0 }

    /// Waits for the closure to return. Call once (or ``detach()`` instead).
    package func join() {
        guard !isCurrent else {
            pthread_detach(handle)
            return
        }
        pthread_join(handle, nil)
    }

    /// Lets the thread end on its own; nobody will join it. Call once (or ``join()`` instead).
    package func detach() { pthread_detach(handle) }

    /// Starts a detached thread running `body`; it ends when `body` returns. When the system refuses
    /// a thread, `body` runs on a detached task instead (blocking a pool thread beats losing it).
    package static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        guard let thread = DedicatedThread(name: name, body) else {
            Task.detached { body() }
            return
        }
        thread.detach()
    }

    /// Runs `body` on a new named thread and returns its result to the awaiting task.
    package static func run<Result: Sendable, Failure: Error>(
        name: String,
        _ body: @escaping @Sendable () throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let outcome: Swift.Result<Result, Failure> = await withCheckedContinuation { continuation in
            start(name: name) {
                continuation.resume(returning: Swift.Result { () throws(Failure) in try body() })
            }
        }
        return try outcome.get()
    }

    /// Names the calling thread through `/proc/thread-self/comm` (`pthread_setname_np` and
    /// `prctl` are not callable from Swift's Glibc module). Best effort.
    private static func nameCurrentThread(_ name: String) {
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        _ = close(descriptor)
    }

    private final class ClosureBox {
        let name: String?
        let body: @Sendable () -> Void
        init(name: String?, _ body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
}
