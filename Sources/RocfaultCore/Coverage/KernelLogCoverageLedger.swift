/// The one place that decides whether the kernel log was read for a time: `check`, `run`, the
/// daemon, the store, `show` and `status` all ask it. Pure: what was read, what was lost and the
/// time "now" are handed in.
///
/// It holds the stretches read (per source and boot, on the wall clock and the boot's monotonic
/// clock; an open stretch is still being read and lasts until `now`), the stretches lost, and the
/// sources that exist but could not be read. A time is:
/// - `covered` when a stretch read contains it on one clock and no loss of that stretch's source
///   overlaps it. A saved log ends at its last line although it was saved later, so a stretch may
///   carry a slack: the time may lie up to that long after its last line;
/// - `gap` when stretches were read but none contains it (another boot, before, after or between
///   them), or lines of the containing source were lost at that time;
/// - `unaligned` when nothing read shares a clock with the time (or the time is unknown);
/// - `unreadable` when nothing was read and a source was found unreadable;
/// - `notProvided` when nothing was read at all.
///
/// One clock rule: within one boot (the same boot id, or neither side naming one) the monotonic
/// clock decides when both sides have it; otherwise the wall clock when both have it; stretches of
/// another boot never cover a time. Never `covered` without an overlap on one clock.
package struct KernelLogCoverageLedger: Sendable, Hashable {
    /// A stretch of kernel log read without loss.
    package struct Interval: Sendable, Hashable, Codable {
        /// The source (`kmsg`, `journal`, a file name).
        package var source: String
        /// The boot, when known.
        package var bootID: String?
        /// The first line read (or the point reading resumed from).
        package var from: EventTime
        /// The last line read; nil while still reading (the stretch lasts until `now`).
        package var to: EventTime?
        /// How long after `to` still counts as read (a saved log's quiet tail), in microseconds.
        package var slackMicroseconds: Int64

        /// Creates a stretch.
        package init(source: String, bootID: String?, from: EventTime, to: EventTime?, slackMicroseconds: Int64 = 0) {
            self.source = source
            self.bootID = bootID
            self.from = from
            self.to = to
            self.slackMicroseconds = slackMicroseconds
        }
    }

    /// A stretch of a source's kernel log known to be lost.
    package struct Loss: Sendable, Hashable, Codable {
        /// The source.
        package var source: String
        /// The boot, when known.
        package var bootID: String?
        /// The last good time before the loss.
        package var from: EventTime
        /// The first good time after it.
        package var to: EventTime
        /// Why (`overrun`, `sequence-jump`, `lost-before-start`, ...).
        package var reason: String

        /// Creates a loss.
        package init(source: String, bootID: String?, from: EventTime, to: EventTime, reason: String) {
            self.source = source
            self.bootID = bootID
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    /// The slack after a saved kernel log's last line: 10 minutes.
    package static let savedLogSlackMicroseconds: Int64 = 600_000_000

    /// The stretches read, in the order recorded.
    package private(set) var intervals: [Interval] = []
    /// The stretches lost.
    package private(set) var losses: [Loss] = []
    /// Sources that exist but could not be read, each with how to get access.
    package private(set) var unreadable: [String] = []

    /// Creates an empty ledger.
    package init() {}

    /// Records a stretch read. One with the same source, boot and start as a recorded one replaces
    /// it (a reader that keeps reading reports the same start with a later end).
    package mutating func record(_ interval: Interval) {
        if let index = intervals.firstIndex(where: {
            $0.source == interval.source && $0.bootID == interval.bootID && $0.from == interval.from
        }) {
            intervals[index] = interval
        } else {
            intervals.append(interval)
        }
    }

    /// Records a stretch lost.
    package mutating func record(_ loss: Loss) {
        if !losses.contains(loss) { losses.append(loss) }
    }

    /// Records a kernel log source this user may not read, with how to get access.
    package mutating func noteUnreadable(_ howToRead: String) {
        if !unreadable.contains(howToRead) { unreadable.append(howToRead) }
    }

    /// The time an incident's coverage is judged at, by everyone: its last evidence, else its first.
    package static func incidentTime(firstSeen: EventTime, lastSeen: EventTime) -> EventTime {
        lastSeen.isUnknown ? firstSeen : lastSeen
    }

    /// Whether the kernel log was read at `time` (in boot `bootID`, when known), as of `now`.
    package func coverage(at time: EventTime, bootID: String?, now: EventTime = EventTime()) -> KernelLogCoverageDetail
    {
        guard !intervals.isEmpty else {
            if unreadable.isEmpty {
                return KernelLogCoverageDetail(value: .notProvided, reason: .nothingRead, time: time)
            }
            return KernelLogCoverageDetail(
                value: .unreadable,
                reason: .permissionDenied,
                time: time,
                access: unreadable
            )
        }
        let spans = intervals.map { span(of: $0, now: now) }
        guard !time.isUnknown else {
            return KernelLogCoverageDetail(value: .unaligned, reason: .incidentTimeUnknown, time: time, read: spans)
        }
        let placements = intervals.indices.map { Self.place(time, bootID, in: spans[$0], slack: intervals[$0].slack) }
        let containing = placements.indices.filter { placements[$0] == .inside }
        if !containing.isEmpty { return coverage(at: time, bootID: bootID, containedBy: containing, spans: spans) }
        if placements.allSatisfy({ $0 == .noSharedClock }) {
            return KernelLogCoverageDetail(value: .unaligned, reason: .noSharedClock, time: time, read: spans)
        }
        return outside(time, bootID: bootID, placements: placements, spans: spans)
    }

    /// Covered unless every containing stretch's source lost lines at that time.
    private func coverage(
        at time: EventTime,
        bootID: String?,
        containedBy containing: [Int],
        spans: [KernelLogCoverageSpan]
    ) -> KernelLogCoverageDetail {
        var loss: Loss?
        for index in containing {
            let interval = intervals[index]
            let lost = losses.first { candidate in
                guard candidate.source == interval.source, candidate.bootID == interval.bootID else { return false }
                let lossSpan = KernelLogCoverageSpan(bootID: candidate.bootID, from: candidate.from, to: candidate.to)
                switch Self.place(time, bootID, in: lossSpan, slack: 0) {
                case .inside: return true
                // A loss that cannot be placed counts against its whole boot: it never reads as coverage.
                case .noSharedClock: return bootID == nil || candidate.bootID == nil || bootID == candidate.bootID
                default: return false
                }
            }
            guard let lost else {
                return KernelLogCoverageDetail(value: .covered, time: time, read: [spans[index]])
            }
            loss = lost
        }
        let missing = loss.map { KernelLogCoverageSpan(source: $0.source, bootID: $0.bootID, from: $0.from, to: $0.to) }
        return KernelLogCoverageDetail(
            value: .gap,
            reason: .linesLost,
            time: time,
            read: containing.map { spans[$0] },
            missing: missing,
            lossReason: loss?.reason
        )
    }

    /// A gap: the time lies outside every stretch that shares a clock with it.
    private func outside(
        _ time: EventTime,
        bootID: String?,
        placements: [Placement],
        spans: [KernelLogCoverageSpan]
    ) -> KernelLogCoverageDetail {
        let before = placements.indices.filter { placements[$0] == .after }
            .max { Self.end(of: spans[$0]) < Self.end(of: spans[$1]) }
        let after = placements.indices.filter { placements[$0] == .before }
            .min { Self.start(of: spans[$0]) < Self.start(of: spans[$1]) }
        let reason: KernelLogCoverageDetail.Reason
        var missing: KernelLogCoverageSpan?
        switch (before, after) {
        case (let earlier?, let later?):
            reason = .betweenReads
            missing = KernelLogCoverageSpan(bootID: bootID, from: spans[earlier].to ?? time, to: spans[later].from)
        case (let earlier?, nil):
            reason = .afterRead
            missing = KernelLogCoverageSpan(bootID: bootID, from: spans[earlier].to ?? time, to: time)
        case (nil, let later?):
            reason = .beforeRead
            missing = KernelLogCoverageSpan(bootID: bootID, from: time, to: spans[later].from)
        case (nil, nil):
            reason = .otherBoot
        }
        let near = [before, after].compactMap { $0 }
        return KernelLogCoverageDetail(
            value: .gap,
            reason: reason,
            time: time,
            read: near.isEmpty ? spans : near.map { spans[$0] },
            missing: missing
        )
    }

    private func span(of interval: Interval, now: EventTime) -> KernelLogCoverageSpan {
        KernelLogCoverageSpan(
            source: interval.source,
            bootID: interval.bootID,
            from: interval.from,
            to: interval.to ?? Self.openEnd(from: interval.from, now: now)
        )
    }

    /// The end of a stretch still being read: now, on the clocks `now` has.
    private static func openEnd(from: EventTime, now: EventTime) -> EventTime? {
        now.isUnknown ? nil : now
    }
}

extension KernelLogCoverageLedger.Interval {
    var slack: Int64 { to == nil ? 0 : slackMicroseconds }
}
