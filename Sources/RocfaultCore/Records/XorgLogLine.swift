/// A line of the X server's own log (`Xorg.0.log`, pasted from `~/.local/share/xorg/`):
/// `[  1356.287] (EE) text`. Its stamp looks like dmesg's, but the server prints it with three
/// decimals (`[%10.3f]`, its milliseconds on the monotonic clock) where the kernel always prints six,
/// and a verbosity marker (`(EE)`, `(II)`, `(WW)`, ...) follows it. Such a line is the X server's,
/// never the kernel's.
enum XorgLogLine {
    /// The markers `xf86` log calls put before the message (X11's `MessageType` names).
    static let markers: [[UInt8]] = ["(EE)", "(II)", "(WW)", "(==)", "(--)", "(**)", "(++)", "(!!)", "(NI)", "(??)"]
        .map { Array($0.utf8) }

    /// Whether the bracketed stamp that ends before `cursor` has three decimals and a marker
    /// starts at `cursor` (followed by a space or the end of the line).
    static func follows(_ cursor: ByteCursor) -> Bool {
        let marked = markers.contains { marker in
            var after = cursor
            return after.consume(marker) && (after.isAtEnd || after.current == ByteClass.space)
        }
        return marked && stampDecimals(before: cursor) == 3
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
