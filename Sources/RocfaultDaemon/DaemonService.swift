import Logging
import RocfaultCore
import RocfaultSources
import RocfaultStore
import RocfaultSystem
import ServiceLifecycle
import UnixSignals
import RocfaultPlatform

/// The daemon as a swift-service-lifecycle service: starts the readers and the processing loop,
/// reloads rules on SIGHUP, pings the watchdog, and on SIGTERM stops the readers, commits what was
/// read and returns.
struct DaemonService: Service {
    let setup: DaemonSetup
    let logger: Logger

    func run() async throws {
        let hub = EventHub()
        let notifier = SystemdNotifier()
        // Before the readers: a first start at the journal's tail saves a position as it opens.
        let backlog = IngestLoop.backlogGate(store: setup.store, clock: DaemonClock())
        let readers = try await DaemonReaders.start(setup: setup, hub: hub, logger: logger)
        let loop = IngestLoop(
            configuration: setup.configuration,
            store: setup.store,
            ruleSet: setup.ruleSet,
            hub: hub,
            bootID: setup.bootID,
            firstIncidentNumber: setup.firstIncidentNumber,
            gfxTarget: setup.gfxTarget,
            logger: logger,
            notifier: notifier
        )
        loop.kmsgOpened = readers.kmsgOpened
        loop.gpus = setup.gpus
        loop.hooks = Self.startHooks(setup.configuration, logger: logger)
        loop.backlog = backlog
        let transfer = UnsafeTransfer(loop)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await transfer.value.run() }
            group.addTask { await Self.forwardSignals(to: hub) }
            if let interval = notifier.watchdogInterval {
                group.addTask { await Self.pingWatchdog(every: interval / 2, hub: hub) }
            }
            notifier.ready(status: "watching; \(setup.ruleSet.rules.count) rules")
            logger.notice(
                "rocfaultd ready: state \(setup.configuration.stateDirectory), \(setup.ruleSet.rules.count) rules from \(setup.configuration.rulesDirectory)"
            )
            if setup.configuration.once {
                await readers.drained()
            } else {
                try? await gracefulShutdown()
            }
            notifier.stopping()
            logger.notice("stopping: committing what was read")
            readers.stop()
            await readers.drained()
            hub.finish()
            group.cancelAll()
        }
        transfer.value.hooks?.stop()
        try transfer.value.store.close()
    }

    /// The hook runner, unless no hook can be configured (`--hooks-dir ''` and no `--on-incident`).
    private static func startHooks(_ configuration: DaemonConfiguration, logger: Logger) -> HookRunner? {
        guard configuration.hooksDirectory != nil || configuration.hookCommand != nil, !configuration.once else {
            return nil
        }
        var limits = HookRunner.Limits()
        limits.timeout = configuration.hookTimeout.components.seconds * 1_000_000
        let runner = HookRunner(
            directory: configuration.hooksDirectory,
            command: configuration.hookCommand,
            limits: limits,
            logger: logger
        )
        if runner == nil { logger.error("incident hooks disabled: cannot start their thread") }
        return runner
    }

    private static func forwardSignals(to hub: EventHub) async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            hub.send(.reloadRules)
        }
    }

    private static func pingWatchdog(every interval: Duration, hub: EventHub) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            hub.send(.watchdog)
        }
    }
}
