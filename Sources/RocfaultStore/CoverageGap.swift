package import RocfaultCore

/// A stretch of a source's log known to be lost: a kmsg ring-buffer overrun, a sequence jump,
/// journal rotation while the daemon was down.
///
/// Give both time bounds when possible: the time of the last record before the loss and of the
/// first one after. A gap whose bounds cannot be compared with a time is taken to cover its whole
/// boot, so that an unplaceable loss never lets a time count as covered.
package struct CoverageGap: Sendable, Hashable {
    /// The source name.
    package var source: String
    /// The boot the loss happened in.
    package var bootID: String
    /// Last good time before the loss.
    package var from: EventTime
    /// First good time after the loss.
    package var to: EventTime
    /// Last sequence number read before the loss, for kmsg.
    package var fromSequence: UInt64?
    /// First sequence number read after the loss, for kmsg.
    package var toSequence: UInt64?
    /// Why records were lost, for people (`kmsg overrun: 312 records lost`).
    package var reason: String

    /// Creates a gap.
    package init(
        source: String,
        bootID: String,
        from: EventTime,
        to: EventTime,
        fromSequence: UInt64? = nil,
        toSequence: UInt64? = nil,
        reason: String
    ) {
        self.source = source
        self.bootID = bootID
        self.from = from
        self.to = to
        self.fromSequence = fromSequence
        self.toSequence = toSequence
        self.reason = reason
    }
}
