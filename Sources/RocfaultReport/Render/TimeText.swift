#if canImport(Glibc)
import Glibc
#endif

/// Formats times for report files: UTC, ISO 8601, independent of the locale.
package enum TimeText {
    /// `2025-10-09T08:53:20.123456Z`.
    package static func utc(microseconds: Int64) -> String {
        let seconds = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
        let fraction = microseconds - seconds * 1_000_000
        return date(seconds: seconds, format: "%Y-%m-%dT%H:%M:%S") + "." + padded(fraction, 6) + "Z"
    }

    /// `2025-10-09T08:53:20Z`.
    package static func utcSeconds(microseconds: Int64) -> String {
        date(seconds: microseconds / 1_000_000, format: "%Y-%m-%dT%H:%M:%SZ")
    }

    /// `2025-10-09`.
    package static func day(microseconds: Int64) -> String {
        date(seconds: microseconds / 1_000_000, format: "%Y-%m-%d")
    }

    /// `[ 1000.000000]`, the kernel's own stamp.
    package static func monotonic(microseconds: UInt64) -> String {
        let seconds = String(microseconds / 1_000_000)
        let padding = String(repeating: " ", count: max(0, 5 - seconds.count))
        return "[" + padding + seconds + "." + padded(Int64(microseconds % 1_000_000), 6) + "]"
    }

    private static func date(seconds: Int64, format: String) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
