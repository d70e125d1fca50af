import Foundation
import Logging
import RocfaultCore
import RocfaultReport
import RocfaultStore

extension IngestLoop {
    /// Hands an incident that was just recorded or became final to the hooks, with the JSON
    /// `rocfault show --json` prints for it and whether it was found in the backlog. Returns at once:
    /// the hooks run on the runner's thread.
    func runHooks(number: Int64, final: Bool, backlog: Bool) {
        guard let hooks else { return }
        let list = hooks.currentHooks()
        guard !list.isEmpty else { return }
        let stored: StoredIncident?
        do {
            stored = try store.storedIncident(number: number)
        } catch {
            logger.warning("hooks for incident \(number) not run: cannot read it back: \(error)")
            return
        }
        guard let stored, let payload = Self.hookPayload(stored, backlog: backlog) else {
            logger.warning("hooks for incident \(number) not run: it cannot be read back as JSON")
            return
        }
        hooks.submit(number, event: final ? .final : .recorded, backlog: backlog, payload: payload, hooks: list)
    }

    /// The line a first start logs for the backlog incidents whose hooks it did not run: only when
    /// hooks are configured, the first time, and then at most once a minute with the running total
    /// (a first start's backlog is committed in many steps).
    func logHooksNotRun(_ count: Int) {
        hooksNotRun += count
        guard let hooks, !hooks.currentHooks().isEmpty else { return }
        let now = clock.monotonicNow()
        if let last = hooksNotRunLoggedAt, now - last < Self.hooksNotRunLogInterval { return }
        hooksNotRunLoggedAt = now
        logger.notice(
            "hooks not run for \(hooksNotRun) incidents so far from before rocfaultd's first start; they are recorded: rocfault list"
        )
    }

    /// At most one "hooks not run" line in this many microseconds.
    static let hooksNotRunLogInterval: Int64 = 60_000_000

    /// This start's time, and whether it is the first: no source position is stored, the daemon
    /// never read this machine's logs before (a store that cannot tell counts as not first).
    static func backlogGate(store: IncidentStore, clock: DaemonClock) -> BacklogGate {
        let started = EventTime(
            realtimeMicroseconds: clock.now(),
            monotonicMicroseconds: UInt64(clamping: clock.monotonicNow())
        )
        let firstStart: Bool
        do {
            firstStart = try store.cursor(for: "journal") == nil && store.cursor(for: "kmsg") == nil
        } catch {
            firstStart = false
        }
        return BacklogGate(startedAt: started, firstStart: firstStart)
    }

    /// One line of JSON (sorted keys, the `show --json=short` form, with `"backlog"` added) and a newline.
    static func hookPayload(_ stored: StoredIncident, backlog: Bool) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let document = HookDocument(
            document: IncidentDocument(stored: stored, process: stored.process),
            backlog: backlog
        )
        guard let data = try? encoder.encode(document) else {
            return nil
        }
        return Array(TerminalSafeText.json(String(decoding: data, as: UTF8.self)).utf8) + [0x0A]
    }
}

/// The document a hook reads: `show --json`'s, with `backlog` beside its keys.
struct HookDocument: Encodable {
    var document: IncidentDocument
    /// All the incident's evidence is older than the daemon's start (docs/daemon.md, "Incident hooks").
    var backlog: Bool

    private enum Key: String, CodingKey { case backlog }

    func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(backlog, forKey: .backlog)
    }
}
