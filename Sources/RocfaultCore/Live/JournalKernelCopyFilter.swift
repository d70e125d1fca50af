/// Decides whether the journal's copy of a kernel line is skipped because /dev/kmsg delivers it,
/// or delivered it in an earlier run of the daemon in the same boot, so each kernel line counts
/// once. Lines kmsg never had (gone from the ring before the first start, or while the daemon
/// was down) are taken from the journal. Pure: times are kernel monotonic microseconds.
package struct JournalKernelCopyFilter: Sendable, Hashable {
    /// What earlier runs in this boot read from /dev/kmsg, first to last committed record.
    package private(set) var earlierRuns: ClosedRange<UInt64>?
    /// The first and the last record this run read.
    package private(set) var thisRun: ClosedRange<UInt64>?

    /// Creates a filter that knows what earlier runs in this boot read.
    package init(earlierRuns: ClosedRange<UInt64>? = nil) {
        self.earlierRuns = earlierRuns
    }

    /// /dev/kmsg delivered a record with this kernel time.
    package mutating func kmsgDelivered(monotonic: UInt64) {
        guard let current = thisRun else {
            thisRun = monotonic...monotonic
            return
        }
        thisRun = current.lowerBound...max(current.upperBound, monotonic)
    }

    /// Whether the journal's copy of a kernel line with this time is skipped. Before kmsg has
    /// delivered anything in this run every copy is skipped, as kmsg is about to deliver the line;
    /// a line without a kernel time cannot be placed and is skipped too.
    package func skipsJournalCopy(monotonic: UInt64?) -> Bool {
        guard let monotonic else { return true }
        if earlierRuns?.contains(monotonic) == true { return true }
        guard let first = thisRun?.lowerBound else { return true }
        return monotonic >= first
    }

    /// What kmsg delivered in this boot over all runs, to store with the kmsg position.
    package var span: ClosedRange<UInt64>? {
        guard let first = earlierRuns?.lowerBound ?? thisRun?.lowerBound,
            let last = thisRun?.upperBound ?? earlierRuns?.upperBound
        else { return nil }
        return first...max(first, last)
    }

    /// The stored form of `span`: `BOOT:FIRST:LAST`.
    package func storedSpan(bootID: String) -> String? {
        span.map { "\(bootID):\($0.lowerBound):\($0.upperBound)" }
    }

    /// What earlier runs read, from a stored span; nil when it is of another boot or malformed.
    package static func earlierRuns(fromStored stored: String, bootID: String) -> ClosedRange<UInt64>? {
        let parts = stored.split(separator: ":")
        guard parts.count == 3, String(parts[0]) == bootID, let first = UInt64(parts[1]),
            let last = UInt64(parts[2]), first <= last
        else { return nil }
        return first...last
    }
}
