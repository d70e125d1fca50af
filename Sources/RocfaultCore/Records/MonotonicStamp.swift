/// The `[ 1234.567890]` seconds-since-boot stamp of `dmesg`, syslog kernel lines and journalctl
/// `short-monotonic`, also with the delta `dmesg -d` and journalctl `short-delta` add
/// (`[ 1234.567890 <    0.000123>]`). Seconds since boot stay below 10^9 (31 years of uptime);
/// a bracketed `[1704917108.050189]` is a program's Unix time (UCX, many loggers), not the kernel's.
enum MonotonicStamp {
    /// The first number of seconds that cannot be time since boot.
    static let secondsLimit: UInt64 = 1_000_000_000

    /// Consumes a bracketed stamp and returns it in microseconds; nil (nothing consumed) otherwise.
    static func scan(_ cursor: inout ByteCursor) -> UInt64? {
        let start = cursor.index
        guard cursor.consume(ByteClass.openBracket) else { return nil }
        cursor.skip(ByteClass.space)
        if let seconds = cursor.number(maxDigits: 12), seconds < secondsLimit, cursor.consume(ByteClass.period),
            let micro = cursor.fractionMicroseconds(), skipDelta(&cursor), cursor.consume(ByteClass.closeBracket)
        {
            return seconds * 1_000_000 + UInt64(micro)
        }
        cursor.index = start
        return nil
    }

    /// ` <    0.000123>`, ` <    0.000123 >`, ` <    0.000123*>` or padding spaces; true when there
    /// is none.
    private static func skipDelta(_ cursor: inout ByteCursor) -> Bool {
        cursor.skip(ByteClass.space)
        guard cursor.consume(ByteClass.lessThan) else { return true }
        _ = cursor.take(upTo: 32) { $0 != ByteClass.greaterThan && $0 != ByteClass.closeBracket }
        guard cursor.consume(ByteClass.greaterThan) else { return false }
        cursor.skip(ByteClass.space)
        return true
    }
}
