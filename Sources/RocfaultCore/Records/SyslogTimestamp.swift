/// The `Oct  7 12:58:23` (syslog, journalctl `short`) or `Aug 05 08:56:22.546876` (`short-precise`)
/// timestamp: local time without a year, with the month named in any locale `MonthName` knows
/// (`Dez 26`, `nov 04`, `12月 01`).
struct SyslogTimestamp {
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// The microseconds, when the stamp has a fraction (`short-precise`).
    var microsecond: Int64?

    /// Consumes a stamp; nil (nothing consumed) when the line does not start with one.
    static func scan(_ cursor: inout ByteCursor) -> SyslogTimestamp? {
        let start = cursor.index
        if let stamp = scanFields(&cursor) { return stamp }
        cursor.index = start
        return nil
    }

    private static func scanFields(_ cursor: inout ByteCursor) -> SyslogTimestamp? {
        guard let month = MonthName.scan(&cursor), cursor.consume(ByteClass.space), let day = cursor.dayOfMonth(),
            cursor.consume(ByteClass.space), let clock = cursor.clockTime()
        else { return nil }
        var stamp = SyslogTimestamp(
            month: month,
            day: day,
            hour: clock.hour,
            minute: clock.minute,
            second: clock.second
        )
        if cursor.current == ByteClass.period {
            cursor.index += 1
            guard let micro = cursor.fractionMicroseconds() else { return nil }
            stamp.microsecond = micro
        }
        return stamp
    }

    /// Microseconds since the epoch. The year is not in the line: it is the reference time's local
    /// year, or the year before when the month lies after the reference month (a log from December
    /// read in January). Nil when a field is out of range.
    func realtimeMicroseconds(in context: TimeContext) -> Int64? {
        let reference = CivilTime.localYearAndMonth(
            realtimeMicroseconds: context.referenceRealtimeMicroseconds,
            utcOffsetSeconds: context.utcOffsetSeconds
        )
        let year = month > reference.month ? reference.year - 1 : reference.year
        let civil = CivilDateTime(
            year: year,
            month: month,
            day: day,
            hour: hour,
            minute: minute,
            second: second,
            microsecond: microsecond ?? 0
        )
        guard civil.isValid else { return nil }
        return civil.realtimeMicroseconds(utcOffsetSeconds: context.utcOffsetSeconds)
    }
}
