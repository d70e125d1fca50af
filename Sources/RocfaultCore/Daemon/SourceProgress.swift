/// How far one of rocfaultd's sources is behind the source's own end, for `rocfault status`.
package enum SourceProgress: Sendable, Hashable {
    /// Everything the source holds was read.
    case upToDate
    /// This many kernel messages after the last one read are waiting.
    case recordsBehind(UInt64)
    /// The source's newest entry is this many seconds after the last one read.
    case secondsBehind(Double)
    /// The last position read is from an earlier boot.
    case earlierBoot
    /// Not compared with the source's end (not readable here, or the position is gone from it).
    case notMeasured

    /// Seconds of journal within which a cursor counts as up to date: entries written while rocfaultd
    /// commits (it commits within milliseconds of reading a batch).
    package static let journalSlackSeconds = 2.0

    /// `/dev/kmsg`: the stored cursor (`BOOTID:SEQUENCE`) against the ring's newest sequence number
    /// in the current boot (nil when the ring could not be read).
    package static func kmsg(cursor: String?, currentBootID: String, newestSequence: UInt64?) -> SourceProgress {
        guard let cursor, let colon = cursor.lastIndex(of: ":"),
            let sequence = UInt64(cursor[cursor.index(after: colon)...])
        else { return .notMeasured }
        guard cursor[..<colon] == currentBootID else { return .earlierBoot }
        guard let newestSequence else { return .notMeasured }
        return newestSequence > sequence ? .recordsBehind(newestSequence - sequence) : .upToDate
    }

    /// The journal: the cursor's entry time against the newest entry's (nil: not found).
    package static func journal(
        cursorIsNewest: Bool,
        cursorMicroseconds: Int64?,
        newestMicroseconds: Int64?
    ) -> SourceProgress {
        if cursorIsNewest { return .upToDate }
        guard let cursorMicroseconds, let newestMicroseconds else { return .notMeasured }
        let seconds = Double(newestMicroseconds - cursorMicroseconds) / 1_000_000
        return seconds <= journalSlackSeconds ? .upToDate : .secondsBehind(seconds)
    }
}
