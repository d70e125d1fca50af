import Glibc
import RocfaultCore

/// Reads the wall clock and the kernel's monotonic clock together.
enum SystemClock {
    /// Now, on both clocks, in microseconds, the form log records carry.
    static func now() -> EventTime {
        EventTime(
            realtimeMicroseconds: Int64(microseconds(CLOCK_REALTIME)),
            monotonicMicroseconds: UInt64(max(0, microseconds(CLOCK_MONOTONIC)))
        )
    }

    /// Time since boot on the monotonic clock.
    static func monotonic() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    private static func microseconds(_ clock: clockid_t) -> Int {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return spec.tv_sec * 1_000_000 + spec.tv_nsec / 1000
    }
}
