package import RocfaultCore

extension KernelLogCoverageLedger {
    /// A ledger of what was stored: the intervals of sources carrying kernel messages and the gaps
    /// of those sources. Stored intervals are closed: they end at the last time their reader saved.
    package init(stored intervals: [CoverageInterval], gaps: [CoverageGap]) {
        self.init()
        let kernel = intervals.filter(\.includesKernelLog)
        let sources = Set(kernel.map(\.source))
        for interval in kernel { record(interval.ledgerInterval(open: false)) }
        for gap in gaps where sources.contains(gap.source) { record(gap.ledgerLoss) }
    }
}

extension CoverageInterval {
    /// The interval as a stretch read; `open` while its reader is still reading (it lasts until now).
    package func ledgerInterval(open: Bool) -> KernelLogCoverageLedger.Interval {
        KernelLogCoverageLedger.Interval(source: source, bootID: bootID, from: from, to: open ? nil : to)
    }
}

extension CoverageGap {
    /// The gap as a stretch lost.
    package var ledgerLoss: KernelLogCoverageLedger.Loss {
        KernelLogCoverageLedger.Loss(source: source, bootID: bootID, from: from, to: to, reason: reason)
    }
}
