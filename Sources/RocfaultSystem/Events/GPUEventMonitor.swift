import RocfaultPlatform
/// Watches uevents of GPU-related subsystems (`drm`, `pci`) through a libudev netlink monitor.
///
/// One dedicated thread sleeps in `poll()` on the monitor socket and a wake-up pipe, so nothing
/// spins and `stop()` returns within milliseconds. Events arrive on `events`, which finishes when
/// the monitor stops. DRM "device wedged" events carry `WEDGED=<methods>`; see
/// `DeviceEvent.wedgedRecoveryMethods`.
package final class GPUEventMonitor: Sendable {
    /// Why a monitor could not start.
    package enum StartError: Error, Sendable, Equatable {
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
    package let group: UeventGroup
    /// The subsystems watched.
    package let subsystems: [String]
    /// The events, in arrival order. Finishes after `stop()`.
    package let events: AsyncStream<DeviceEvent>

    private let thread: LoopThread

    /// Starts watching.
    /// - Parameters:
    ///   - subsystems: Subsystems to pass through (a test may watch `mem`).
    ///   - group: The netlink group; by default `UeventGroup.preferred(runRoot:)`.
    ///   - runRoot: Where to look for udevd's control socket.
    ///   - bufferLimit: Events kept while nobody reads; older ones are dropped first.
    package init(
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
        guard let thread = LoopThread(running: loop) else { throw .threadFailed }
        self.group = group
        self.subsystems = subsystems
        self.events = stream
        self.thread = thread
    }

    deinit { stop() }

    /// Stops the thread, closes the socket and finishes `events`. Safe to call more than once.
    package func stop() {
        thread.stop()
    }
}
