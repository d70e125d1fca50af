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

    /// Whether the kernel log was read at the incident's time, judged by the ledger from every
    /// stored interval of the boot and this run's readers.
    func kernelLogCoverage(for draft: IncidentDraft) -> KernelLogCoverage {
        let now = EventTime(
            realtimeMicroseconds: clock.now(),
            monotonicMicroseconds: UInt64(clamping: clock.monotonicNow())
        )
        var time = KernelLogCoverageLedger.incidentTime(firstSeen: draft.firstSeen, lastSeen: draft.lastSeen)
        if time.isUnknown { time = now }
        return coverageLedger.coverage(at: time, bootID: draft.bootID ?? bootID, now: now).value
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
        let numbers: [String: Int64]
        do {
            numbers = try store.record(batch)
        } catch {
            logger.error("could not record \(batch.incidents.count) incidents: \(error); retrying")
            pending.coverage.removeAll()
            hub.schedule(.commit, key: "commit", after: .seconds(1))
            return
        }
        announce(batch, numbers: numbers)
        for id in pending.finalIDs { contextLines.removeValue(forKey: id) }
        pending = PendingBatch()
        applyRetentionHourly()
        armMemoryReleaseAfterBurst()
    }

    /// Announces by the incident's number, the one every surface shows (never the internal key).
    private func announce(_ batch: StoreBatch, numbers: [String: Int64]) {
        for entry in batch.incidents {
            let incident = entry.incident
            guard let number = numbers[incident.id] else { continue }
            if announced.insert(incident.id).inserted { announcer.announce(incident, number: number, final: false) }
            if pending.finalIDs.contains(incident.id) {
                announcer.announce(incident, number: number, final: true)
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
