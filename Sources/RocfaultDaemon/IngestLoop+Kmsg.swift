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
        kmsg.active = true
        if let gap = kmsg.pendingGap {
            recordKmsgGap(gap, until: time)
            kmsg.pendingGap = nil
        }
        if kmsg.interval == nil {
            let interval = CoverageInterval(
                source: "kmsg",
                bootID: bootID,
                includesKernelLog: true,
                from: time,
                to: time
            )
            kmsg.interval = interval
            coverageLedger.record(interval.ledgerInterval(open: true))
        }
        kmsg.interval?.to = time
        kmsg.interval?.lastSequence = record.kmsgSequence
        kmsg.lastTime = time
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

    /// Loads every stored kernel-log interval and gap into the ledger, so incidents are judged from
    /// all runs of the boot, not only this one. With /dev/kmsg open, this run's interval starts where
    /// the reader resumes: it continues the stored interval whose last record the reader resumes
    /// after (a restart without loss joins up; records lost meanwhile arrive as a gap), or starts at
    /// boot when the reader reads the ring from its start.
    func loadStoredCoverage() {
        do {
            coverageLedger = try store.kernelLogLedger()
        } catch {
            logger.warning("cannot load the stored kernel log coverage; judging from this run only: \(error)")
        }
        guard kmsgOpened, let interval = resumedKmsgInterval() else { return }
        kmsg.active = true
        kmsg.interval = interval
        kmsg.lastTime = interval.to
        coverageLedger.record(interval.ledgerInterval(open: true))
    }

    /// The interval the kmsg reader continues: the stored one ending at the saved sequence number,
    /// or one from boot when nothing of this boot was read; nil when it cannot be told (the first
    /// record read then starts one).
    private func resumedKmsgInterval() -> CoverageInterval? {
        let saved = (try? store.cursor(for: "kmsg"))?.split(separator: ":")
        guard let saved, saved.count == 2, String(saved[0]) == bootID, let sequence = UInt64(saved[1]) else {
            let boot = EventTime(realtimeMicroseconds: clock.realtime(ofMonotonic: 0), monotonicMicroseconds: 0)
            return CoverageInterval(source: "kmsg", bootID: bootID, includesKernelLog: true, from: boot, to: boot)
        }
        return (try? store.coverage(source: "kmsg"))?.last { $0.bootID == bootID && $0.lastSequence == sequence }
    }

    private func recordKmsgGap(_ gap: KmsgGap, until time: EventTime) {
        let from = kmsg.lastTime ?? time
        let lost = CoverageGap(
            source: "kmsg",
            bootID: bootID,
            from: from,
            to: time,
            fromSequence: gap.lastSequence,
            toSequence: gap.nextSequence,
            reason: gap.reason.rawValue
        )
        pending.gaps.append(lost)
        coverageLedger.record(lost.ledgerLoss)
        if let interval = kmsg.interval {
            coverageLedger.record(interval.ledgerInterval(open: false))
            // An interval from boot that read nothing before the loss says nothing: not stored.
            if interval.from != interval.to { pending.coverage.append(interval) }
        }
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
        if var interval = kmsg.interval {
            interval.to = EventTime(
                realtimeMicroseconds: clock.now(),
                monotonicMicroseconds: UInt64(clamping: clock.monotonicNow())
            )
            coverageLedger.record(interval.ledgerInterval(open: false))
            pending.coverage.append(interval)
        }
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
