public import RocfaultCore

/// A stretch of a source's log known to be lost: a kmsg ring-buffer overrun, a sequence jump,
/// journal rotation while the daemon was down.
///
/// Give both time bounds when possible: the time of the last record before the loss and of the
/// first one after. A gap whose bounds cannot be compared with a time is taken to cover its whole
/// boot, so that an unplaceable loss never lets a time count as covered.
public struct CoverageGap: Sendable, Hashable {
    /// The source name.
    public var source: String
    /// The boot the loss happened in.
    public var bootID: String
    /// Last good time before the loss.
    public var from: EventTime
    /// First good time after the loss.
    public var to: EventTime
    /// Last sequence number read before the loss, for kmsg.
    public var fromSequence: UInt64?
    /// First sequence number read after the loss, for kmsg.
    public var toSequence: UInt64?
    /// Why records were lost, for people (`kmsg overrun: 312 records lost`).
    public var reason: String

    /// Creates a gap.
    public init(
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
