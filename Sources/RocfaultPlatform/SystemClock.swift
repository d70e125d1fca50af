#if canImport(Glibc)
import Glibc
#endif
package import RocfaultCore

/// The one reader of the system clocks: the wall clock and the kernel's monotonic clock (the one
/// `/dev/kmsg` timestamps use), in the microseconds log records carry.
package enum SystemClock {
    /// Now, on both clocks.
    package static func now() -> EventTime {
        EventTime(
            realtimeMicroseconds: realtimeMicroseconds(),
            monotonicMicroseconds: UInt64(max(0, monotonicMicroseconds()))
        )
    }

    /// Microseconds since the epoch.
    package static func realtimeMicroseconds() -> Int64 { microseconds(CLOCK_REALTIME) }

    /// Microseconds since boot on the monotonic clock.
    package static func monotonicMicroseconds() -> Int64 { microseconds(CLOCK_MONOTONIC) }

    /// Time since boot on the monotonic clock.
    package static func monotonic() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    private static func microseconds(_ clock: clockid_t) -> Int64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }
}
