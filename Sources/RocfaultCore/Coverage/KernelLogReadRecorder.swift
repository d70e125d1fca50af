/// Turns one reader's pass over the kernel log (records read, holes between them) into
/// ``KernelLogCoverageLedger`` entries: one stretch from the opening to the end of reading, and a
/// loss from the last record before each hole to the first after it (or to the end).
///
/// Used by `rocfault run`, which reads `/dev/kmsg` for exactly its child's run. Record times are
/// on the monotonic clock; their wall-clock time is derived from the opening's offset.
package struct KernelLogReadRecorder: Sendable {
    /// The source the stretches and losses name.
    package let source: String
    private let opened: EventTime
    private var lastRead: EventTime
    private var pendingLoss: String?
    private var ledger = KernelLogCoverageLedger()

    /// Starts recording a reader of `source` opened at `opened` (both clocks, when known).
    package init(source: String, opened: EventTime) {
        self.source = source
        self.opened = opened
        self.lastRead = opened
    }

    /// The source exists but this user may not read it: `howToRead` says how to get access.
    package mutating func noteUnreadable(_ howToRead: String) {
        ledger.noteUnreadable(howToRead)
    }

    /// Records were lost (for `reason`) before the next record read.
    package mutating func lost(reason: String) {
        pendingLoss = pendingLoss ?? reason
    }

    /// A record read at `monotonicMicroseconds` (of any facility: the stream reads on).
    package mutating func read(monotonicMicroseconds monotonic: UInt64) {
        let time = EventTime(realtimeMicroseconds: realtime(ofMonotonic: monotonic), monotonicMicroseconds: monotonic)
        closeLoss(at: time)
        lastRead = time
    }

    /// The ledger with the stretch read until `end` (a hole seen last runs to `end`); a reader
    /// never opened (see ``noteUnreadable(_:)``) records no stretch.
    package mutating func finish(at end: EventTime, opened wasOpened: Bool = true) -> KernelLogCoverageLedger {
        guard wasOpened else { return ledger }
        closeLoss(at: end)
        ledger.record(KernelLogCoverageLedger.Interval(source: source, bootID: nil, from: opened, to: end))
        return ledger
    }

    private mutating func closeLoss(at time: EventTime) {
        guard let reason = pendingLoss else { return }
        ledger.record(
            KernelLogCoverageLedger.Loss(source: source, bootID: nil, from: lastRead, to: time, reason: reason)
        )
        pendingLoss = nil
    }

    private func realtime(ofMonotonic monotonic: UInt64) -> Int64? {
        guard let wall = opened.realtimeMicroseconds, let start = opened.monotonicMicroseconds else { return nil }
        return wall + Int64(clamping: monotonic) - Int64(clamping: start)
    }
}
