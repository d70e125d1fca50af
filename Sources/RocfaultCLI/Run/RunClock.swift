#if canImport(Glibc)
import Glibc
#endif

/// The two clocks a run is placed on: wall clock and the kernel's monotonic clock, in microseconds.
enum RunClock {
    static func realtime() -> Int64 { read(CLOCK_REALTIME) }
    static func monotonic() -> UInt64 { UInt64(max(0, read(CLOCK_MONOTONIC))) }

    private static func read(_ clock: clockid_t) -> Int64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }
}
