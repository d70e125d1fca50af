import Glibc
import Synchronization
import RocfaultPlatform

/// Reports how watched processes ended (signal or exit status), from the kernel's process events
/// connector; one thread sleeps in `poll()` on the netlink socket and a wake-up pipe.
///
/// Needs root or `CAP_NET_ADMIN`; without, `init` throws and the daemon goes on with pidfds,
/// which tell that a process ended but not how.
package final class ProcessExitStatusWatcher: Sendable {
    /// Why the connector cannot be used.
    package struct StartError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The errno of the failed call (`EPERM` without `CAP_NET_ADMIN`, `EPROTONOSUPPORT`
        /// without `CONFIG_PROC_EVENTS`); 0 when no thread or pipe could be made.
        package var code: Int32

        /// For the log.
        package var description: String {
            code == 0 ? "no thread for process events" : "process events connector: \(String(cString: strerror(code)))"
        }
    }

    /// Statuses of watched processes, in the order they ended. Finishes after `stop()`.
    package let statuses: AsyncStream<ProcessExitStatus>

    private let loop: ConnectorLoop
    private let thread: LoopThread

    /// Subscribes to process events and starts the thread.
    package init(bufferLimit: Int = 1024) throws(StartError) {
        let fd = ProcConnector.open()
        guard fd >= 0 else { throw StartError(code: -fd) }
        let (stream, continuation) = AsyncStream.makeStream(
            of: ProcessExitStatus.self,
            bufferingPolicy: .bufferingNewest(bufferLimit)
        )
        guard let loop = ConnectorLoop(fd: fd, continuation: continuation) else {
            Glibc.close(fd)
            throw StartError(code: 0)
        }
        guard let thread = LoopThread(running: loop) else { throw StartError(code: 0) }
        self.statuses = stream
        self.loop = loop
        self.thread = thread
    }

    deinit { stop() }

    /// Reports the exit of `pid` when it comes (once). Exit events the kernel sent before this call
    /// are of an earlier process that had the same number: with `pid_max` at 32768 numbers come
    /// round again within minutes on a busy machine, and an old exit can still sit in the socket.
    package func watch(pid: Int32) {
        let now = SystemClock.monotonic().components
        let nanoseconds = UInt64(max(0, now.seconds)) * 1_000_000_000 + UInt64(max(0, now.attoseconds) / 1_000_000_000)
        loop.watched.withLock { $0[pid] = nanoseconds }
    }

    /// Stops the thread, closes the socket and finishes `statuses`. Safe to call more than once.
    package func stop() { thread.stop() }
}

/// The connector socket's `poll()` loop.
final class ConnectorLoop: PollingLoop, Sendable {
    /// Watched pids and when each began to be watched (`CLOCK_MONOTONIC` nanoseconds).
    let watched = Mutex<[Int32: UInt64]>([:])
    private let fd: Int32
    private let wake: WakePipe
    private let stopping = Atomic<Bool>(false)
    private let continuation: AsyncStream<ProcessExitStatus>.Continuation

    init?(fd: Int32, continuation: AsyncStream<ProcessExitStatus>.Continuation) {
        guard let wake = try? WakePipe() else { return nil }
        self.fd = fd
        self.wake = wake
        self.continuation = continuation
    }

    func run() {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while !stopping.load(ordering: .acquiring) {
            guard (try? Poller.wait(for: fd, orWake: wake)) != nil else { break }
            while let exits = ProcConnector.receive(fd, buffer: &buffer) { report(exits) }
        }
    }

    private func report(_ exits: [ProcConnector.Exit]) {
        let time = SystemClock.now()
        for exit in exits where exit.pid == exit.threadGroup {
            let taken = watched.withLock { watched in
                guard let since = watched[exit.pid], Self.ends(since: since, exit) else { return false }
                watched[exit.pid] = nil
                return true
            }
            guard taken else { continue }
            continuation.yield(ProcessExitStatus(pid: exit.pid, waitStatus: exit.exitCode, time: time))
        }
    }

    /// Whether `exit` can end a process watched since `since`: not when the kernel sent it before.
    static func ends(since: UInt64, _ exit: ProcConnector.Exit) -> Bool {
        exit.monotonicNanoseconds >= since
    }

    func requestStop() {
        stopping.store(true, ordering: .releasing)
        wake.wake()
    }

    func close() {
        Glibc.close(fd)
        continuation.finish()
    }
}
