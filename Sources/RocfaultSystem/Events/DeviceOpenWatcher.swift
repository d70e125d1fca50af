import Glibc
import Synchronization

/// Tells when any process opens a GPU node, so a new GPU process is found at once instead of at
/// the next periodic scan.
///
/// inotify reports `IN_OPEN` on device nodes for every opener, whoever it is. One dedicated thread
/// sleeps in `poll()` on the inotify descriptor and a wake-up pipe; each time opens arrive, one
/// element is put on `opens` (the stream keeps at most one, so a burst of opens makes one scan).
/// Nodes created after the start are not watched (GPU hot-plug is rare; the periodic scan still
/// finds their users).
public final class DeviceOpenWatcher: Sendable {
    /// Why the watcher could not start.
    public enum StartError: Error, Sendable, Equatable {
        /// `inotify_init1` failed with this errno.
        case inotifyUnavailable(Int32)
        /// No thread or pipe could be created.
        case threadFailed
    }

    /// The nodes being watched (those of the requested paths that could be watched).
    public let watchedPaths: [String]
    /// One element per batch of opens. Finishes after `stop()`.
    public let opens: AsyncStream<Void>

    private let loop: InotifyLoop
    private let thread: DedicatedThread
    private let stopOnce = StopOnce()

    /// Starts watching `paths`; paths that do not exist or cannot be watched are skipped.
    public init(paths: [String]) throws(StartError) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let loop = try InotifyLoop(continuation: continuation)
        let watched = paths.filter { loop.watchOpens(of: $0) }
        guard let thread = DedicatedThread({ loop.run() }) else {
            loop.close()
            throw .threadFailed
        }
        self.watchedPaths = watched
        self.opens = stream
        self.loop = loop
        self.thread = thread
    }

    deinit { stop() }

    /// Stops the thread, closes the descriptor and finishes `opens`. Safe to call more than once.
    public func stop() {
        stopOnce {
            loop.requestStop()
            thread.join()
            loop.close()
        }
    }

    /// The existing nodes a matcher names: its exact paths, and the entries of each prefix's
    /// directory that start with the prefix (`/dev/dri/renderD128` for `/dev/dri/renderD`).
    public static func existingNodes(matching matcher: DeviceMatcher) -> [String] {
        var nodes = matcher.exactPaths.filter { access($0, F_OK) == 0 }
        for prefix in matcher.prefixes {
            let slash = prefix.lastIndex(of: "/").map { prefix.index(after: $0) } ?? prefix.startIndex
            let directory = String(prefix[..<slash])
            for name in FileIO.list(directory.isEmpty ? "." : directory)
            where (directory + name).hasPrefix(prefix) {
                nodes.insert(directory + name)
            }
        }
        return nodes.sorted()
    }
}

/// The state the watcher thread owns: the inotify descriptor, the wake pipe and the stream.
final class InotifyLoop: @unchecked Sendable {
    // `descriptor` is read only by the watcher thread between `init` and `close`, and `close` runs
    // after that thread was joined; watches are added before the thread starts.
    private let descriptor: Int32
    private let wake: WakePipe
    private let continuation: AsyncStream<Void>.Continuation
    private let stopRequested = Atomic(false)

    init(continuation: AsyncStream<Void>.Continuation) throws(DeviceOpenWatcher.StartError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw .inotifyUnavailable(errno) }
        guard let wake = WakePipe() else {
            Glibc.close(descriptor)
            throw .threadFailed
        }
        self.descriptor = descriptor
        self.wake = wake
        self.continuation = continuation
    }

    /// Adds an `IN_OPEN` watch; false when the path cannot be watched.
    func watchOpens(of path: String) -> Bool {
        inotify_add_watch(descriptor, path, UInt32(IN_OPEN)) >= 0
    }

    func requestStop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        wake.wake()
    }

    func run() {
        var fds = [
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        while !stopRequested.load(ordering: .sequentiallyConsistent) {
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 && errno == EINTR { continue }
            guard ready >= 0, fds[0].revents & Int16(POLLNVAL) == 0 else { break }
            if fds[1].revents != 0 { wake.drain() }
            if fds[0].revents & Int16(POLLIN) != 0, drainEvents() { continuation.yield(()) }
        }
        continuation.finish()
    }

    /// Reads every queued event; true when there was at least one.
    private func drainEvents() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var any = false
        while buffer.withUnsafeMutableBytes({ Glibc.read(descriptor, $0.baseAddress, $0.count) }) > 0 { any = true }
        return any
    }

    func close() {
        Glibc.close(descriptor)
        continuation.finish()
    }
}
