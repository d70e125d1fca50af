/// The stretch of kernel log an input provided: how many kernel records, and from when to when on
/// each clock the input used.
package struct KernelLogSpan: Sendable, Hashable, Codable {
    /// Kernel-origin records parsed (candidate lines; at least 1 when only samples were kernel lines).
    package var records = 0
    /// Earliest and latest wall-clock times of kernel records.
    package var realtime: ClosedRange<Int64>?
    /// Earliest and latest monotonic times of kernel records.
    package var monotonic: ClosedRange<UInt64>?
    /// The boot of the kernel records, when they named one and all the same.
    package var bootID: String?
    /// Whether the kernel records named more than one boot (their monotonic times then do not compare).
    package var spansBoots = false
    /// When the input was read up to the moment of reading (a live kernel log): that moment.
    package var readUntil: EventTime?

    /// Creates an empty span.
    package init() {}

    /// Widens the span with a kernel record; `counting` is false for records sampled only for their time.
    package mutating func include(_ record: LogRecord, counting: Bool = true) {
        guard record.origin == .kernel else { return }
        if counting || records == 0 { records += 1 }
        if let time = record.realtimeMicroseconds {
            realtime = realtime.map { min($0.lowerBound, time)...max($0.upperBound, time) } ?? time...time
        }
        if let time = record.monotonicMicroseconds {
            monotonic = monotonic.map { min($0.lowerBound, time)...max($0.upperBound, time) } ?? time...time
        }
        if let boot = record.bootID {
            if bootID == nil && !spansBoots {
                bootID = boot
            } else if bootID != boot {
                bootID = nil
                spansBoots = true
            }
        }
    }

    /// The span as a stretch read for ``KernelLogCoverageLedger``, nil when it holds no kernel record.
    ///
    /// A saved log ends at its last line although it was saved later, so it counts for
    /// ``KernelLogCoverageLedger/savedLogSlackMicroseconds`` after it; one read up to the moment of
    /// reading counts until then. Monotonic times of an input spanning boots are left out; a log
    /// without times still counts as read, but places nothing (`unaligned`).
    package func ledgerInterval(source: String) -> KernelLogCoverageLedger.Interval? {
        guard records > 0 else { return nil }
        let monotonic = spansBoots ? nil : monotonic
        let from = EventTime(realtimeMicroseconds: realtime?.lowerBound, monotonicMicroseconds: monotonic?.lowerBound)
        let last = EventTime(realtimeMicroseconds: realtime?.upperBound, monotonicMicroseconds: monotonic?.upperBound)
        return KernelLogCoverageLedger.Interval(
            source: source,
            bootID: bootID,
            from: from,
            to: readUntil.map {
                EventTime(
                    realtimeMicroseconds: realtime == nil ? nil : $0.realtimeMicroseconds,
                    monotonicMicroseconds: monotonic == nil ? nil : $0.monotonicMicroseconds
                )
            } ?? last,
            slackMicroseconds: readUntil == nil ? KernelLogCoverageLedger.savedLogSlackMicroseconds : 0
        )
    }
}
