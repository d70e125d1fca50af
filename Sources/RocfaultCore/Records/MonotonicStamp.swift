/// The `[ 1234.567890]` seconds-since-boot stamp of `dmesg`, syslog kernel lines and journalctl
/// `short-monotonic`.
enum MonotonicStamp {
    /// Consumes a bracketed stamp and returns it in microseconds; nil (nothing consumed) otherwise.
    static func scan(_ cursor: inout ByteCursor) -> UInt64? {
        let start = cursor.index
        guard cursor.consume(ByteClass.openBracket) else { return nil }
        cursor.skip(ByteClass.space)
        if let seconds = cursor.number(maxDigits: 12), cursor.consume(ByteClass.period),
            let micro = cursor.fractionMicroseconds(), cursor.consume(ByteClass.closeBracket)
        {
            return seconds * 1_000_000 + UInt64(micro)
        }
        cursor.index = start
        return nil
    }
}
