import Foundation
import RocfaultCore
import RocfaultStore

/// What rocfaultd's store says about a run window, when the daemon runs and its store is readable.
struct RunDaemonView {
    /// Coverage of the child's end by the daemon's kernel-log reading.
    var kernelLog: KernelLogCoverage
    /// Kernel-side incidents the daemon recorded in the window (any process, or none named).
    var kernelIncidents: [Incident]
    /// The daemon's incident about the child, if it recorded one.
    var childIncident: Incident?
    /// Row number of ``childIncident``, for `rocfault report`.
    var childRowID: Int64?

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
        var view = RunDaemonView(kernelLog: .notProvided, kernelIncidents: [], childIncident: nil, childRowID: nil)
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
        let window = (try? store.incidents(matching: IncidentQuery(since: since))) ?? []
        let kernel = window.filter { incident in
            incident.verdict.side == .kernel && (incident.pid == nil || incident.pid == outcome.pid)
                && (incident.firstSeen.realtimeMicroseconds ?? .max) <= endMicroseconds
        }
        let child = window.first { $0.pid == outcome.pid && $0.verdict.side != .none }
        let rowID = child.flatMap { try? store.storedIncident(id: $0.id)?.rowID }
        return RunDaemonView(kernelLog: coverage, kernelIncidents: kernel, childIncident: child, childRowID: rowID)
    }
}
