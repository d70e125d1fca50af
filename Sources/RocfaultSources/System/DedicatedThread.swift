import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starts OS threads for blocking work that must stay off Swift's cooperative pool.
enum DedicatedThread {
    /// Starts a thread running `body`. The thread ends when `body` returns.
    ///
    /// The name (at most 15 bytes are kept) is set by the thread itself, so it shows in `ps -L`,
    /// `top -H` and `/proc/PID/task/TID/comm`; Foundation's `Thread.name` does not reach the OS.
    static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            nameCurrentThread(name)
            body()
        }
        thread.name = name
        thread.start()
    }

    /// Runs `body` on a new thread and returns its result to the awaiting task.
    static func run<Result: Sendable>(
        name: String,
        _ body: @escaping @Sendable () throws(SystemCallError) -> Result
    ) async throws(SystemCallError) -> Result {
        let outcome: Swift.Result<Result, SystemCallError> = await withCheckedContinuation { continuation in
            start(name: name) {
                continuation.resume(returning: Swift.Result { () throws(SystemCallError) in try body() })
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
}
