import RocfaultCore

#if canImport(Glibc)
import Glibc
#endif

extension TimeContext {
    /// The real clock and the local time zone's current UTC offset.
    static func now() -> TimeContext {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var local = tm()
        localtime_r(&seconds, &local)
        return TimeContext(
            referenceRealtimeMicroseconds: Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000,
            utcOffsetSeconds: Int(local.tm_gmtoff)
        )
    }
}
