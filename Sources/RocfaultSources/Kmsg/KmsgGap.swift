/// Kernel log records that existed but were never read: a hole in kmsg coverage.
///
/// A "kernel silent" verdict for a time span holds only if no gap overlaps it. The missing
/// records are the sequence numbers `firstMissingSequence..<nextSequence`.
package struct KmsgGap: Sendable, Hashable, CustomStringConvertible {
    /// Why records were missed.
    package enum Reason: String, Sendable, Hashable, Codable {
        /// `read()` failed with `EPIPE`: the ring buffer overwrote records before they were read,
        /// and the kernel moved the reader to the oldest record still stored.
        case overrun
        /// The next record's sequence number was not the last one plus one.
        case sequenceJump = "sequence-jump"
        /// At the start: the records after the saved sequence number (or, reading from the
        /// beginning, those since boot) were already gone from the ring.
        case lostBeforeStart = "lost-before-start"
    }

    /// Why records were missed.
    package var reason: Reason
    /// The last record seen before the gap (or the saved sequence number resumed from); `nil`
    /// when nothing had been seen yet.
    package var lastSequence: UInt64?
    /// The first missing sequence number, or `nil` when unknown (an overrun before the first
    /// record read after seeking to the end).
    package var firstMissingSequence: UInt64?
    /// The sequence number of the first record read after the gap.
    package var nextSequence: UInt64

    /// Creates a gap.
    package init(reason: Reason, lastSequence: UInt64?, firstMissingSequence: UInt64?, nextSequence: UInt64) {
        self.reason = reason
        self.lastSequence = lastSequence
        self.firstMissingSequence = firstMissingSequence
        self.nextSequence = nextSequence
    }

    /// How many records were lost, when known.
    package var missingCount: UInt64? {
        firstMissingSequence.map { nextSequence > $0 ? nextSequence - $0 : 0 }
    }

    /// E.g. `overrun: records 120..<180 lost (60)`.
    package var description: String {
        guard let first = firstMissingSequence else {
            return "\(reason.rawValue): records before \(nextSequence) lost (count unknown)"
        }
        return "\(reason.rawValue): records \(first)..<\(nextSequence) lost (\(missingCount ?? 0))"
    }
}
