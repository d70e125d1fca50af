import CUdev
import Glibc
import Synchronization
import RocfaultPlatform

/// The state the monitor thread owns: the libudev handles, the wake pipe and the stream.
final class MonitorLoop: PollingLoop, @unchecked Sendable {
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
        guard let wake = try? WakePipe(), let udev = udev_new() else { throw .threadFailed }
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
        while !stopRequested.load(ordering: .sequentiallyConsistent) {
            guard let events = try? Poller.wait(for: socket, orWake: wake) else { break }
            // POLLERR means the socket overflowed: reading clears it, and the monitor goes on.
            if events & Int16(POLLIN | POLLERR) != 0 { receiveAll() }
            guard events & Int16(POLLNVAL) == 0 else { break }
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
