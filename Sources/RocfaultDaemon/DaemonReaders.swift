import Logging
import RocfaultCore
import RocfaultSources
import RocfaultStore
import RocfaultSystem

/// The readers feeding the hub: /dev/kmsg, the journal (live, plus a one-off scan of the previous
/// boot) and the GPU process scan. Each runs on its own thread or task and only sends events.
final class DaemonReaders: Sendable {
    let kmsgOpened: Bool
    private let kmsg: KmsgSource?
    private let journals: [JournalReader]
    private let forwarders: [Task<Void, Never>]
    private let scanner: ProcessScanLoop?
    private let exitWatcher: ProcessExitWatcher?
    private let statusWatcher: ProcessExitStatusWatcher?
    private let deviceMonitor: GPUEventMonitor?
    private let kernelEvents: KernelEventSources

    private init(
        kmsgOpened: Bool,
        kmsg: KmsgSource?,
        journals: [JournalReader],
        forwarders: [Task<Void, Never>],
        scanner: ProcessScanLoop?,
        exitWatcher: ProcessExitWatcher?,
        statusWatcher: ProcessExitStatusWatcher?,
        deviceMonitor: GPUEventMonitor?,
        kernelEvents: KernelEventSources
    ) {
        self.kmsgOpened = kmsgOpened
        self.kmsg = kmsg
        self.journals = journals
        self.forwarders = forwarders
        self.scanner = scanner
        self.exitWatcher = exitWatcher
        self.statusWatcher = statusWatcher
        self.deviceMonitor = deviceMonitor
        self.kernelEvents = kernelEvents
    }

    static func start(setup: DaemonSetup, hub: EventHub, logger: Logger) async throws -> DaemonReaders {
        var forwarders: [Task<Void, Never>] = []
        let kmsg = openKmsg(setup: setup, logger: logger)
        if let kmsg { forwarders.append(forward(kmsg, to: hub)) }
        var journals: [JournalReader] = []
        if let mode = setup.configuration.journal {
            let live = try await openJournal(mode: mode, setup: setup, logger: logger)
            journals.append(live)
            forwarders.append(forward(live, previousBoot: nil, to: hub))
            if let (previous, boot) = await openPreviousBoot(mode: mode, setup: setup, logger: logger) {
                journals.append(previous)
                forwarders.append(forward(previous, previousBoot: boot, to: hub))
            }
        }
        let watching = !setup.configuration.once && setup.configuration.processScanInterval != nil
        let exitWatcher = watching ? try? ProcessExitWatcher(procRoot: setup.configuration.procRoot) : nil
        if watching && exitWatcher == nil { logger.warning("pidfd exit watching unavailable; exits come from scans") }
        if let exitWatcher { forwarders.append(forwardExits(exitWatcher, to: hub)) }
        let statusWatcher = watching ? openStatusWatcher(logger: logger) : nil
        if let statusWatcher { forwarders.append(forwardStatuses(statusWatcher, to: hub)) }
        let deviceMonitor = watching ? try? GPUEventMonitor(subsystems: ["drm", "pci", "devcoredump"]) : nil
        if let deviceMonitor { forwarders.append(logDeviceEvents(deviceMonitor, hub: hub, logger: logger)) }
        let (kernelEvents, kernelForwarders) = KernelEventSources.start(setup: setup, hub: hub, logger: logger)
        forwarders += kernelForwarders
        var scanner: ProcessScanLoop?
        if watching, let interval = setup.configuration.processScanInterval {
            scanner = ProcessScanLoop(
                interval: interval,
                setup: setup,
                hub: hub,
                exits: exitWatcher,
                statuses: statusWatcher,
                logger: logger
            )
        }
        return DaemonReaders(
            kmsgOpened: kmsg != nil,
            kmsg: kmsg,
            journals: journals,
            forwarders: forwarders,
            scanner: scanner,
            exitWatcher: exitWatcher,
            statusWatcher: statusWatcher,
            deviceMonitor: deviceMonitor,
            kernelEvents: kernelEvents
        )
    }

    /// Stops every reader; their streams end after what they already read.
    func stop() {
        kmsg?.stop()
        for journal in journals { journal.stop() }
        scanner?.stop()
        exitWatcher?.stop()
        statusWatcher?.stop()
        deviceMonitor?.stop()
        kernelEvents.stop()
    }

    /// Waits until every forwarder has handed over its last event.
    func drained() async {
        for forwarder in forwarders { await forwarder.value }
    }

    private static func openKmsg(setup: DaemonSetup, logger: Logger) -> KmsgSource? {
        guard let path = setup.configuration.kmsgPath else { return nil }
        var start = KmsgStartPosition.beginning
        if let saved = try? setup.store.cursor(for: "kmsg") {
            let parts = saved.split(separator: ":")
            if parts.count == 2, String(parts[0]) == setup.bootID, let sequence = UInt64(parts[1]) {
                start = .afterSequence(sequence)
            }
        }
        let options = KmsgReaderOptions(acceptInjectedKernelLines: setup.configuration.acceptInjectedKernelLines)
        do {
            return try KmsgSource(path: path, start: start, options: options)
        } catch {
            logger.error("cannot read the kernel log \(path): \(error); kernel lines will come from the journal")
            return nil
        }
    }

