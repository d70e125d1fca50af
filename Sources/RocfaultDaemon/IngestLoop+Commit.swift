import Logging
import Foundation

#if canImport(Glibc)
import Glibc
#endif
import RocfaultCore
import RocfaultStore
import RocfaultSystem

extension IngestLoop {
    /// Carries out what the state machine decided.
    func perform(_ actions: [StateMachine.Action]) {
        for action in actions {
            switch action {
            case .keepContext(let id, let ruleID, let records):
                contextLines[id, default: [:]][ruleID] = records.map { EvidenceLine(record: $0, ruleID: "context") }
            case .stage(let draft, let final): stage(draft, final: final)
            case .scheduleCommit(let delay): hub.schedule(.commit, key: "commit", after: delay)
            case .scheduleTick(let delay): hub.schedule(.tick, key: "tick", after: delay)
            case .commit: commit()
            case .announce(let id, let final):
                if let entry = lastCommitted[id], let number = lastNumbers[id] {
                    announcer.announce(entry.incident, number: number, final: final, bootID: entry.bootID)
                }
            case .runHooks(let id, let final, let backlog):
                if let number = lastNumbers[id] { runHooks(number: number, final: final, backlog: backlog) }
            case .hooksNotRun(let count):
                if hooks != nil { logHooksNotRun(count) }
            case .forgetContext(let id): contextLines.removeValue(forKey: id)
            }
        }
    }

    private func stage(_ draft: IncidentDraft, final: Bool) {
        let stored = resumedCoverage[draft.id].flatMap { $0.lastSeen == draft.lastSeen ? $0.kernelLog : nil }
        var context = IncidentContext(kernelLog: stored ?? kernelLogCoverage(for: draft), gfxTarget: gfxTarget)
        describeGPU(of: draft, in: &context)
        let incident = classifier.classify(draft, context: context, isFinal: final)
        var entry = IncidentEntry(
            incident,
            bootID: draft.bootID ?? bootID,
            processStartTime: draft.pid.flatMap { processes[$0]?.startTime ?? exitedProcesses[$0]?.startTime }
        )
        for (index, evidence) in incident.evidence.enumerated() {
            if let lines = contextLines[incident.id]?[evidence.ruleID], !lines.isEmpty {
                entry.context[index] = EvidenceContext(before: lines)
            }
        }
        pending.incidents[incident.id] = entry
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

    /// Writes everything staged in one transaction: incidents with their evidence, processes,
    /// coverage and the cursors of the lines that produced them; then tells the state machine.
    func commit() {
        refreshCoverage()
        guard !pending.isEmpty else { return perform(machine.committed()) }
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
            commitFailed(error, incidents: batch.incidents.count)
            metricsStoreWriteFailed()
            return
        }
        storeFailures.succeeded()
        recordMatchLimitHits()
        pending = PendingBatch()
        lastCommitted = Dictionary(batch.incidents.map { ($0.incident.id, $0) }) { $1 }
        lastNumbers = numbers
        perform(machine.committed())
        metricsChanged()
        lastNumbers.removeAll()
        lastCommitted.removeAll()
        applyRetentionHourly()
        armMemoryReleaseAfterBurst()
    }

    /// The incidents an earlier run left open (killed before their quiet period ended), with their
    /// context lines, for the state machine to take up again.
    func loadOpenIncidents() -> [IncidentDraft] {
        let stored: [StoredIncident]
        do {
            stored = try store.openIncidents()
        } catch {
            logger.error("cannot load the incidents left open: \(error); they stay open")
            return []
        }
        for entry in stored {
            resumedCoverage[entry.incident.id] = (entry.incident.lastSeen, entry.incident.verdict.kernelLog)
            for (index, context) in entry.context where index < entry.incident.evidence.count {
                contextLines[entry.incident.id, default: [:]][entry.incident.evidence[index].ruleID] = context.before
            }
        }
        if !stored.isEmpty { logger.notice("taking up \(stored.count) incidents left open by the last run") }
        return stored.map { IncidentDraft(resuming: $0.incident, bootID: $0.bootID) }
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
