/// Knows for which stretches of wall-clock time the kernel log was really read, and where it was not.
///
/// A live reader covers from the oldest record it could read until now, minus recorded gaps (ring
/// buffer overruns, sequence jumps, time the daemon was not running). Pure: times come in as
/// microseconds since the epoch.
public struct KernelLogCoverageTracker: Sendable, Hashable {
    /// One stretch the kernel log was read for.
    public struct Interval: Sendable, Hashable, Codable {
        /// Start, in microseconds since the epoch.
        public var from: Int64
        /// End, or nil while the reader is still running.
        public var to: Int64?
    }

    /// A stretch known to be missing.
    public struct Gap: Sendable, Hashable, Codable {
        /// Start of the missing stretch.
        public var from: Int64
        /// End of the missing stretch.
        public var to: Int64
        /// Why (`overrun`, `sequence-jump`, `not-running`, ...).
        public var reason: String
    }

    /// What was read.
    public private(set) var intervals: [Interval] = []
    /// What was lost.
    public private(set) var gaps: [Gap] = []

    /// Creates an empty tracker.
    public init() {}

    /// The reader started; `from` is the time of the oldest record it can still read (the start of
    /// the ring buffer) or the start time when reading only new records.
    public mutating func readerStarted(from: Int64) {
        if let last = intervals.last, last.to == nil { return }
        intervals.append(Interval(from: from, to: nil))
    }

    /// The reader stopped (clean shutdown or failure).
    public mutating func readerStopped(at time: Int64) {
        guard let last = intervals.indices.last, intervals[last].to == nil else { return }
        intervals[last].to = max(time, intervals[last].from)
    }

    /// Records lost between two times.
    public mutating func recordGap(from: Int64, to: Int64, reason: String) {
        gaps.append(Gap(from: min(from, to), to: max(from, to), reason: reason))
    }

    /// Whether the kernel log was read at `time`, as of `now`.
    public func coverage(at time: Int64, now: Int64) -> KernelLogCoverage {
        guard !intervals.isEmpty else { return .notProvided }
        if gaps.contains(where: { $0.from <= time && time <= $0.to }) { return .gap }
        let covering = intervals.contains { interval in
            interval.from <= time && time <= (interval.to ?? now)
        }
        return covering ? .covered : .gap
    }
}
