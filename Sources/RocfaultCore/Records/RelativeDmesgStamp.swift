/// The stamps of `dmesg -H` / `--reltime` and `--time-format delta`, which carry no usable time on
/// their own: `[Apr17 19:55]` (printed when the minute changes), `[  +0.000012]`, `[<    0.000123>]`.
/// Recognising them keeps such lines kernel lines.
enum RelativeDmesgStamp {
    /// Consumes one of the stamps; false (nothing consumed) otherwise.
    static func scan(_ cursor: inout ByteCursor) -> Bool {
        let start = cursor.index
        guard cursor.consume(ByteClass.openBracket) else { return false }
        if scanDelta(&cursor) || scanShortClock(&cursor), cursor.consume(ByteClass.closeBracket) { return true }
        cursor.index = start
        return false
    }

    /// `  +0.000012` or `<    0.000123>`.
    private static func scanDelta(_ cursor: inout ByteCursor) -> Bool {
        let start = cursor.index
        let angled = cursor.consume(ByteClass.lessThan)
        cursor.skip(ByteClass.space)
        let signed = cursor.consume(ByteClass.plus) || cursor.consume(ByteClass.hyphen)
        if angled || signed, cursor.number(maxDigits: 12) != nil, cursor.consume(ByteClass.period),
            cursor.fractionMicroseconds() != nil, !angled || cursor.consume(ByteClass.greaterThan)
        {
            return true
        }
        cursor.index = start
        return false
    }

    /// `Apr17 19:55`.
    private static func scanShortClock(_ cursor: inout ByteCursor) -> Bool {
        let start = cursor.index
        if let name = cursor.word3(), CivilTime.month(named: name) != nil, cursor.fixedDigits(2) != nil,
            cursor.consume(ByteClass.space), cursor.fixedDigits(2) != nil, cursor.consume(ByteClass.colon),
            cursor.fixedDigits(2) != nil
        {
            return true
        }
        cursor.index = start
        return false
    }
}
