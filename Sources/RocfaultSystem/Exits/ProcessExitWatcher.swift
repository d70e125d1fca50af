import Glibc
import RocfaultPlatform

/// Reports when watched processes exit, using one pidfd per process and one thread that sleeps
/// in `poll()` over all of them plus a wake-up pipe. Nothing spins; `stop()` is prompt.
package final class ProcessExitWatcher: Sendable {
    /// Why watching cannot work at all.
    package enum StartError: Error, Sendable, Equatable {
        /// The kernel or libc has no `pidfd_open` (Linux before 5.3, or a seccomp filter).
        case pidfdUnsupported
        /// No thread or pipe could be created.
        case threadFailed
    }

    /// The outcome of `watch(pid:startTime:)`.
    package enum WatchResult: Sendable, Equatable {
        /// The process is now watched.
        case watching
        /// It already was.
        case alreadyWatched
        /// It had already exited (or its pid now names a process with another start time).
        case alreadyExited
        /// The pidfd could not be opened (`errno`), for instance out of descriptors.
        case failed(Int32)
        /// The watcher was stopped.
        case stopped
    }

    /// Whether pidfds work here; when `false`, `init` throws `pidfdUnsupported`.
    package static var isSupported: Bool { PidFD.isSupported }

    /// Exits, in the order they were noticed. Finishes after `stop()`.
    package let exits: AsyncStream<ProcessExit>

    private let loop: ExitLoop
    private let thread: LoopThread

    /// Starts the watcher thread.
    /// - Parameters:
    ///   - procRoot: Where procfs is mounted (to check start times).
    ///   - bufferLimit: Exits kept while nobody reads; older ones are dropped first.
    package init(procRoot: String = "/proc", bufferLimit: Int = 4096) throws(StartError) {
        guard PidFD.isSupported else { throw .pidfdUnsupported }
        let (stream, continuation) = AsyncStream.makeStream(
            of: ProcessExit.self,
            bufferingPolicy: .bufferingNewest(bufferLimit)
        )
        guard let loop = ExitLoop(procRoot: procRoot, continuation: continuation) else { throw .threadFailed }
        guard let thread = LoopThread(running: loop) else { throw .threadFailed }
        self.exits = stream
        self.loop = loop
        self.thread = thread
    }

    deinit { stop() }

    /// Starts watching a process. With `startTime`, a pid that now names another process
    /// (a different start time in `/proc/<pid>/stat`) counts as already exited.
    @discardableResult
    package func watch(pid: Int32, startTime: UInt64? = nil) -> WatchResult {
        loop.watch(pid: pid, startTime: startTime)
    }

    /// Stops watching a process without reporting it.
    package func unwatch(pid: Int32) {
        loop.unwatch(pid: pid)
    }

    /// The pids being watched.
    package var watchedPIDs: [Int32] { loop.watchedPIDs }

    /// Stops the thread, closes every pidfd and finishes `exits`. Safe to call more than once.
    package func stop() {
        thread.stop()
    }
}
