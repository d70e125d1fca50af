extension KernelLogCoverageLedger {
    /// Where a time lies relative to a stretch.
    enum Placement: Sendable, Hashable {
        /// Inside it (its slack included).
        case inside
        /// Before its start.
        case before
        /// After its end (and slack).
        case after
        /// The stretch is of another boot.
        case otherBoot
        /// The time and the stretch share no clock.
        case noSharedClock
    }

    /// Places `time` (of boot `bootID`) against `span` by the one clock rule: within one boot (the
    /// same boot id, or neither side naming one: saved logs given together) the monotonic clock when
    /// both have it, else the wall clock when both have it; a span of another boot never holds the
    /// time. A span without an end is still being read: it holds every later time.
    static func place(_ time: EventTime, _ bootID: String?, in span: KernelLogCoverageSpan, slack: Int64) -> Placement {
        if let bootID, let spanBoot = span.bootID, bootID != spanBoot { return .otherBoot }
        if bootID == span.bootID, let monotonic = Self.monotonic(time, span) { return compare(monotonic, slack: slack) }
        if let realtime = Self.realtime(time, span) { return compare(realtime, slack: slack) }
        return .noSharedClock
    }

    /// A time and a span's bounds on one clock; `high` nil when the span is open.
    struct Bounds {
        var value: Int64
        var low: Int64
        var high: Int64?
    }

    private static func monotonic(_ time: EventTime, _ span: KernelLogCoverageSpan) -> Bounds? {
        guard let value = time.monotonicMicroseconds, let low = span.from.monotonicMicroseconds else { return nil }
        let high: Int64?
        if let to = span.to {
            guard let end = to.monotonicMicroseconds else { return nil }
            high = Int64(clamping: end)
        } else {
            high = nil
        }
        return Bounds(value: Int64(clamping: value), low: Int64(clamping: low), high: high)
    }

    private static func realtime(_ time: EventTime, _ span: KernelLogCoverageSpan) -> Bounds? {
        guard let value = time.realtimeMicroseconds, let low = span.from.realtimeMicroseconds else { return nil }
        let high: Int64?
        if let to = span.to {
            guard let end = to.realtimeMicroseconds else { return nil }
            high = end
        } else {
            high = nil
        }
        return Bounds(value: value, low: low, high: high)
    }

    private static func compare(_ bounds: Bounds, slack: Int64) -> Placement {
        if bounds.value < bounds.low { return .before }
        if let high = bounds.high, bounds.value > high.addingReportingOverflow(slack).partialValue { return .after }
        return .inside
    }

    /// A span's start for ordering, wall clock first.
    static func start(of span: KernelLogCoverageSpan) -> Int64 {
        span.from.realtimeMicroseconds ?? Int64(clamping: span.from.monotonicMicroseconds ?? 0)
    }

    /// A span's end for ordering, wall clock first; an open span ends last.
    static func end(of span: KernelLogCoverageSpan) -> Int64 {
        guard let to = span.to else { return .max }
        return to.realtimeMicroseconds ?? Int64(clamping: to.monotonicMicroseconds ?? 0)
    }
}
