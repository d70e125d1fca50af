import Logging
import Foundation

#if canImport(Glibc)
import Glibc
#endif
import RocfaultCore
import RocfaultStore
import RocfaultSystem

extension IngestLoop {
    /// Classifies what the engine produced and stages it for the next commit.
    func apply(_ output: LiveEngine.Output) {
        for (key, records) in output.context {
            let parts = key.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let lines = records.map { EvidenceLine(record: $0, ruleID: "context") }
            contextLines[parts[0], default: [:]][parts[1]] = lines
        }
        for draft in output.updated { stage(draft, final: false) }
        for draft in output.finalized { stage(draft, final: true) }
        scheduleTick()
    }

    private func stage(_ draft: IncidentDraft, final: Bool) {
        let context = IncidentContext(kernelLog: kernelLogCoverage(for: draft), gfxTarget: gfxTarget)
        let incident = classifier.classify(draft, context: context, isFinal: final)
        var entry = IncidentEntry(
            incident,
            bootID: draft.bootID ?? bootID,
            processStartTime: draft.pid.flatMap { processes[$0]?.startTime }
        )
        for (index, evidence) in incident.evidence.enumerated() {
            if let lines = contextLines[incident.id]?[evidence.ruleID], !lines.isEmpty {
                entry.context[index] = EvidenceContext(before: lines)
            }
        }
        pending.incidents[incident.id] = entry
        if final { pending.finalIDs.insert(incident.id) }
    }

    /// Whether the kernel log was read at the incident's time, from this run's readers.
    func kernelLogCoverage(for draft: IncidentDraft) -> KernelLogCoverage {
        let boot = draft.bootID ?? bootID
        guard let tracker = coverage[boot] else { return .notProvided }
        let time = draft.lastSeen.realtimeMicroseconds ?? draft.firstSeen.realtimeMicroseconds ?? clock.now()
        return tracker.coverage(at: time, now: clock.now())
    }

    /// Commits unless a source is in the middle of a multi-line block; then waits a moment for the
    /// rest of it (blocks arrive within microseconds of each other).
    func commitIfSettled() {
        let now = clock.now()
        let busy = lastInput.contains { source, time in engine.hasOpenBlocks(source: source) && now - time < 10_000 }
        if busy {
            hub.schedule(.commit, key: "commit", after: .milliseconds(10))
            return
        }
        apply(engine.flushAll(now: now))
        commit()
    }

    /// Writes everything staged in one transaction: incidents with their evidence, processes,
    /// coverage and the cursors of the lines that produced them.
    func commit() {
        refreshCoverage()
        guard !pending.isEmpty else { return }
        let batch = StoreBatch(
            incidents: Array(pending.incidents.values).sorted { $0.incident.id < $1.incident.id },
            processes: Array(pending.processes.values),
            coverage: pending.coverage,
            gaps: pending.gaps,
            cursors: pending.cursors
        )
        do {
            try store.record(batch)
        } catch {
            commitFailed(error, incidents: batch.incidents.count)
            return
        }
        storeFailures.succeeded()
        recordMatchLimitHits()
        announce(batch)
        for id in pending.finalIDs { contextLines.removeValue(forKey: id) }
        pending = PendingBatch()
        applyRetentionHourly()
        armMemoryReleaseAfterBurst()
    }

    private func announce(_ batch: StoreBatch) {
        for entry in batch.incidents {
            let incident = entry.incident
            if announced.insert(incident.id).inserted { announcer.announce(incident, final: false) }
            if pending.finalIDs.contains(incident.id) {
                announcer.announce(incident, final: true)
                announced.remove(incident.id)
            }
        }
    }

    private func applyRetentionHourly() {
        let now = clock.now()
        guard now - lastRetention > 3_600_000_000 else { return }
        lastRetention = now
        do {
            _ = try store.applyRetention(
                maxBytes: configuration.retentionMaxBytes,
                maxAge: configuration.retentionMaxAge,
                now: Date()
            )
        } catch {
            logger.warning("retention failed: \(error)")
        }
    }
}
