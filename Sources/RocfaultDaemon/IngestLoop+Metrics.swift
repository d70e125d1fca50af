import Logging
import RocfaultCore
import RocfaultStore

extension IngestLoop {
    /// Writes the metrics file at start (when `--metrics-file` is given).
    func startMetrics() {
        guard let metrics else { return }
        performMetrics(metrics.machine.start(now: clock.now()))
    }

    /// Writes what changed since the last write before the daemon ends.
    func stopMetrics() {
        guard let metrics else { return }
        performMetrics(metrics.machine.stop(now: clock.now()))
    }

    /// Something the metrics show may have changed: a commit stored incidents, coverage or gaps.
    func metricsChanged() {
        guard let metrics else { return }
        performMetrics(metrics.machine.changed(now: clock.now()))
    }

    /// A commit failed: counted, and a change.
    func metricsStoreWriteFailed() {
        guard let metrics else { return }
        metrics.storeWriteErrors += 1
        metricsChanged()
    }

    /// The scheduled flush is due.
    func metricsFlushDue() {
        guard let metrics else { return }
        performMetrics(metrics.machine.flushDue(now: clock.now()))
    }

    /// After an event that changes no stored row: a change when the processes watched, the hangs,
    /// the rules or the kernel log's losses changed (a process scan that found the same is none).
    func noteMetrics(after event: DaemonEvent) {
        guard let metrics else { return }
        switch event {
        case .processes, .processExited, .processHang, .reloadRules, .kmsg, .kmsgEnded, .journalEnded: break
        default: return
        }
        let live = [
            processes.count, hungProcesses.count, engine.rules.rules.count, Int(clamping: kmsg.lostRecords),
            kmsg.active ? 1 : 0,
        ]
        guard live != metrics.liveValues else { return }
        metrics.liveValues = live
        metricsChanged()
    }

    private func performMetrics(_ actions: [MetricsWriter.StateMachine.Action]) {
        guard let metrics else { return }
        for action in actions {
            switch action {
            case .write:
                do {
                    try metrics.write(
                        collectMetrics(startTime: metrics.startTime, writeErrors: metrics.storeWriteErrors)
                    )
                    performMetrics(metrics.machine.written(now: clock.now()))
                } catch {
                    logger.warning("could not write the metrics file: \(error)")
                    performMetrics(metrics.machine.writeFailed(now: clock.now()))
                }
            case .scheduleFlush(let delay): hub.schedule(.writeMetrics, key: "metrics", after: delay)
            case .reportFailure:
                logger.error("the metrics file \(metrics.path) is not written; retrying on the next change")
            case .reportRecovery: logger.notice("the metrics file \(metrics.path) is written again")
            }
        }
    }

    /// The metrics now, from the store and the loop's own state. What the store cannot give (a
    /// failed read) is left out rather than shown as zero.
    private func collectMetrics(startTime: Int64, writeErrors: Int) -> DaemonMetrics {
        var metrics = DaemonMetrics()
        metrics.incidents = (try? store.incidentTotals()) ?? []
        metrics.sources = ((try? store.sources()) ?? []).map {
            DaemonMetrics.Source(
                name: $0.source,
                coveredUntil: $0.latestCoverage?.to.realtimeMicroseconds,
                gaps: $0.gapCount
            )
        }
        metrics.matchLimitHits = Dictionary(((try? store.matchLimitHits()) ?? []).map { ($0.ruleID, $0.hits) }) { $1 }
        metrics.storeSizeBytes = store.databaseSize
        metrics.gpuProcesses = processes.count
        metrics.stalledProcesses = hungProcesses.count
        metrics.kernelLogCoverage = currentKernelLogCoverage()
        metrics.kernelLogRecordsLost = kmsg.lostRecords
        metrics.rulesLoaded = engine.rules.rules.count
        metrics.storeWriteErrors = writeErrors
        metrics.startTime = startTime
        (metrics.cpuSeconds, metrics.residentBytes) = MetricsWriter.ownUsage()
        return metrics
    }

    /// The coverage an incident happening now would get: covered while /dev/kmsg is read (the
    /// ledger's open interval reaches only to the last commit, so "now" would read as a gap);
    /// otherwise what the ledger says of this moment.
    private func currentKernelLogCoverage() -> KernelLogCoverage {
        if kmsg.active { return .covered }
        let now = EventTime(
            realtimeMicroseconds: clock.now(),
            monotonicMicroseconds: UInt64(clamping: clock.monotonicNow())
        )
        return coverageLedger.coverage(at: now, bootID: bootID, now: now).value
    }
}
