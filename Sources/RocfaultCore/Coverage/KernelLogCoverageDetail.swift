/// A stretch of kernel log named in a coverage answer: one that was read, or one that is missing.
package struct KernelLogCoverageSpan: Sendable, Codable, Hashable {
    /// Where it was read from (`kmsg`, `journal`, a file name); nil for a missing span.
    package var source: String?
    /// The boot it belongs to, when known.
    package var bootID: String?
    /// Its start.
    package var from: EventTime
    /// Its end; nil while a reader is still reading ("until now").
    package var to: EventTime?

    /// Creates a span.
    package init(source: String? = nil, bootID: String? = nil, from: EventTime, to: EventTime?) {
        self.source = source
        self.bootID = bootID
        self.from = from
        self.to = to
    }
}

/// The answer of ``KernelLogCoverageLedger``: a coverage value and what it was decided from, for
/// texts and JSON.
package struct KernelLogCoverageDetail: Sendable, Codable, Hashable {
    /// Why a time is not covered, or why coverage cannot be told.
    package enum Reason: String, Sendable, Codable, Hashable {
        /// Nothing was read and no kernel log source was found unreadable.
        case nothingRead = "nothing-read"
        /// A kernel log source exists but this user may not read it.
        case permissionDenied = "permission-denied"
        /// The incident's time is not known on any clock.
        case incidentTimeUnknown = "incident-time-unknown"
        /// The incident and the kernel log share no clock.
        case noSharedClock = "no-shared-clock"
        /// The kernel log read belongs to another boot.
        case otherBoot = "other-boot"
        /// The incident is before the first line read.
        case beforeRead = "before-read"
        /// The incident is after the last line read (and the slack after it).
        case afterRead = "after-read"
        /// The incident is between two stretches read.
        case betweenReads = "between-reads"
        /// Lines were lost at that time (see ``KernelLogCoverageDetail/lossReason``).
        case linesLost = "lines-lost"
    }

    /// The coverage value.
    package var value: KernelLogCoverage
    /// Why not `covered`; nil when covered.
    package var reason: Reason?
    /// The time the question was asked about.
    package var time: EventTime
    /// The stretches read that bear on the answer (those covering the time, or the nearest ones).
    package var read: [KernelLogCoverageSpan]
    /// The stretch known to be missing around the time, when one can be named.
    package var missing: KernelLogCoverageSpan?
    /// For lost lines: what the reader said (`overrun`, `sequence-jump`, `lost-before-start`).
    package var lossReason: String?
    /// For `unreadable`: the sources found unreadable and how to get access.
    package var access: [String]

    /// Creates a detail.
    package init(
        value: KernelLogCoverage,
        reason: Reason? = nil,
        time: EventTime,
        read: [KernelLogCoverageSpan] = [],
        missing: KernelLogCoverageSpan? = nil,
        lossReason: String? = nil,
        access: [String] = []
    ) {
        self.value = value
        self.reason = reason
        self.time = time
        self.read = read
        self.missing = missing
        self.lossReason = lossReason
        self.access = access
    }
}
