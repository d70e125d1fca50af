#if canImport(Glibc)
import Glibc
#endif

/// The daemon's clock: wall-clock time for correlation windows, and the conversion of kernel
/// monotonic timestamps (what /dev/kmsg carries) to wall-clock time.
struct DaemonClock: Sendable {
    /// Microseconds since the epoch now.
    func now() -> Int64 { Self.read(CLOCK_REALTIME) }

    /// Microseconds since boot now, on the clock kernel log timestamps use.
    func monotonicNow() -> Int64 { Self.read(CLOCK_MONOTONIC) }

    /// Wall-clock time of a kernel monotonic timestamp (to within the clocks' drift).
    func realtime(ofMonotonic monotonic: UInt64) -> Int64 {
        now() - monotonicNow() + Int64(clamping: monotonic)
    }

    private static func read(_ clock: clockid_t) -> Int64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }
}
