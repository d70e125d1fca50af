import RocfaultStore
import RocfaultPlatform

#if canImport(Glibc)
import Glibc
#endif

/// The loop behind `rocfault watch` and `rocfault list --follow`: sleeps until the database changes
/// (``StoreChangeMonitor``: inotify on the state directory, no polling), then lets the caller look
/// again; returns on SIGINT, SIGTERM or SIGHUP.
final class StoreFollower {
    private let options: StoreOptions
    private let relay: SignalRelay
    private let monitor: StoreChangeMonitor

    /// Starts watching at once, so no change made after this returns is missed.
    init(options: StoreOptions) throws {
        self.options = options
        relay = try SignalRelay(signals: [SIGINT, SIGTERM, SIGHUP])
        monitor = StoreChangeMonitor(directory: options.directory, databaseName: StoreOptions.databaseName)
    }

    deinit {
        relay.restore()
    }

    /// Calls `changed` with the store after each change, reopening a store that had to be read as
    /// an immutable snapshot (it would never see new writes).
    func follow(_ store: inout IncidentStore, changed: (IncidentStore) throws -> Void) throws {
        while true {
            var descriptors = [pollfd(fd: relay.readFD, events: Int16(POLLIN), revents: 0)]
            if monitor.fd >= 0 { descriptors.append(pollfd(fd: monitor.fd, events: Int16(POLLIN), revents: 0)) }
            let ready = (try? Poller.poll(&descriptors, timeoutMilliseconds: monitor.pollTimeoutMilliseconds)) ?? -1
            if descriptors[0].revents != 0 {
                let stops = relay.drain().contains { [SIGINT, SIGTERM, SIGHUP].contains($0.signal) }
                if stops { return }
            }
            if ready > 0 && descriptors.count > 1 && descriptors[1].revents != 0 && !monitor.consume() { continue }
            usleep(50_000)
            if store.isImmutableSnapshot {
                try? store.close()
                store = try options.open()
            }
            try changed(store)
        }
    }
}
