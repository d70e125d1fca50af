import Glibc
import RocfaultCore
import Synchronization
import RocfaultPlatform

/// The watcher's shared state and its `poll()` loop. Only the loop thread closes pidfds of
/// watched processes, so a descriptor is never closed while `poll()` waits on it.
final class ExitLoop: PollingLoop, Sendable {
    private struct Watch: Sendable {
        var fd: Int32
        var startTime: UInt64?
    }

    private struct State: Sendable {
        var watches: [Int32: Watch] = [:]
        /// Descriptors of unwatched processes, closed by the loop once `poll()` has returned.
        var pendingClose: [Int32] = []
        var stopping = false
    }

    private let procRoot: String
    private let wake: WakePipe
    private let continuation: AsyncStream<ProcessExit>.Continuation
    private let state = Mutex(State())

    init?(procRoot: String, continuation: AsyncStream<ProcessExit>.Continuation) {
        guard let wake = try? WakePipe() else { return nil }
        self.procRoot = procRoot
        self.wake = wake
        self.continuation = continuation
    }

    var watchedPIDs: [Int32] { state.withLock { $0.watches.keys.sorted() } }

    func watch(pid: Int32, startTime: UInt64?) -> ProcessExitWatcher.WatchResult {
        if let early = state.withLock({ current -> ProcessExitWatcher.WatchResult? in
            current.stopping ? .stopped : (current.watches[pid] != nil ? .alreadyWatched : nil)
        }) {
            return early
        }
        let fd = PidFD.open(pid)
        guard fd >= 0 else { return fd == -ESRCH ? .alreadyExited : .failed(-fd) }
        // The pidfd pins the process: checking the start time now tells whether it is the one meant.
        if let startTime, ProcStat(path: "\(procRoot)/\(pid)/stat")?.startTime != startTime {
            Glibc.close(fd)
            return .alreadyExited
        }
        let result = state.withLock { current -> ProcessExitWatcher.WatchResult in
            if current.stopping { return .stopped }
            if current.watches[pid] != nil { return .alreadyWatched }
            current.watches[pid] = Watch(fd: fd, startTime: startTime)
            return .watching
        }
        if result == .watching { wake.wake() } else { Glibc.close(fd) }
        return result
    }

    func unwatch(pid: Int32) {
        let removed = state.withLock { current -> Bool in
            guard let watch = current.watches.removeValue(forKey: pid) else { return false }
            current.pendingClose.append(watch.fd)
            return true
        }
        if removed { wake.wake() }
    }

    func requestStop() {
        state.withLock { $0.stopping = true }
        wake.wake()
    }

    func run() {
        while true {
            guard let watched = snapshot() else { break }
            var fds = [pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0)]
            fds += watched.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            guard (try? Poller.poll(&fds, timeoutMilliseconds: -1)) != nil else { break }
            if fds[0].revents != 0 { wake.drain() }
            let time = SystemClock.now()
            for (index, entry) in watched.enumerated() where fds[index + 1].revents != 0 {
                report(pid: entry.pid, fd: entry.fd, time: time)
            }
        }
        continuation.finish()
    }

    /// The current watches, after closing the descriptors of unwatched processes; `nil` once stopping.
    private func snapshot() -> [(pid: Int32, fd: Int32)]? {
        let (list, dropped) = state.withLock { current -> ([(pid: Int32, fd: Int32)]?, [Int32]) in
            let dropped = current.pendingClose
            current.pendingClose.removeAll()
            guard !current.stopping else { return (nil, dropped) }
            return (current.watches.map { (pid: $0.key, fd: $0.value.fd) }, dropped)
        }
        dropped.forEach { Glibc.close($0) }
        return list
    }

    private func report(pid: Int32, fd: Int32, time: EventTime) {
        let removed = state.withLock { current -> Watch? in
            guard current.watches[pid]?.fd == fd else { return nil }
            return current.watches.removeValue(forKey: pid)
        }
        guard let removed else { return }
        Glibc.close(fd)
        continuation.yield(ProcessExit(pid: pid, startTime: removed.startTime, time: time))
    }

    /// Closes the remaining pidfds; call after the loop thread has ended.
    func close() {
        let fds = state.withLock { current -> [Int32] in
            defer {
                current.watches.removeAll()
                current.pendingClose.removeAll()
            }
            return current.watches.values.map(\.fd) + current.pendingClose
        }
        fds.forEach { Glibc.close($0) }
        continuation.finish()
    }
}
