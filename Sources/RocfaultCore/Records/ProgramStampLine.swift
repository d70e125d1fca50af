/// A line whose bracketed seconds stamp looks like dmesg's but has three decimals: a program's own
/// log, never the kernel's. The kernel always prints six (`[%5lu.%06lu]`); programs that stamp their
/// lines with milliseconds on the monotonic clock print three: the X server's log (`Xorg.0.log`,
/// `[  1356.287] (EE) text`, `[%10.3f]`) and Perfetto's tracing messages (`[830.385]
/// perfetto.cc:47304 ...`, ROCm's profilers).
enum ProgramStampLine {
    /// Whether the bracketed stamp that ends before `cursor` has exactly three decimals.
    static func follows(_ cursor: ByteCursor) -> Bool {
        stampDecimals(before: cursor) == 3
    }

    /// The number of digits between the stamp's period and its `]`, looking back from `cursor`.
    private static func stampDecimals(before cursor: ByteCursor) -> Int {
        var position = cursor.index - 1
        while position >= 0, cursor.bytes[position] != ByteClass.closeBracket { position -= 1 }
        position -= 1
        var digits = 0
        while position >= 0, ByteClass.isDigit(cursor.bytes[position]) {
            digits += 1
            position -= 1
        }
        return position >= 0 && cursor.bytes[position] == ByteClass.period ? digits : 0
    }
}
