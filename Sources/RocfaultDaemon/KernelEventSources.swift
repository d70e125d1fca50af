import Logging
import RocfaultCore
import RocfaultSystem

#if canImport(Glibc)
import Glibc
#endif

/// The kernel's structured sources besides its log: the device coredumps present at start, a
/// device-event FIFO (tests), and the KFD SMI event stream of each GPU when the KFD device exists.
/// Each only sends events to the hub; the processing loop does the rest.
final class KernelEventSources: Sendable {
    private let readers: [DescriptorReader]

    private init(readers: [DescriptorReader]) { self.readers = readers }

    /// Starts the sources (none with `--once`); the tasks forward what they read until their reader stops.
    static func start(setup: DaemonSetup, hub: EventHub, logger: Logger) -> (KernelEventSources, [Task<Void, Never>]) {
        let configuration = setup.configuration
        // `--once` reads a journal to its end and stops: no live source, and nothing to wait for.
        guard !configuration.once else { return (KernelEventSources(readers: []), []) }
        let directory = DevcoredumpDirectory(sysfsRoot: configuration.sysfsRoot)
        for name in directory.names() {
            hub.send(
                .deviceEvent(
                    DeviceEvent(
                        action: .add,
                        subsystem: "devcoredump",
                        syspath: directory.classPath + "/" + name,
                        sysname: name
                    )
                )
            )
        }
        var readers: [DescriptorReader] = []
        var tasks: [Task<Void, Never>] = []
        if let fifo = configuration.deviceEventFifo {
            let descriptor = open(fifo, O_RDWR | O_NONBLOCK | O_CLOEXEC)
            if descriptor >= 0, let reader = DescriptorReader(descriptor: descriptor) {
                readers.append(reader)
                tasks.append(forwardDeviceEvents(reader, sysfsRoot: configuration.sysfsRoot, to: hub))
            } else {
                logger.error("cannot read the device event FIFO \(fifo)")
            }
        }
        if access(configuration.kfdDevice, F_OK) == 0 {
            for node in KFDTopology(sysfsRoot: configuration.sysfsRoot).nodes() where node.isGPU {
                guard let gpuID = node.gpuID, let reader = subscribe(gpuID, setup: setup, logger: logger) else {
                    continue
                }
                readers.append(reader)
                tasks.append(forwardKFDEvents(reader, gpuID: gpuID, to: hub))
            }
        }
        return (KernelEventSources(readers: readers), tasks)
    }

    /// Stops every reader.
    func stop() {
        for reader in readers { reader.stop() }
    }

    private static func subscribe(_ gpuID: UInt32, setup: DaemonSetup, logger: Logger) -> DescriptorReader? {
        do {
            let descriptor = try KFDEventSubscription.open(kfdPath: setup.configuration.kfdDevice, gpuID: gpuID)
            logger.info("reading the KFD event stream of GPU \(gpuID)")
            return DescriptorReader(descriptor: descriptor)
        } catch {
            logger.warning("no KFD event stream for GPU \(gpuID) (\(error)); its faults come from the kernel log only")
            return nil
        }
    }

    private static func forwardKFDEvents(
        _ reader: DescriptorReader,
        gpuID: UInt32,
        to hub: EventHub
    ) -> Task<Void, Never> {
        Task {
            let clock = DaemonClock()
            let start = DescriptorReader.Chunk(
                bytes: [],
                realtime: clock.now(),
                monotonic: UInt64(clock.monotonicNow())
            )
            hub.send(.kfdEvents(gpuID: gpuID, chunk: start))
            for await chunk in reader.chunks { hub.send(.kfdEvents(gpuID: gpuID, chunk: chunk)) }
            hub.send(.kfdEnded(gpuID: gpuID))
        }
    }

    private static func forwardDeviceEvents(
        _ reader: DescriptorReader,
        sysfsRoot: String,
        to hub: EventHub
    ) -> Task<Void, Never> {
        Task {
            var partial: [UInt8] = []
            for await chunk in reader.chunks {
                partial += chunk.bytes
                while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: partial[..<newline], as: UTF8.self)
                    partial.removeSubrange(...newline)
                    if let event = DeviceEvent(ueventLine: line, sysfsRoot: sysfsRoot) { hub.send(.deviceEvent(event)) }
                }
            }
        }
    }
}
