/// Kernel log records that existed but were never read: a hole in kmsg coverage.
///
/// A "kernel silent" verdict for a time span holds only if no gap overlaps it. The missing
/// records are the sequence numbers `firstMissingSequence..<nextSequence`.
public struct KmsgGap: Sendable, Hashable, CustomStringConvertible {
    /// Why records were missed.
    public enum Reason: String, Sendable, Hashable, Codable {
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
    public var reason: Reason
    /// The last record seen before the gap (or the saved sequence number resumed from); `nil`
    /// when nothing had been seen yet.
    public var lastSequence: UInt64?
    /// The first missing sequence number, or `nil` when unknown (an overrun before the first
    /// record read after seeking to the end).
    public var firstMissingSequence: UInt64?
    /// The sequence number of the first record read after the gap.
    public var nextSequence: UInt64

    /// Creates a gap.
    public init(reason: Reason, lastSequence: UInt64?, firstMissingSequence: UInt64?, nextSequence: UInt64) {
        self.reason = reason
        self.lastSequence = lastSequence
        self.firstMissingSequence = firstMissingSequence
        self.nextSequence = nextSequence
    }

    /// How many records were lost, when known.
    public var missingCount: UInt64? {
        firstMissingSequence.map { nextSequence > $0 ? nextSequence - $0 : 0 }
    }

    /// E.g. `overrun: records 120..<180 lost (60)`.
    public var description: String {
        guard let first = firstMissingSequence else {
            return "\(reason.rawValue): records before \(nextSequence) lost (count unknown)"
        }
        return "\(reason.rawValue): records \(first)..<\(nextSequence) lost (\(missingCount ?? 0))"
    }
}
