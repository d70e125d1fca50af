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
    private let scanner: Task<Void, Never>?

    private init(
        kmsgOpened: Bool,
        kmsg: KmsgSource?,
        journals: [JournalReader],
        forwarders: [Task<Void, Never>],
        scanner: Task<Void, Never>?
    ) {
        self.kmsgOpened = kmsgOpened
        self.kmsg = kmsg
        self.journals = journals
        self.forwarders = forwarders
        self.scanner = scanner
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
        let scanner = setup.configuration.processScanInterval.map { scan(every: $0, setup: setup, hub: hub) }
        return DaemonReaders(
            kmsgOpened: kmsg != nil,
            kmsg: kmsg,
            journals: journals,
            forwarders: forwarders,
            scanner: scanner
        )
    }

    /// Stops every reader; their streams end after what they already read.
    func stop() {
        kmsg?.stop()
        for journal in journals { journal.stop() }
        scanner?.cancel()
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
        } else if case .directory = mode {
            start = .head
        } else {
            start = .bootStart(setup.bootID)
        }
        let options = JournalReaderOptions(
            follow: true,
            acceptInjectedKernelLines: setup.configuration.acceptInjectedKernelLines
        )
        let reader = try await JournalReader(mode: mode, start: start, options: options)
        if reader.startOutcome == .cursorEntryMissing {
            logger.warning("the saved journal position was rotated away; entries in between may be missing")
        }
        return reader
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
        let options = JournalReaderOptions(
            follow: false,
            acceptInjectedKernelLines: setup.configuration.acceptInjectedKernelLines
        )
        do {
            return (try await JournalReader(mode: mode, start: .bootStart(previous), options: options), previous)
        } catch {
            logger.warning("cannot scan the previous boot \(previous): \(error)")
            return nil
        }
    }

    private static func forward(_ source: KmsgSource, to hub: EventHub) -> Task<Void, Never> {
        Task {
            do {
                for try await event in source.events { hub.send(.kmsg(event)) }
                hub.send(.kmsgEnded(nil))
            } catch {
                hub.send(.kmsgEnded("\(error)"))
            }
        }
    }

    private static func forward(_ reader: JournalReader, previousBoot: String?, to hub: EventHub) -> Task<Void, Never> {
        Task {
            do {
                for try await entry in reader.entries { hub.send(.journal(entry, previousBoot: previousBoot != nil)) }
                if let previousBoot { hub.send(.previousBootScanned(previousBoot)) }
            } catch {
                hub.send(.journalEnded("\(error)"))
            }
        }
    }

    private static func scan(every interval: Duration, setup: DaemonSetup, hub: EventHub) -> Task<Void, Never> {
        let scanner = GPUProcessScanner(
            procRoot: setup.configuration.procRoot,
            sysfsRoot: setup.configuration.sysfsRoot
        )
        return Task {
            let clock = DaemonClock()
            while !Task.isCancelled {
                let scan = scanner.scan()
                if !scan.appeared.isEmpty { hub.send(.processes(scan.appeared)) }
                for gone in scan.disappeared { hub.send(.processExited(pid: gone.pid, realtime: clock.now())) }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
