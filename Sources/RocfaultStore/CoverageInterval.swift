package import RocfaultCore

/// A stretch of time for which a source's log was read without loss.
///
/// Recording an interval with the same ``source``, ``bootID`` and ``from`` as a stored one extends
/// that one (new ``to``, ``lastSequence`` and ``includesKernelLog``); otherwise it adds a new one.
/// So a reader that keeps reading reports the same `from` with a growing `to`, and starts a new
/// interval after a restart or a loss.
package struct CoverageInterval: Sendable, Hashable {
    /// The source name: `kmsg`, `journal`, or a file path.
    package var source: String
    /// The boot the interval belongs to.
    package var bootID: String
    /// Whether the source carries kernel messages (always for `kmsg`; for `journal` when kernel
    /// entries were included). Only such intervals count for ``IncidentStore/kernelLogCoverage(at:bootID:)``.
    package var includesKernelLog: Bool
    /// Time of the first record read.
    package var from: EventTime
    /// Time of the last record read.
    package var to: EventTime
    /// The last `/dev/kmsg` sequence number read, for kmsg.
    package var lastSequence: UInt64?

    /// Creates an interval.
    package init(
        source: String,
        bootID: String,
        includesKernelLog: Bool,
        from: EventTime,
        to: EventTime,
        lastSequence: UInt64? = nil
    ) {
        self.source = source
        self.bootID = bootID
        self.includesKernelLog = includesKernelLog
        self.from = from
        self.to = to
        self.lastSequence = lastSequence
    }
}
