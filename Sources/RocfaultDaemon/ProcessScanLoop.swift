import Logging
import RocfaultSources
import RocfaultSystem
import Synchronization

/// Finds the processes using a GPU and samples them for hangs.
///
/// A scan runs at start, whenever a process opens a GPU node (inotify on the nodes, so a new
/// GPU process is found at once), every `interval` while GPU processes run (to sample their
/// state for hangs), and every `idleInterval` while none does (a safety net, for instance for a
/// process that opened a node before the daemon started watching it). An idle machine therefore
/// costs one scan every few minutes.
final class ProcessScanLoop: Sendable {
    private let triggers: AsyncStream<Void>.Continuation
    private let loop: Task<Void, Never>
    private let openForwarder: Task<Void, Never>?
    private let openWatcher: DeviceOpenWatcher?
    private let timer = OneShotTimer()

    /// Starts the loop; exits go to `exits` when pidfd watching is available, and how they ended
    /// to `statuses` when the process events connector is.
    init(
        interval: Duration,
        setup: DaemonSetup,
        hub: EventHub,
        exits: ProcessExitWatcher?,
        statuses: ProcessExitStatusWatcher?,
        logger: Logger
    ) {
        let configuration = setup.configuration
        // `--gpu-device` names extra nodes (a fake one in tests) next to the standard ones.
        var matcher = DeviceMatcher.standard
        matcher.exactPaths.formUnion(configuration.gpuDevices)
        let (stream, triggers) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let timer = self.timer
        let watcher = try? DeviceOpenWatcher(matcher: matcher)
        if let watcher, !watcher.watchedPaths.isEmpty {
            logger.info("watching opens of \(watcher.watchedPaths.joined(separator: " "))")
        } else if case let nodes = DeviceOpenWatcher.existingNodes(matching: matcher), !nodes.isEmpty {
            logger.warning(
                "cannot watch \(nodes.joined(separator: " ")) for opens (a unit's DeviceAllow= must grant read); GPU processes are found by scanning every \(interval) while some run, \(interval * 10) otherwise"
            )
        }
        let scan = ProcessScanRound(
            configuration: configuration,
            matcher: matcher,
            hub: hub,
            exits: exits,
            statuses: statuses
        )
        let idleInterval = interval * 10
        self.triggers = triggers
        self.openWatcher = watcher
        self.openForwarder = watcher.map { Self.forwardOpens($0, to: triggers) }
        self.loop = Task {
            for await _ in stream {
                if Task.isCancelled { break }
                let running = scan.run()
                timer.armUnlessSooner(after: running ? interval : idleInterval) { triggers.yield(()) }
            }
        }
        triggers.yield(())
    }

    /// Stops scanning and watching.
    func stop() {
        loop.cancel()
        openForwarder?.cancel()
        openWatcher?.stop()
        timer.cancel()
        triggers.finish()
    }

    /// An open of a GPU node triggers a scan shortly after, once the opener has set up its GPU
    /// context (KFD lists a process's PASID only after it acquired its GPU VM).
    private static func forwardOpens(
        _ watcher: DeviceOpenWatcher,
        to triggers: AsyncStream<Void>.Continuation
    ) -> Task<Void, Never> {
        Task {
            for await _ in watcher.opens {
                try? await Task.sleep(for: .milliseconds(300))
                triggers.yield(())
            }
        }
    }
}
