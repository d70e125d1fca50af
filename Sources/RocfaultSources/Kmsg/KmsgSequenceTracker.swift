/// The coverage bookkeeping of a kmsg reader, with no I/O: it sees each record's sequence
/// number and each `EPIPE`, and decides which records to deliver and where records were lost.
package struct KmsgSequenceTracker: Sendable, Hashable {
    /// What to do with a record.
    package enum Admission: Sendable, Hashable {
        /// Deliver the record; a gap precedes it when given.
        case deliver(gap: KmsgGap?)
        /// Drop the record: it is at or before the position resumed from.
        case skip
    }

    /// The last sequence number delivered, or the saved one resumed from.
    package private(set) var lastSequence: UInt64?
    /// The sequence number expected first when nothing was delivered yet (`nil`: any).
    private let firstExpected: UInt64?
    private var deliveredAny = false
    private var overrunPending = false

    /// Creates a tracker for a reader that starts at `start`.
    package init(start: KmsgStartPosition) {
        switch start {
        case .beginning:
            lastSequence = nil
            firstExpected = 0
        case .afterLastClear, .end:
            lastSequence = nil
            firstExpected = nil
        case .afterSequence(let saved):
            lastSequence = saved
            firstExpected = saved == .max ? nil : saved + 1
        }
    }

    /// Records that `read()` failed with `EPIPE`: records were overwritten before being read.
    package mutating func noteOverrun() {
        overrunPending = true
    }

    /// Decides about a record with sequence number `sequence`.
    package mutating func admit(sequence: UInt64) -> Admission {
        if let last = lastSequence, sequence <= last { return .skip }
        let expected = lastSequence.map { $0 + 1 } ?? (deliveredAny ? nil : firstExpected)
        let gap = gapBefore(sequence, expected: expected)
        lastSequence = sequence
        deliveredAny = true
        overrunPending = false
        return .deliver(gap: gap)
    }

    private func gapBefore(_ sequence: UInt64, expected: UInt64?) -> KmsgGap? {
        if let expected, sequence > expected {
            let reason: KmsgGap.Reason =
                overrunPending ? .overrun : (deliveredAny ? .sequenceJump : .lostBeforeStart)
            return KmsgGap(
                reason: reason,
                lastSequence: lastSequence,
                firstMissingSequence: expected,
                nextSequence: sequence
            )
        }
        if expected == nil, overrunPending {
            return KmsgGap(reason: .overrun, lastSequence: nil, firstMissingSequence: nil, nextSequence: sequence)
        }
        return nil
    }
}
