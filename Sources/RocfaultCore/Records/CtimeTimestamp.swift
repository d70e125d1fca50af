/// The `Fri Apr 17 19:55:54 2026` local-time stamp `dmesg -T` prints inside brackets, in any
/// locale: the weekday may be any word (`qua`, `Do`), the month any name `MonthName` knows.
enum CtimeTimestamp {
    /// Consumes a stamp and returns its fields; nil (nothing consumed) when there is no valid one.
    static func scan(_ cursor: inout ByteCursor) -> CivilDateTime? {
        let start = cursor.index
        if let civil = scanFields(&cursor), civil.isValid { return civil }
        cursor.index = start
        return nil
    }

    private static func scanFields(_ cursor: inout ByteCursor) -> CivilDateTime? {
        guard MonthName.scanWord(&cursor), cursor.consume(ByteClass.space), let month = MonthName.scan(&cursor),
            cursor.consume(ByteClass.space), let day = cursor.dayOfMonth(), cursor.consume(ByteClass.space),
            let clock = cursor.clockTime(), cursor.consume(ByteClass.space), let year = cursor.fixedDigits(4)
        else { return nil }
        return CivilDateTime(
            year: year,
            month: month,
            day: day,
            hour: clock.hour,
            minute: clock.minute,
            second: clock.second
        )
    }
}
