/// Elements waiting for a deadline on a monotonic clock, earliest first; equal deadlines keep the
/// order they were inserted in.
///
/// The daemon has a handful of timers at a time (watchdog, correlation windows, commits), so a
/// sorted array is simpler than a heap and just as fast.
struct DeadlineQueue<Element> {
    private var entries: [(deadline: UInt64, element: Element)] = []

    /// The earliest deadline, or nil when nothing waits.
    var earliestDeadline: UInt64? { entries.first?.deadline }

    /// Number of waiting elements.
    var count: Int { entries.count }

    /// Adds an element that becomes due at `deadline`.
    mutating func insert(_ element: Element, deadline: UInt64) {
        let index = entries.firstIndex { $0.deadline > deadline } ?? entries.endIndex
        entries.insert((deadline, element), at: index)
    }

    /// Removes and returns the earliest element if its deadline is at or before `now`.
    mutating func popDue(now: UInt64) -> Element? {
        guard let first = entries.first, first.deadline <= now else { return nil }
        return entries.removeFirst().element
    }
}
