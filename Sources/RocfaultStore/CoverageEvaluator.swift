import RocfaultCore

/// Decides whether the kernel log was read at a time, from recorded intervals and gaps. Pure logic.
///
/// A time is `covered` when some source that carries kernel messages has an interval containing it
/// and that same source has no gap overlapping it. It is `notProvided` when no kernel-carrying
/// interval is recorded at all, and `gap` otherwise (read, but not for that time).
///
/// Comparing a time with a span `[from, to]` uses the monotonic clock when the query names the
/// span's boot and both have monotonic times; otherwise the wall clock when both have it; otherwise
/// the two cannot be compared. An incomparable interval does not cover the time; an incomparable gap
/// in the query's boot is taken to overlap it, so an unplaceable loss never reads as coverage.
struct CoverageEvaluator {
    var intervals: [CoverageInterval]
    var gaps: [CoverageGap]

    func coverage(at time: EventTime, bootID: String?) -> KernelLogCoverage {
        let kernel = intervals.filter(\.includesKernelLog)
        if kernel.isEmpty { return .notProvided }
        let covered = kernel.contains { interval in
            let contains = Self.compare(time, bootID, interval.from, interval.to, interval.bootID) ?? false
            return contains && !isInGap(time, bootID: bootID, source: interval.source)
        }
        return covered ? .covered : .gap
    }

    private func isInGap(_ time: EventTime, bootID: String?, source: String) -> Bool {
        gaps.contains { gap in
            guard gap.source == source else { return false }
            return Self.compare(time, bootID, gap.from, gap.to, gap.bootID) ?? (bootID == gap.bootID)
        }
    }

    /// Whether `time` lies in `[from, to]`, or nil when no shared clock allows telling.
    static func compare(
        _ time: EventTime,
        _ bootID: String?,
        _ from: EventTime,
        _ to: EventTime,
        _ spanBootID: String
    ) -> Bool? {
        if bootID == spanBootID, let value = time.monotonicMicroseconds,
            let low = from.monotonicMicroseconds, let high = to.monotonicMicroseconds
        {
            return low <= value && value <= high
        }
        if let value = time.realtimeMicroseconds, let low = from.realtimeMicroseconds,
            let high = to.realtimeMicroseconds
        {
            return low <= value && value <= high
        }
        return nil
    }
}
