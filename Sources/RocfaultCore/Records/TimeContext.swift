/// What a parser needs to turn local, year-less log timestamps into UTC: a reference "now" and the
/// local offset from UTC.
///
/// Both come from the caller (an injected clock), so parsing stays pure and repeatable.
package struct TimeContext: Sendable, Hashable {
    /// The reference time (usually "now", or the log file's modification time) in microseconds since
    /// the Unix epoch. Syslog timestamps carry no year; they get the reference's year, or the year
    /// before when their month lies after the reference month.
    package var referenceRealtimeMicroseconds: Int64
    /// Seconds east of UTC of the time zone the log was written in. Local-time formats (`dmesg -T`,
    /// syslog, journalctl `short`) are converted with it; a single offset, so a log spanning a
    /// daylight-saving change is off by the change for the part on the other side.
    package var utcOffsetSeconds: Int

    /// Creates a context.
    package init(referenceRealtimeMicroseconds: Int64, utcOffsetSeconds: Int = 0) {
        self.referenceRealtimeMicroseconds = referenceRealtimeMicroseconds
        self.utcOffsetSeconds = utcOffsetSeconds
    }
}