    private static func openJournal(
        mode: JournalOpenMode,
        setup: DaemonSetup,
        logger: Logger
    ) async throws
        -> JournalReader
    {
        let start: JournalStartPosition
        if let cursor = try setup.store.cursor(for: "journal") {
            start = .afterCursor(cursor)
        } else if setup.configuration.journalFirstStart == .tail {
            start = .tail
        } else if case .directory = mode {
            start = .head
        } else {
            start = .bootStart(setup.bootID)
        }
        let options = journalOptions(follow: !setup.configuration.once, setup: setup)
        let reader = try await JournalReader(mode: mode, start: start, options: options)
        if reader.startOutcome == .cursorEntryMissing {
            logger.warning("the saved journal position was rotated away; entries in between may be missing")
        }
        if case .tail = start, let cursor = reader.tailCursor { saveTailCursor(cursor, setup: setup, logger: logger) }
        return reader
    }

    /// A first start at the tail saves where it began before READY, so a daemon killed before its
    /// first commit still reads, on its next start, every entry written after that point.
    private static func saveTailCursor(_ cursor: String, setup: DaemonSetup, logger: Logger) {
        do {
            try setup.store.record(StoreBatch(cursors: ["journal": cursor]))
        } catch {
            logger.error("cannot save the journal start position: \(error)")
        }
    }

    private static func openPreviousBoot(
        mode: JournalOpenMode,
        setup: DaemonSetup,
        logger: Logger
    ) async
        -> (JournalReader, String)?
    {
        guard let boots = try? await JournalBoot.list(in: mode),
            let current = boots.firstIndex(where: { $0.id == setup.bootID }), current > 0
        else { return nil }
        let previous = boots[current - 1].id
        guard (try? setup.store.cursor(for: "previous-boot-scanned")) != previous else { return nil }
        let options = journalOptions(follow: false, setup: setup)
        do {
            return (try await JournalReader(mode: mode, start: .bootStart(previous), options: options), previous)
        } catch {
            logger.warning("cannot scan the previous boot \(previous): \(error)")
            return nil
        }
    }

    /// The journal fields the loop reads besides the record: what a core dump and `rocfault run`
    /// add. Fewer extras mean no per-entry dictionary for ordinary entries; the loop saves the
    /// cursor once per batch, so only each batch's last entry needs one.
    private static func journalOptions(follow: Bool, setup: DaemonSetup) -> JournalReaderOptions {
        JournalReaderOptions(
            follow: follow,
            acceptInjectedKernelLines: setup.configuration.acceptInjectedKernelLines,
            extraFieldNames: ["COREDUMP_PID", "COREDUMP_SIGNAL"],
            extraFieldPrefixes: ["ROCFAULT_"],
            cursorOfEveryEntry: false
        )
    }

    private static func forward(_ source: KmsgSource, to hub: EventHub) -> Task<Void, Never> {
        Task {
            do {
                for try await batch in source.events.batches { await hub.sendThrottled(.kmsg(batch)) }
                hub.send(.kmsgEnded(nil))
            } catch {
                hub.send(.kmsgEnded("\(error)"))
            }
        }
    }

    private static func forward(_ reader: JournalReader, previousBoot: String?, to hub: EventHub) -> Task<Void, Never> {
        Task {
            do {
                for try await batch in reader.entries.batches {
                    await hub.sendThrottled(.journal(batch, previousBoot: previousBoot != nil))
                }
                if let previousBoot { hub.send(.previousBootScanned(previousBoot)) }
            } catch {
                hub.send(.journalEnded("\(error)"))
            }
        }
    }

    /// Exits of watched GPU processes, as the kernel reports them through pidfds.
    private static func forwardExits(_ watcher: ProcessExitWatcher, to hub: EventHub) -> Task<Void, Never> {
        Task {
            let clock = DaemonClock()
            for await exit in watcher.exits {
                hub.send(.processExited(pid: exit.pid, realtime: exit.time.realtimeMicroseconds ?? clock.now()))
            }
        }
    }

    /// How watched processes ended (signal deaths become incidents); needs CAP_NET_ADMIN.
    private static func openStatusWatcher(logger: Logger) -> ProcessExitStatusWatcher? {
        do {
            return try ProcessExitStatusWatcher()
        } catch {
            logger.warning("\(error); a GPU process killed by a signal is not an incident unless its lines say so")
            return nil
        }
    }

    private static func forwardStatuses(_ watcher: ProcessExitStatusWatcher, to hub: EventHub) -> Task<Void, Never> {
        Task {
            for await status in watcher.statuses { hub.send(.processExitStatus(status)) }
        }
    }

    /// GPU add/remove/change events (a DRM "wedged" event among them) go to the log; the kernel
    /// log carries the evidence itself. A new device coredump goes to the loop, which captures it.
    private static func logDeviceEvents(_ monitor: GPUEventMonitor, hub: EventHub, logger: Logger) -> Task<Void, Never>
    {
        Task {
            for await event in monitor.events {
                if event.subsystem == "devcoredump" {
                    hub.send(.deviceEvent(event))
                    continue
                }
                // A GPU that appears or resets is read again (its firmware may have changed).
                let action = "\(event.action)"
                if KnownGPUs.isGPUChange(subsystem: event.subsystem, action: action, properties: event.properties) {
                    hub.send(.deviceEvent(event))
                }
                let wedged =
                    event.wedgedRecoveryMethods.map { ", wedged (recovery: \($0.joined(separator: ",")))" } ?? ""
                logger.notice("GPU device \(event.action) \(event.sysname ?? event.syspath ?? "?")\(wedged)")
            }
        }
    }
}
