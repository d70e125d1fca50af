/// `dmesg` output: `[ 1234.567890] text`, `[Fri Apr 17 19:55:54 2026] text` (`-T`),
/// `2024-01-02T03:04:05,123456+01:00 text` (`--time-format iso`) and `<6>[ 1234.567890] text` (`-r`).
enum DmesgLineParser {
    /// A line starting with a dmesg timestamp. A `[ 1234.567890] host ident[pid]: ` line is
    /// journalctl `short-monotonic` instead, and a `[  1356.287] (EE) ` line (three decimals) a
    /// program's own log.
    static func parse(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        guard let stamp = DmesgStamp.scan(&cursor, time: line.time) else { return nil }
        if let monotonic = stamp.monotonic,
            let journal = SyslogLineParser.parseMonotonic(line, monotonic: monotonic, after: cursor)
        {
            return journal
        }
        if stamp.format == .dmesg, ProgramStampLine.follows(cursor) {
            return record(line, from: cursor, stamp: stamp, format: .plain, origin: .userspace)
        }
        return record(line, from: cursor, stamp: stamp)
    }

    /// `<6>[ 1234.567890] text` (`dmesg -r`): the raw syslog priority, then the stamp.
    static func parseRaw(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        guard cursor.consume(ByteClass.lessThan), let priority = cursor.number(maxDigits: 4),
            cursor.consume(ByteClass.greaterThan), let stamp = DmesgStamp.scan(&cursor, time: line.time)
        else { return nil }
        var record = record(line, from: cursor, stamp: stamp, origin: priority >> 3 == 0 ? .kernel : .userspace)
        record.priority = Int(priority & 7)
        return record
    }

    /// The record for a dmesg line whose prefix ends at `cursor`. A `[T1234] ` caller id (kernels with
    /// `CONFIG_PRINTK_CALLER`) is not part of the message and is skipped.
    static func record(
        _ line: LineInput,
        from cursor: ByteCursor,
        stamp: DmesgStamp?,
        format: LogFormat? = nil,
        origin: RecordOrigin = .kernel
    ) -> LogRecord {
        var cursor = cursor
        skipCallerID(&cursor)
        return LogRecord(
            text: TextDecoding.string(cursor.rest),
            origin: origin,
            format: format ?? stamp?.format ?? .dmesg,
            location: line.location,
            monotonicMicroseconds: stamp?.monotonic,
            realtimeMicroseconds: stamp?.realtime
        )
    }

    /// `[T1234] ` or `[  C3] `.
    private static func skipCallerID(_ cursor: inout ByteCursor) {
        let start = cursor.index
        guard cursor.consume(ByteClass.openBracket) else { return }
        cursor.skip(ByteClass.space)
        if cursor.consume(UInt8(ascii: "T")) || cursor.consume(UInt8(ascii: "C")), cursor.number(maxDigits: 10) != nil,
            cursor.consume(ByteClass.closeBracket), cursor.consume(ByteClass.space)
        {
            return
        }
        cursor.index = start
    }
}
