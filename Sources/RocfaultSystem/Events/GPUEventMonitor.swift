import CUdev
import Glibc
import Synchronization

/// Watches uevents of GPU-related subsystems (`drm`, `pci`) through a libudev netlink monitor.
///
/// One dedicated thread sleeps in `poll()` on the monitor socket and a wake-up pipe, so nothing
/// spins and `stop()` returns within milliseconds. Events arrive on `events`, which finishes when
/// the monitor stops. DRM "device wedged" events carry `WEDGED=<methods>`; see
/// `DeviceEvent.wedgedRecoveryMethods`.
public final class GPUEventMonitor: Sendable {
    /// Why a monitor could not start.
    public enum StartError: Error, Sendable, Equatable {
        /// `udev_new` or `udev_monitor_new_from_netlink` failed (no netlink, out of memory).
        case monitorUnavailable
        /// A subsystem filter could not be installed.
        case filterFailed(String)
        /// The socket could not be bound.
        case receiveFailed(Int32)
        /// No thread or pipe could be created.
        case threadFailed
    }

    /// The netlink group in use.
    public let group: UeventGroup
    /// The subsystems watched.
    public let subsystems: [String]
    /// The events, in arrival order. Finishes after `stop()`.
    public let events: AsyncStream<DeviceEvent>

    private let loop: MonitorLoop
    private let thread: DedicatedThread
    private let stopped = Mutex(false)

    /// Starts watching.
    /// - Parameters:
    ///   - subsystems: Subsystems to pass through (a test may watch `mem`).
    ///   - group: The netlink group; by default `UeventGroup.preferred(runRoot:)`.
    ///   - runRoot: Where to look for udevd's control socket.
    ///   - bufferLimit: Events kept while nobody reads; older ones are dropped first.
    public init(
        subsystems: [String] = ["drm", "pci"],
        group: UeventGroup? = nil,
        runRoot: String = "/run",
        bufferLimit: Int = 1024
    ) throws(StartError) {
        let group = group ?? UeventGroup.preferred(runRoot: runRoot)
        let (stream, continuation) = AsyncStream.makeStream(
            of: DeviceEvent.self,
            bufferingPolicy: .bufferingNewest(bufferLimit)
        )
        let loop = try MonitorLoop(group: group, subsystems: subsystems, continuation: continuation)
        guard let thread = DedicatedThread({ loop.run() }) else {
            loop.close()
            throw .threadFailed
        }
        self.group = group
        self.subsystems = subsystems
        self.events = stream
        self.loop = loop
        self.thread = thread
    }

    deinit { stop() }

    /// Stops the thread, closes the socket and finishes `events`. Safe to call more than once.
    public func stop() {
        let wasStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        guard !wasStopped else { return }
        loop.requestStop()
        thread.join()
        loop.close()
    }
}

/// The state the monitor thread owns: the libudev handles, the wake pipe and the stream.
private final class MonitorLoop: @unchecked Sendable {
    // The libudev handles are touched only by the monitor thread between `init` and `close`,
    // and `close` runs after that thread was joined.
    private let udev: OpaquePointer
    private let monitor: OpaquePointer
    private let wake: WakePipe
    private let continuation: AsyncStream<DeviceEvent>.Continuation
    private let stopRequested = Atomic(false)

    init(
        group: UeventGroup,
        subsystems: [String],
        continuation: AsyncStream<DeviceEvent>.Continuation
    ) throws(GPUEventMonitor.StartError) {
        guard let wake = WakePipe(), let udev = udev_new() else { throw .threadFailed }
        guard let monitor = udev_monitor_new_from_netlink(udev, group.rawValue) else {
            udev_unref(udev)
            throw .monitorUnavailable
        }
        self.udev = udev
        self.monitor = monitor
        self.wake = wake
        self.continuation = continuation
        try configure(subsystems)
    }

    private func configure(_ subsystems: [String]) throws(GPUEventMonitor.StartError) {
        for subsystem in subsystems where udev_monitor_filter_add_match_subsystem_devtype(monitor, subsystem, nil) < 0 {
            close()
            throw .filterFailed(subsystem)
        }
        _ = udev_monitor_set_receive_buffer_size(monitor, 4 << 20)
        let status = udev_monitor_enable_receiving(monitor)
        guard status >= 0 else {
            close()
            throw .receiveFailed(-status)
        }
    }

    func requestStop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        wake.wake()
    }

    func run() {
        let socket = udev_monitor_get_fd(monitor)
        var fds = [pollfd(fd: socket, events: Int16(POLLIN), revents: 0)]
        fds.append(pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0))
        while !stopRequested.load(ordering: .sequentiallyConsistent) {
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 && errno == EINTR { continue }
            guard ready >= 0 else { break }
            if fds[1].revents != 0 { wake.drain() }
            // POLLERR means the socket overflowed: reading clears it, and the monitor goes on.
            if fds[0].revents & Int16(POLLIN | POLLERR) != 0 { receiveAll() }
            guard fds[0].revents & Int16(POLLNVAL) == 0 else { break }
        }
        continuation.finish()
    }

    private func receiveAll() {
        while let device = udev_monitor_receive_device(monitor) {
            continuation.yield(UdevDeviceConverter.event(from: device))
            udev_device_unref(device)
        }
    }

    func close() {
        udev_monitor_unref(monitor)
        udev_unref(udev)
        continuation.finish()
    }
}
