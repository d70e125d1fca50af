/// A point in time as the inputs gave it: wall clock, kernel monotonic, or both.
package struct EventTime: Sendable, Codable, Hashable {
    /// Microseconds since the Unix epoch, UTC.
    package var realtimeMicroseconds: Int64?
    /// Microseconds since boot on the kernel clock.
    package var monotonicMicroseconds: UInt64?

    /// Creates a time.
    package init(realtimeMicroseconds: Int64? = nil, monotonicMicroseconds: UInt64? = nil) {
        self.realtimeMicroseconds = realtimeMicroseconds
        self.monotonicMicroseconds = monotonicMicroseconds
    }

    /// Whether neither clock is known.
    package var isUnknown: Bool { realtimeMicroseconds == nil && monotonicMicroseconds == nil }
}
