/// Raw `/dev/kmsg` records: `prio,seq,usec,flags[,more];text`, each possibly followed by
/// continuation lines ` KEY=value` (`SUBSYSTEM=`, `DEVICE=`) that describe the record.
///
/// `prio` is `facility * 8 + level`. Facility 0 is the kernel; processes writing to `/dev/kmsg`
/// (systemd in early boot, for one) get facility 1 or more. The text escapes bytes that are not
/// printable ASCII, and the backslash, as `\xNN`.
enum KmsgLineParser {
    /// The record, or nil when the line is not a kmsg record header.
    static func parse(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        guard let priority = cursor.number(maxDigits: 4), cursor.consume(ByteClass.comma),
            let sequence = cursor.number(maxDigits: 19), cursor.consume(ByteClass.comma),
            let microseconds = cursor.number(maxDigits: 19), cursor.consume(ByteClass.comma),
            skipFlags(&cursor)
        else { return nil }
        return LogRecord(
            text: TextDecoding.kmsgUnescaped(cursor.rest),
            origin: priority >> 3 == 0 ? .kernel : .userspace,
            format: .kmsg,
            location: line.location,
            monotonicMicroseconds: microseconds,
            priority: Int(priority & 7),
            kmsgSequence: sequence
        )
    }

    /// Whether the line is a ` KEY=value` continuation of the record before it.
    static func isContinuation(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var cursor = ByteCursor(bytes)
        guard cursor.consume(ByteClass.space) else { return false }
        let key = cursor.take(upTo: 64, while: ByteClass.isFieldName)
        return !key.isEmpty && cursor.consume(ByteClass.equals)
    }

    /// The flags (`-`, `c`, `+`) and optional fields (`caller=T123`) up to and including `;`.
    private static func skipFlags(_ cursor: inout ByteCursor) -> Bool {
        let fields = cursor.take(upTo: 64) { $0 > ByteClass.space && $0 != ByteClass.semicolon && $0 < 0x7F }
        return !fields.isEmpty && cursor.consume(ByteClass.semicolon)
    }
}
