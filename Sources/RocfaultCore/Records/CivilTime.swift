/// Calendar arithmetic on the proleptic Gregorian calendar, without Foundation.
///
/// Log timestamps name a civil date and time; this turns them into Unix time and back. Month names
/// are `MonthName`'s.
enum CivilTime {
    static let secondsPerDay: Int64 = 86_400
    static let microsecondsPerSecond: Int64 = 1_000_000

    /// Days from 1970-01-01 to the given date (negative before it).
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        // Count years from March so the leap day is the last day of the counted year.
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil year and month (1-12) of a day counted from 1970-01-01.
    static func yearAndMonth(days: Int64) -> (year: Int, month: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let month = Int(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month)
    }

    /// The civil year and month of the local time at `realtimeMicroseconds` (UTC) under `utcOffsetSeconds`.
    static func localYearAndMonth(realtimeMicroseconds: Int64, utcOffsetSeconds: Int) -> (year: Int, month: Int) {
        let localSeconds = floorDivide(realtimeMicroseconds, microsecondsPerSecond) + Int64(utcOffsetSeconds)
        return yearAndMonth(days: floorDivide(localSeconds, secondsPerDay))
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
