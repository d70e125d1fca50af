import RocfaultCore
import RocfaultPlatform

#if canImport(Glibc)
import Glibc
#endif

extension TimeContext {
    /// The real clock and the local time zone's current UTC offset.
    static func now() -> TimeContext {
        let microseconds = SystemClock.realtimeMicroseconds()
        var seconds = time_t(microseconds / 1_000_000)
        var local = tm()
        localtime_r(&seconds, &local)
        return TimeContext(
            referenceRealtimeMicroseconds: microseconds,
            utcOffsetSeconds: Int(local.tm_gmtoff)
        )
    }
}
