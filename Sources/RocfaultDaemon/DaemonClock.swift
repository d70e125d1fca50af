import RocfaultPlatform

/// The daemon's clock: wall-clock time for correlation windows, and the conversion of kernel
/// monotonic timestamps (what /dev/kmsg carries) to wall-clock time. Reads ``SystemClock``.
struct DaemonClock: Sendable {
    /// Microseconds since the epoch now.
    func now() -> Int64 { SystemClock.realtimeMicroseconds() }

    /// Microseconds since boot now, on the clock kernel log timestamps use.
    func monotonicNow() -> Int64 { SystemClock.monotonicMicroseconds() }

    /// Wall-clock time of a kernel monotonic timestamp (to within the clocks' drift).
    func realtime(ofMonotonic monotonic: UInt64) -> Int64 {
        now() - monotonicNow() + Int64(clamping: monotonic)
    }
}
