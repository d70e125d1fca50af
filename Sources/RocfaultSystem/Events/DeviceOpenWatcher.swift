import Glibc
import Synchronization
import RocfaultPlatform

/// Tells when any process opens a GPU node, so a new GPU process is found at once instead of at
/// the next periodic scan.
///
/// inotify reports `IN_OPEN` on device nodes for every opener, whoever it is. One dedicated thread
/// sleeps in `poll()` on the inotify descriptor and a wake-up pipe; each time opens arrive, one
/// element is put on `opens` (the stream keeps at most one, so a burst of opens makes one scan).
/// The nodes' directories are watched for new entries (`IN_CREATE`, `IN_MOVED_TO`) too, so a node that appears later (a GPU
/// plugged in, the driver loaded after the daemon started) is watched from then on, and its
/// appearance counts as an open.
package final class DeviceOpenWatcher: Sendable {
    /// Why the watcher could not start.
    package enum StartError: Error, Sendable, Equatable {
        /// `inotify_init1` failed with this errno.
        case inotifyUnavailable(Int32)
        /// No thread or pipe could be created.
        case threadFailed
    }

    /// The nodes watched from the start (new ones are added as they appear).
    package let watchedPaths: [String]
    /// One element per batch of opens. Finishes after `stop()`.
    package let opens: AsyncStream<Void>

    private let thread: LoopThread

    /// Starts watching the nodes `matcher` names and their directories; nodes that do not exist
    /// yet are watched once they appear.
    package init(matcher: DeviceMatcher) throws(StartError) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let loop = try InotifyLoop(matcher: matcher, continuation: continuation)
        let watched = Self.existingNodes(matching: matcher).filter { loop.watchOpens(of: $0) }
        for directory in Self.directories(of: matcher) { loop.watchCreations(in: directory) }
        guard let thread = LoopThread(running: loop) else { throw .threadFailed }
        self.watchedPaths = watched
        self.opens = stream
        self.thread = thread
    }

    deinit { stop() }

    /// Stops the thread, closes the descriptor and finishes `opens`. Safe to call more than once.
    package func stop() {
        thread.stop()
    }

    /// The directories a matcher's paths and prefixes live in, each ending in `/`.
    static func directories(of matcher: DeviceMatcher) -> Set<String> {
        Set((Array(matcher.exactPaths) + matcher.prefixes).map(directoryPart))
    }

    private static func directoryPart(_ path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return String(path[..<slash])
    }

    /// The existing nodes a matcher names: its exact paths, and the entries of each prefix's
    /// directory that start with the prefix (`/dev/dri/renderD128` for `/dev/dri/renderD`).
    package static func existingNodes(matching matcher: DeviceMatcher) -> [String] {
        var nodes = matcher.exactPaths.filter { access($0, F_OK) == 0 }
        for prefix in matcher.prefixes {
            let directory = directoryPart(prefix)
            for name in FileIO.list(directory.isEmpty ? "." : directory)
            where (directory + name).hasPrefix(prefix) {
                nodes.insert(directory + name)
            }
        }
        return nodes.sorted()
    }
}

/// The state the watcher thread owns: the inotify descriptor, its watches, the wake pipe and the
/// stream.
final class InotifyLoop: PollingLoop, @unchecked Sendable {
    // The descriptor and `directories` are used by the watcher thread only between `init` and
    // `close` (which runs after that thread was joined); the first watches are added before the
    // thread starts.
    private let descriptor: Int32
    private let matcher: DeviceMatcher
    private var directories: [Int32: String] = [:]
    private let wake: WakePipe
    private let continuation: AsyncStream<Void>.Continuation
    private let stopRequested = Atomic(false)

    init(matcher: DeviceMatcher, continuation: AsyncStream<Void>.Continuation) throws(DeviceOpenWatcher.StartError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw .inotifyUnavailable(errno) }
        guard let wake = try? WakePipe() else {
            Glibc.close(descriptor)
            throw .threadFailed
        }
        self.descriptor = descriptor
        self.matcher = matcher
        self.wake = wake
        self.continuation = continuation
    }

    /// Adds an `IN_OPEN` watch; false when the path cannot be watched.
    func watchOpens(of path: String) -> Bool {
        inotify_add_watch(descriptor, path, UInt32(IN_OPEN)) >= 0
    }

    /// Watches a directory (ending in `/`) for new entries.
    func watchCreations(in directory: String) {
        let watch = inotify_add_watch(descriptor, directory, UInt32(IN_CREATE | IN_MOVED_TO))
        if watch >= 0 { directories[watch] = directory }
    }

    func requestStop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        wake.wake()
    }

    func run() {
        while !stopRequested.load(ordering: .sequentiallyConsistent) {
            guard let events = try? Poller.wait(for: descriptor, orWake: wake), events & Int16(POLLNVAL) == 0
            else { break }
            if events & Int16(POLLIN) != 0, drainEvents() { continuation.yield(()) }
        }
        continuation.finish()
    }

    /// Reads every queued event and watches new nodes; true when a node was opened or appeared.
    private func drainEvents() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var relevant = false
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return relevant }
            buffer.withUnsafeBytes { bytes in
                for event in InotifyEvent.parseAll(bytes.prefix(count)) where handle(event) { relevant = true }
            }
        }
    }

    private func handle(_ event: InotifyEvent) -> Bool {
        guard event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 else { return event.mask & UInt32(IN_OPEN) != 0 }
        guard let directory = directories[event.watch], let name = event.name else { return false }
        let path = directory + name
        guard matcher.matches(path) else { return false }
        _ = watchOpens(of: path)
        return true
    }

    func close() {
        Glibc.close(descriptor)
        continuation.finish()
    }
}
