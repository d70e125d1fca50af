/// The stretch of kernel log an input provided: how many kernel records, and from when to when on
/// each clock the input used.
public struct KernelLogSpan: Sendable, Hashable, Codable {
    /// Kernel-origin records parsed (candidate lines; at least 1 when only samples were kernel lines).
    public var records = 0
    /// Earliest and latest wall-clock times of kernel records.
    public var realtime: ClosedRange<Int64>?
    /// Earliest and latest monotonic times of kernel records.
    public var monotonic: ClosedRange<UInt64>?

    /// Creates an empty span.
    public init() {}

    /// Widens the span with a kernel record; `counting` is false for records sampled only for their time.
    public mutating func include(_ record: LogRecord, counting: Bool = true) {
        guard record.origin == .kernel else { return }
        if counting || records == 0 { records += 1 }
        if let time = record.realtimeMicroseconds {
            realtime = realtime.map { min($0.lowerBound, time)...max($0.upperBound, time) } ?? time...time
        }
        if let time = record.monotonicMicroseconds {
            monotonic = monotonic.map { min($0.lowerBound, time)...max($0.upperBound, time) } ?? time...time
        }
    }

    /// Coverage of a time by the kernel logs of a check.
    ///
    /// A saved kernel log ends at its last message, which may well be before a crash it was saved
    /// after, so only a log that starts after the incident is a gap. Without a clock shared with the
    /// incident, a kernel log given alongside counts as covering it.
    public func coverage(of time: EventTime) -> KernelLogCoverage {
        guard records > 0 else { return .notProvided }
        if let value = time.realtimeMicroseconds, let realtime {
            return value >= realtime.lowerBound ? .covered : .gap
        }
        if let value = time.monotonicMicroseconds, let monotonic {
            return value >= monotonic.lowerBound ? .covered : .gap
        }
        return .covered
    }
}
