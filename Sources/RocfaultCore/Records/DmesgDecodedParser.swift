/// `dmesg -x` output: `kern  :err   : [ 1234.567890] text`. The facility name decides the origin
/// (`kern` is the kernel, anything else a process writing to `/dev/kmsg`), the level name the
/// priority; the timestamp may be in any dmesg layout or absent (`-t`). `talosctl dmesg` prints the
/// same fields padded the other way (`kern:    err: `) with an ISO stamp (`[...Z]: `); socklog (Void
/// Linux's syslog, read with svlogd) joins them with a period (`kern.err: `).
enum DmesgDecodedParser {
    private static let facilities: [[UInt8]] = [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "res0", "res1", "res2", "res3", "local0", "local1", "local2", "local3", "local4", "local5", "local6",
        "local7",
    ].map { Array($0.utf8) }

    private static let levels: [[UInt8]] = [
        "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
    ].map { Array($0.utf8) }

    /// Talos spells `warn` out.
    private static let warning: [UInt8] = Array("warning".utf8)

    /// The record, or nil when the line does not start with a decoded facility and level.
    static func parse(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        guard let facility = name(from: facilities, &cursor),
            cursor.consume(ByteClass.period) || (separator(&cursor) && cursor.skip(ByteClass.space) >= 0),
            let level = name(from: levels, &cursor) ?? (cursor.consume(warning) ? 4 : nil), separator(&cursor),
            cursor.isAtEnd || cursor.consume(ByteClass.space)
        else { return nil }
        let stamp = DmesgStamp.scan(&cursor, time: line.time) ?? talosStamp(&cursor, time: line.time)
        var record = DmesgLineParser.record(
            line,
            from: cursor,
            stamp: stamp,
            format: .dmesgDecoded,
            origin: facility == 0 ? .kernel : .userspace
        )
        record.priority = level
        return record
    }

    /// `[2026-01-06T19:44:54.899360477Z]: ` as `talosctl dmesg` prints it after the level.
    private static func talosStamp(_ cursor: inout ByteCursor, time: TimeContext) -> DmesgStamp? {
        let start = cursor.index
        if cursor.consume(ByteClass.openBracket), let iso = ISOTimestamp.scan(&cursor),
            cursor.consume(ByteClass.closeBracket), cursor.consume(ByteClass.colon),
            cursor.isAtEnd || cursor.consume(ByteClass.space)
        {
            return DmesgStamp(
                realtime: iso.realtimeMicroseconds(fallbackOffset: time.utcOffsetSeconds),
                format: .dmesgDecoded
            )
        }
        cursor.index = start
        return nil
    }

    /// The index of the name in `names` the cursor is at; the longest match wins (`local1` over
    /// nothing, `authpriv` over `auth`).
    private static func name(from names: [[UInt8]], _ cursor: inout ByteCursor) -> Int? {
        let start = cursor.index
        let word = cursor.take(upTo: 8) { ByteClass.isLower($0) || ByteClass.isDigit($0) }
        if let index = names.firstIndex(where: { $0.elementsEqual(cursor.slice(word)) }) { return index }
        cursor.index = start
        return nil
    }

    /// Padding spaces, then `:`.
    private static func separator(_ cursor: inout ByteCursor) -> Bool {
        cursor.skip(ByteClass.space)
        return cursor.consume(ByteClass.colon)
    }
}
