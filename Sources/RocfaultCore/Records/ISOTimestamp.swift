/// An ISO 8601 timestamp as printed by `dmesg --time-format iso`
/// (`2024-01-02T03:04:05,123456+01:00`) and journalctl `short-iso` / `short-iso-precise`
/// (`2024-01-02T03:04:05+0100`, `2024-01-02T03:04:05.123456+01:00`, `...Z`).
struct ISOTimestamp {
    /// The date and time as written.
    var civil: CivilDateTime
    /// The byte between seconds and fraction (`,` for dmesg, `.` for journalctl), nil without fraction.
    var fractionSeparator: UInt8?
    /// The offset east of UTC the stamp carries, nil when it carries none.
    var utcOffsetSeconds: Int?

    /// Consumes a stamp; nil (nothing consumed) when the line does not start with a valid one.
    static func scan(_ cursor: inout ByteCursor) -> ISOTimestamp? {
        scan(&cursor, dateTimeSeparators: isoSeparator)
    }

    /// ISO 8601's `T` between date and time.
    static let isoSeparator: [UInt8] = [UInt8(ascii: "T")]

    /// Consumes a stamp whose date and time are joined by one of `dateTimeSeparators` (svlogd's
    /// `-tt` stamps join them with `_`).
    static func scan(_ cursor: inout ByteCursor, dateTimeSeparators: [UInt8]) -> ISOTimestamp? {
        let start = cursor.index
        if let stamp = scanFields(&cursor, dateTimeSeparators: dateTimeSeparators), stamp.civil.isValid {
            return stamp
        }
        cursor.index = start
        return nil
    }

    /// Microseconds since the epoch, using `fallbackOffset` when the stamp has no offset.
    func realtimeMicroseconds(fallbackOffset: Int) -> Int64 {
        civil.realtimeMicroseconds(utcOffsetSeconds: utcOffsetSeconds ?? fallbackOffset)
    }

    private static func scanFields(_ cursor: inout ByteCursor, dateTimeSeparators: [UInt8]) -> ISOTimestamp? {
        guard let year = cursor.fixedDigits(4), cursor.consume(ByteClass.hyphen),
            let month = cursor.fixedDigits(2), cursor.consume(ByteClass.hyphen),
            let day = cursor.fixedDigits(2), let separator = cursor.current, dateTimeSeparators.contains(separator),
            cursor.consume(separator), let clock = cursor.clockTime()
        else { return nil }
        var stamp = ISOTimestamp(
            civil: CivilDateTime(
                year: year,
                month: month,
                day: day,
                hour: clock.hour,
                minute: clock.minute,
                second: clock.second
            )
        )
        if let separator = cursor.current, separator == ByteClass.period || separator == ByteClass.comma {
            cursor.index += 1
            guard let micro = cursor.fractionMicroseconds() else { return nil }
            stamp.civil.microsecond = micro
            stamp.fractionSeparator = separator
        }
        stamp.utcOffsetSeconds = scanOffset(&cursor)
        return stamp
    }

    /// `Z`, `+hh:mm`, `+hhmm` or `+hh` (and `-`).
    private static func scanOffset(_ cursor: inout ByteCursor) -> Int? {
        if cursor.consume(UInt8(ascii: "Z")) { return 0 }
        guard let sign = cursor.current, sign == ByteClass.plus || sign == ByteClass.hyphen else { return nil }
        let start = cursor.index
        cursor.index += 1
        guard let hours = cursor.fixedDigits(2), hours <= 23 else {
            cursor.index = start
            return nil
        }
        let colonStart = cursor.index
        let hasColon = cursor.consume(ByteClass.colon)
        var minutes = cursor.fixedDigits(2) ?? 0
        if minutes > 59 || (hasColon && cursor.index == colonStart + 1) {
            cursor.index = colonStart
            minutes = 0
        }
        let magnitude = hours * 3600 + minutes * 60
        return sign == ByteClass.hyphen ? -magnitude : magnitude
    }
}
