extension KernelLogCoverageDetail {
    /// One sentence naming what was read and what is missing, e.g. "kernel log read 2025-11-20
    /// 08:00:00–09:12:00 UTC; the incident at 2025-12-05 14:03:00 UTC is after its last line".
    package var explanation: String {
        let at = "the incident at \(Self.text(time))"
        let spans = read.map(Self.text).joined(separator: ", ")
        switch reason {
        case nil: return "kernel log read \(spans), which holds \(at)"
        case .nothingRead: return "no kernel log was read"
        case .permissionDenied:
            return "a kernel log exists but this user may not read it: " + access.joined(separator: "; ")
        case .incidentTimeUnknown:
            return "kernel log read \(spans), but the incident has no timestamp, so it cannot be placed in it; "
                + "an application log with timestamps (`journalctl -o short-iso`, or timestamped output) would align them"
        case .noSharedClock:
            return "kernel log read \(spans), but \(at) shares no clock with it (relative `dmesg` times count from "
                + "boot); `dmesg -T` or `journalctl -k -o short-iso` output, or an application log with boot-relative "
                + "times, would align them"
        case .otherBoot: return "the kernel log read (\(spans)) is of another boot than \(at)"
        case .beforeRead: return "kernel log read \(spans); \(at) is before its first line\(missingText)"
        case .afterRead: return "kernel log read \(spans); \(at) is after its last line\(missingText)"
        case .betweenReads: return "kernel log read \(spans); \(at) falls between them\(missingText)"
        case .linesLost:
            return "kernel log lines were lost (\(lossReason ?? "lost"))\(missingText.isEmpty ? "" : missingText) "
                + "around \(at)"
        }
    }

    private var missingText: String {
        missing.map { "; not read: \(Self.range($0.from, $0.to))" } ?? ""
    }

    /// `2025-11-20 08:00:00 UTC–09:12:00 UTC (kmsg)`.
    package static func text(_ span: KernelLogCoverageSpan) -> String {
        let range = range(span.from, span.to)
        return span.source.map { "\(range) (\($0))" } ?? range
    }

    /// `2025-11-20 08:00:00 UTC–09:12:00 UTC`, or `... until now` for an open end.
    package static func range(_ from: EventTime, _ to: EventTime?) -> String {
        guard let to else { return "\(text(from)) until now" }
        if from == to { return text(from) }
        let start = text(from)
        let end = text(to)
        if let first = from.realtimeMicroseconds, let last = to.realtimeMicroseconds,
            CivilTime.floorDay(first) == CivilTime.floorDay(last)
        {
            return "\(start)–\(CivilTime.utcClock(last))"
        }
        return "\(start)–\(end)"
    }

    /// `2025-11-20 08:00:00 UTC`, or `1234.567890 s after boot` on the monotonic clock alone.
    static func text(_ time: EventTime) -> String {
        if let realtime = time.realtimeMicroseconds { return CivilTime.utcText(realtime) }
        if let monotonic = time.monotonicMicroseconds {
            let fraction = String(monotonic % 1_000_000)
            return
                "\(monotonic / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction) s after boot"
        }
        return "an unknown time"
    }
}

extension CivilTime {
    static func floorDay(_ microseconds: Int64) -> Int64 {
        let seconds =
            microseconds >= 0 ? microseconds / microsecondsPerSecond : (microseconds + 1) / microsecondsPerSecond - 1
        return seconds >= 0 ? seconds / secondsPerDay : (seconds + 1) / secondsPerDay - 1
    }

    /// `2025-11-20 08:00:00 UTC`.
    static func utcText(_ microseconds: Int64) -> String {
        let day = floorDay(microseconds)
        let (year, month) = yearAndMonth(days: day)
        let dayOfMonth = day - days(year: year, month: month, day: 1) + 1
        return "\(year)-\(twoDigits(month))-\(twoDigits(Int(dayOfMonth))) \(utcClock(microseconds))"
    }

    /// `08:00:00 UTC`.
    static func utcClock(_ microseconds: Int64) -> String {
        let seconds =
            microseconds >= 0 ? microseconds / microsecondsPerSecond : (microseconds + 1) / microsecondsPerSecond - 1
        let inDay = Int(seconds - floorDay(microseconds) * secondsPerDay)
        return "\(twoDigits(inDay / 3600)):\(twoDigits(inDay / 60 % 60)):\(twoDigits(inDay % 60)) UTC"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
