/// A wall-clock date and time as printed in a log line, before any time-zone conversion.
struct CivilDateTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// Microseconds within the second.
    var microsecond: Int64 = 0

    /// Whether every field is in range (a leap second `:60` is accepted).
    var isValid: Bool {
        (1...9999).contains(year) && (1...12).contains(month) && (1...31).contains(day)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
    }

    /// Microseconds since the Unix epoch, reading the fields as a time `utcOffsetSeconds` east of UTC.
    func realtimeMicroseconds(utcOffsetSeconds: Int) -> Int64 {
        let days = CivilTime.days(year: year, month: month, day: day)
        let seconds = days * CivilTime.secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
        return (seconds - Int64(utcOffsetSeconds)) * CivilTime.microsecondsPerSecond + microsecond
    }
}
