import Logging
import RocfaultCore
import RocfaultSources
import RocfaultStore

extension IngestLoop {
    func handleKmsg(_ event: KmsgEvent) {
        switch event {
        case .gap(let gap): kmsg.pendingGap = gap
        case .record(let entry): kmsgRecord(entry)
        }
    }

    private func kmsgRecord(_ entry: KmsgEntry) {
        var record = entry.record
        let monotonic = record.monotonicMicroseconds ?? 0
        let realtime = clock.realtime(ofMonotonic: monotonic)
        record.realtimeMicroseconds = realtime
        record.bootID = bootID
        let time = EventTime(realtimeMicroseconds: realtime, monotonicMicroseconds: monotonic)
        if !kmsg.active {
            kmsg.active = true
            coverage[bootID, default: KernelLogCoverageTracker()].readerStarted(from: realtime)
        }
        if let gap = kmsg.pendingGap {
            recordKmsgGap(gap, until: time)
            kmsg.pendingGap = nil
        }
        if kmsg.interval == nil {
            kmsg.interval = CoverageInterval(
                source: "kmsg",
                bootID: bootID,
                includesKernelLog: true,
                from: time,
                to: time
            )
        }
        kmsg.interval?.to = time
        kmsg.interval?.lastSequence = record.kmsgSequence
        kmsg.lastRealtime = realtime
        kmsg.journalCopies.kmsgDelivered(monotonic: monotonic)
        kmsg.readRecords += 1
        ingest(record, source: "kmsg")
    }

    /// Loads what earlier runs in this boot read from /dev/kmsg (the `kmsg-span` position), so
    /// that after a restart the journal's copies of those lines are still skipped.
    func loadEarlierKmsgSpan() {
        guard let saved = try? store.cursor(for: "kmsg-span") else { return }
        let earlier = JournalKernelCopyFilter.earlierRuns(fromStored: saved, bootID: bootID)
        kmsg.journalCopies = JournalKernelCopyFilter(earlierRuns: earlier)
    }

    private func recordKmsgGap(_ gap: KmsgGap, until time: EventTime) {
        let from = kmsg.lastRealtime ?? (time.realtimeMicroseconds ?? 0)
        let to = time.realtimeMicroseconds ?? from
        coverage[bootID, default: KernelLogCoverageTracker()].recordGap(from: from, to: to, reason: gap.reason.rawValue)
        pending.gaps.append(
            CoverageGap(
                source: "kmsg",
                bootID: bootID,
                from: EventTime(realtimeMicroseconds: from),
                to: time,
                fromSequence: gap.lastSequence,
                toSequence: gap.nextSequence,
                reason: gap.reason.rawValue
            )
        )
        if let interval = kmsg.interval { pending.coverage.append(interval) }
        kmsg.interval = nil
        if gap.reason != .lostBeforeStart { kmsg.lostRecords += gap.missingCount ?? 0 }
        if gap.reason == .lostBeforeStart {
            logger.notice("kernel log before this start is gone from the ring: \(gap.description)")
        } else {
            logger.warning("kernel log gap: \(gap.description)")
        }
    }

    func kmsgEnded(_ reason: String?) {
        guard kmsg.active else { return }
        kmsg.active = false
        coverage[bootID, default: KernelLogCoverageTracker()].readerStopped(at: clock.now())
        if let interval = kmsg.interval { pending.coverage.append(interval) }
        kmsg.interval = nil
        if let reason { logger.error("kernel log reading ended: \(reason)") }
        logger.notice(
            "kernel log: \(kmsg.readRecords) records read, \(kmsg.lostRecords) lost while reading, recorded as gaps"
        )
    }

    /// Extends the open coverage intervals to now and queues them for the next commit.
    func refreshCoverage() {
        let now = clock.now()
        if kmsg.active, var interval = kmsg.interval {
            interval.to = EventTime(
                realtimeMicroseconds: now,
                monotonicMicroseconds: UInt64(clamping: clock.monotonicNow())
            )
            kmsg.interval = interval
            pending.coverage.append(interval)
        }
        pending.coverage += journalKernel.values
    }

    func closeCoverage() {
        kmsgEnded(nil)
        refreshCoverage()
    }
}
