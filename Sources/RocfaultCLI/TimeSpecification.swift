import Foundation

/// journalctl-style times for `--since` and `--until`: `2026-11-24 10:00[:05]`, `2026-11-24`,
/// `10:00` (today), `now`, `today`, `yesterday`, `tomorrow`, relative `-1h`, `+30min`, `-1h30min`,
/// `2 days ago`, and `@1764000000` (seconds since the epoch). Civil times are local unless they
/// end in ` UTC` or `Z`.
struct TimeSpecification: Sendable {
    let now: Date
    let timeZone: TimeZone

    struct Invalid: Error, CustomStringConvertible {
        let text: String
        var description: String {
            "'\(text)' is not a time; use e.g. '2026-11-24 10:00', 'today', 'yesterday', '-1h', '-30min' or '@1764000000'"
        }
    }

    /// Parses `text`.
    func parse(_ text: String) throws(Invalid) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = keyword(trimmed.lowercased()) ?? epoch(trimmed) ?? relative(trimmed) ?? civil(trimmed) {
            return date
        }
        throw Invalid(text: text)
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private func keyword(_ text: String) -> Date? {
        let midnight = calendar.startOfDay(for: now)
        switch text {
        case "now": return now
        case "today": return midnight
        case "yesterday": return calendar.date(byAdding: .day, value: -1, to: midnight)
        case "tomorrow": return calendar.date(byAdding: .day, value: 1, to: midnight)
        default: return nil
        }
    }

    private func epoch(_ text: String) -> Date? {
        guard text.hasPrefix("@"), let seconds = Double(text.dropFirst()), seconds.isFinite else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// `-1h30min`, `+5s`, `2 days ago`, `3h left`.
    private func relative(_ text: String) -> Date? {
        var body = Substring(text)
        var sign = 0.0
        if body.hasPrefix("-") {
            sign = -1
            body = body.dropFirst()
        } else if body.hasPrefix("+") {
            sign = 1
            body = body.dropFirst()
        } else if body.hasSuffix(" ago") {
            sign = -1
            body = body.dropLast(4)
        } else if body.hasSuffix(" left") {
            sign = 1
            body = body.dropLast(5)
        }
        guard sign != 0, let seconds = Self.duration(body) else { return nil }
        return now.addingTimeInterval(sign * seconds)
    }

    /// Seconds of `1h30min`, `2 days`, `90s`, `500ms`.
    static func duration(_ text: Substring) -> Double? {
        var total = 0.0
        var rest = text.drop(while: { $0 == " " })
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix(while: { $0.isNumber || $0 == "." })
            guard let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count).drop(while: { $0 == " " })
            let unit = rest.prefix(while: { $0.isLetter })
            rest = rest.dropFirst(unit.count).drop(while: { $0 == " " })
            guard let scale = unitSeconds(String(unit)) else { return nil }
            total += value * scale
        }
        return total
    }

    private static func unitSeconds(_ unit: String) -> Double? {
        switch unit {
        case "us", "usec": 0.000_001
        case "ms", "msec": 0.001
        case "", "s", "sec", "secs", "second", "seconds": 1
        case "m", "min", "mins", "minute", "minutes": 60
        case "h", "hr", "hrs", "hour", "hours": 3600
        case "d", "day", "days": 86400
        case "w", "week", "weeks": 604_800
        case "M", "month", "months": 2_629_800
        case "y", "year", "years": 31_557_600
        default: nil
        }
    }

    /// `2026-11-24 10:00:05.5`, `2026-11-24T10:00Z`, `2026-11-24`, `10:00`, each optionally ` UTC`.
    private func civil(_ text: String) -> Date? {
        var body = text
        var zone = timeZone
        for suffix in [" UTC", "Z", " Z"] where body.hasSuffix(suffix) {
            body.removeLast(suffix.count)
            zone = TimeZone(identifier: "UTC")!
        }
        let parts = body.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        guard (1...2).contains(parts.count) else { return nil }
        var components: DateComponents
        var clock: String?
        if let date = Self.dateComponents(parts[0]) {
            components = date
            clock = parts.count == 2 ? parts[1] : nil
        } else if parts.count == 1 {
            components = calendar.dateComponents([.year, .month, .day], from: now)
            clock = parts[0]
        } else {
            return nil
        }
        if let clock {
            guard let time = Self.clockComponents(clock) else { return nil }
            components.hour = time.hour
            components.minute = time.minute
            components.second = time.second
            components.nanosecond = time.nanosecond
        }
        var zoned = Calendar(identifier: .gregorian)
        zoned.timeZone = zone
        return zoned.date(from: components)
    }

    private static func dateComponents(_ text: String) -> DateComponents? {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, let year = Int(fields[0]), let month = Int(fields[1]),
            let day = Int(fields[2]), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
    }

    private static func clockComponents(_ text: String) -> DateComponents? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), let hour = Int(fields[0]), let minute = Int(fields[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        var components = DateComponents(hour: hour, minute: minute, second: 0, nanosecond: 0)
        if fields.count == 3 {
            guard let seconds = Double(fields[2]), (0..<61).contains(seconds) else { return nil }
            components.second = Int(seconds)
            components.nanosecond = Int((seconds - Double(Int(seconds))) * 1e9)
        }
        return components
    }
}
