/// A point in time as the inputs gave it: wall clock, kernel monotonic, or both.
public struct EventTime: Sendable, Codable, Hashable {
    /// Microseconds since the Unix epoch, UTC.
    public var realtimeMicroseconds: Int64?
    /// Microseconds since boot on the kernel clock.
    public var monotonicMicroseconds: UInt64?

    /// Creates a time.
    public init(realtimeMicroseconds: Int64? = nil, monotonicMicroseconds: UInt64? = nil) {
        self.realtimeMicroseconds = realtimeMicroseconds
        self.monotonicMicroseconds = monotonicMicroseconds
    }

    /// Whether neither clock is known.
    public var isUnknown: Bool { realtimeMicroseconds == nil && monotonicMicroseconds == nil }
}
