import Foundation

/// Local times for tables: `2026-11-24 10:00:05`.
enum LocalTime {
    static func text(microseconds: Int64?) -> String {
        guard let microseconds else { return "-" }
        var seconds = time_t(microseconds / 1_000_000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func text(_ date: Date?) -> String {
        text(microseconds: date.map { Int64($0.timeIntervalSince1970 * 1_000_000) })
    }

    /// `3 s`, `4 min`, `2 h`, `5 d`.
    static func age(seconds: Double) -> String {
        let value = max(0, seconds)
        if value < 120 { return "\(Int(value)) s" }
        if value < 7200 { return "\(Int(value / 60)) min" }
        if value < 172_800 { return "\(Int(value / 3600)) h" }
        return "\(Int(value / 86400)) d"
    }
}
