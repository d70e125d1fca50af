/// The timestamp at the start of a `dmesg` line in any of the layouts util-linux prints:
/// `[ 1234.567890]` (default), `[Fri Apr 17 19:55:54 2026]` (`-T`, local time) or
/// `2024-01-02T03:04:05,123456+01:00` (`--time-format iso`), or a relative stamp (`-H`, `-d`)
/// that gives no time.
struct DmesgStamp {
    /// Seconds since boot, in microseconds, for the default layout.
    var monotonic: UInt64?
    /// Wall-clock time, in microseconds since the epoch, for the `-T` and ISO layouts.
    var realtime: Int64?
    /// Which layout it was.
    var format: LogFormat

    /// Consumes a stamp and the space after it (or reaches the end of the line); nil (nothing
    /// consumed) otherwise. The kernel's console puts the caller id right after the stamp, with no
    /// space (`[1854229.290017][T4056360] text`, `CONFIG_PRINTK_CALLER`): that stamp stops before it.
    static func scan(_ cursor: inout ByteCursor, time: TimeContext) -> DmesgStamp? {
        let start = cursor.index
        if let stamp = scanStamp(&cursor, time: time),
            cursor.isAtEnd || cursor.consume(ByteClass.space) || (stamp.format == .dmesg && callerIDFollows(cursor))
        {
            return stamp
        }
        cursor.index = start
        return nil
    }

    /// Whether a caller id (`[T1234]`, `[C3]`) starts at the cursor.
    private static func callerIDFollows(_ cursor: ByteCursor) -> Bool {
        var cursor = cursor
        guard cursor.consume(ByteClass.openBracket) else { return false }
        cursor.skip(ByteClass.space)
        return (cursor.consume(UInt8(ascii: "T")) || cursor.consume(UInt8(ascii: "C")))
            && cursor.number(maxDigits: 10) != nil && cursor.consume(ByteClass.closeBracket)
    }

    private static func scanStamp(_ cursor: inout ByteCursor, time: TimeContext) -> DmesgStamp? {
        if let monotonic = MonotonicStamp.scan(&cursor) {
            return DmesgStamp(monotonic: monotonic, format: .dmesg)
        }
        if let civil = scanBracketedCtime(&cursor) {
            let realtime = civil.realtimeMicroseconds(utcOffsetSeconds: time.utcOffsetSeconds)
            return DmesgStamp(realtime: realtime, format: .dmesgCtime)
        }
        let isoStart = cursor.index
        if let iso = ISOTimestamp.scan(&cursor), iso.fractionSeparator == ByteClass.comma {
            let realtime = iso.realtimeMicroseconds(fallbackOffset: time.utcOffsetSeconds)
            return DmesgStamp(realtime: realtime, format: .dmesgISO)
        }
        cursor.index = isoStart
        return RelativeDmesgStamp.scan(&cursor, time: time)
    }

    private static func scanBracketedCtime(_ cursor: inout ByteCursor) -> CivilDateTime? {
        let start = cursor.index
        if cursor.consume(ByteClass.openBracket), let civil = CtimeTimestamp.scan(&cursor),
            cursor.consume(ByteClass.closeBracket)
        {
            return civil
        }
        cursor.index = start
        return nil
    }
}
