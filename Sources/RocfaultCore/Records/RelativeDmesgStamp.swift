/// The stamps of `dmesg -H` / `--reltime` and `--time-format delta`: `[Apr17 19:55]` (printed when
/// the minute changes; local time to the minute, without a year), `[  +0.000012]` and
/// `[<    0.000123>]` (no time of their own). Recognising them keeps such lines kernel lines.
enum RelativeDmesgStamp {
    /// Consumes one of the stamps; nil (nothing consumed) otherwise. The wall time is set for
    /// `[Apr17 19:55]`, with the year chosen as for syslog lines.
    static func scan(_ cursor: inout ByteCursor, time: TimeContext) -> DmesgStamp? {
        let start = cursor.index
        guard cursor.consume(ByteClass.openBracket) else { return nil }
        if scanDelta(&cursor), cursor.consume(ByteClass.closeBracket) { return DmesgStamp(format: .dmesg) }
        if let clock = scanShortClock(&cursor), cursor.consume(ByteClass.closeBracket) {
            return DmesgStamp(realtime: clock.realtimeMicroseconds(in: time), format: .dmesg)
        }
        cursor.index = start
        return nil
    }

    /// `  +0.000012` or `<    0.000123>`; locales with a decimal comma print `+0,000012`.
    private static func scanDelta(_ cursor: inout ByteCursor) -> Bool {
        let start = cursor.index
        let angled = cursor.consume(ByteClass.lessThan)
        cursor.skip(ByteClass.space)
        let signed = cursor.consume(ByteClass.plus) || cursor.consume(ByteClass.hyphen)
        if angled || signed, cursor.number(maxDigits: 12) != nil,
            cursor.consume(ByteClass.period) || cursor.consume(ByteClass.comma),
            cursor.fractionMicroseconds() != nil, !angled || cursor.consume(ByteClass.greaterThan)
        {
            return true
        }
        cursor.index = start
        return false
    }

    /// `Apr17 19:55`, in any locale (`Dez26 08:58`, `12月 6 08:58`).
    private static func scanShortClock(_ cursor: inout ByteCursor) -> SyslogTimestamp? {
        let start = cursor.index
        if let month = MonthName.scan(&cursor), let day = cursor.dayOfMonth(), cursor.consume(ByteClass.space),
            let hour = cursor.fixedDigits(2), cursor.consume(ByteClass.colon), let minute = cursor.fixedDigits(2)
        {
            return SyslogTimestamp(month: month, day: day, hour: hour, minute: minute, second: 0)
        }
        cursor.index = start
        return nil
    }
}
