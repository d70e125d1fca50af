import Foundation
import RocfaultCore
import RocfaultStore

/// What rocfaultd's store says about a run window, when the daemon runs and its store is readable.
struct RunDaemonView {
    /// Coverage of the child's end by the daemon's kernel-log reading.
    var kernelLog: KernelLogCoverage
    /// Kernel-side incidents the daemon recorded in the window (any process, or none named), as
    /// shown: their id is their number.
    var kernelIncidents: [Incident]
    /// The daemon's incident about the child as the store holds it (its id is its number), if it
    /// recorded one: `run` prints this verdict, so `run` and `show` agree.
    var childIncident: Incident?
    /// The number of ``childIncident``, for `rocfault report`.
    var childNumber: Int64?

    /// Looks at the store, waiting up to `patience` for the daemon to read past the child's end
    /// (and, when lines were journalled, to record the child's incident). Nil without a store.
    static func look(
        storePath: String,
        outcome: RunOutcome,
        bootID: String?,
        expectChildIncident: Bool,
        patience: Duration = .seconds(3)
    ) -> RunDaemonView? {
        guard let store = try? IncidentStore.open(at: storePath, mode: .readOnly) else { return nil }
        defer { try? store.close() }
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        var view = RunDaemonView(kernelLog: .notProvided, kernelIncidents: [], childIncident: nil, childNumber: nil)
        while true {
            view = snapshot(store, outcome: outcome, bootID: bootID)
            let settled = view.kernelLog == .covered && (!expectChildIncident || view.childIncident != nil)
            if settled || clock.now >= deadline || store.isImmutableSnapshot { return view }
            Thread.sleep(forTimeInterval: 0.25)
        }
    }

    private static func snapshot(_ store: IncidentStore, outcome: RunOutcome, bootID: String?) -> RunDaemonView {
        let coverage = (try? store.kernelLogCoverage(at: outcome.end, bootID: bootID)) ?? .notProvided
        let startSeconds = Double(outcome.start.realtimeMicroseconds ?? 0) / 1_000_000
        let endMicroseconds = (outcome.end.realtimeMicroseconds ?? 0) + 5_000_000
        let since = Date(timeIntervalSince1970: startSeconds - 60)
        let window = (try? store.storedIncidents(matching: IncidentQuery(since: since))) ?? []
        let kernel = window.map(\.shown).filter { incident in
            incident.verdict.side == .kernel && (incident.pid == nil || incident.pid == outcome.pid)
                && (incident.firstSeen.realtimeMicroseconds ?? .max) <= endMicroseconds
        }
        let child = window.first { isChild($0, of: outcome, bootID: bootID) }
        return RunDaemonView(
            kernelLog: coverage,
            kernelIncidents: kernel,
            childIncident: child?.shown,
            childNumber: child?.number
        )
    }

    /// Whether `stored` is about the run's child: its pid, and its boot and process start time when
    /// both sides know them (a reused pid is another process).
    private static func isChild(_ stored: StoredIncident, of outcome: RunOutcome, bootID: String?) -> Bool {
        guard stored.incident.pid == outcome.pid, stored.incident.verdict.side != .none else { return false }
        if let bootID, let stored = stored.bootID, stored != bootID { return false }
        if let start = outcome.processStartTime, let stored = stored.processStartTime, stored != start { return false }
        return true
    }
}
