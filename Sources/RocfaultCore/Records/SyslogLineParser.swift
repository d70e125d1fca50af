/// Lines in the journalctl `short` family and classic (r)syslog files:
/// `TIMESTAMP [host] ident[pid]: text`.
enum SyslogLineParser {
    /// `Oct  7 12:58:23 host ident[pid]: text` (`short`, syslog, rsyslog) and
    /// `Aug 05 08:56:22.546876 host ident[pid]: text` (`short-precise`).
    static func parseShort(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        guard let stamp = SyslogTimestamp.scan(&cursor), let realtime = stamp.realtimeMicroseconds(in: line.time),
            cursor.consume(ByteClass.space)
        else { return nil }
        let format: LogFormat = stamp.microsecond == nil ? .journalShort : .journalShortPrecise
        return record(line, SyslogHeader.scanLenient(cursor), format: format, realtime: realtime)
    }

    /// `2024-01-02T03:04:05[.123456]+01:00 host ident[pid]: text` (`short-iso`, `short-iso-precise`,
    /// rsyslog's ISO file format), given the stamp already read. Nil without an identifier.
    static func parseISO(_ line: LineInput, stamp: ISOTimestamp, after cursor: ByteCursor) -> LogRecord? {
        var cursor = cursor
        guard cursor.consume(ByteClass.space) else { return nil }
        let header = SyslogHeader.scanLenient(cursor)
        guard header.identifier != nil else { return nil }
        let realtime = stamp.realtimeMicroseconds(fallbackOffset: line.time.utcOffsetSeconds)
        return record(line, header, format: .journalShortISO, realtime: realtime)
    }

    /// `[ 1234.567890] host ident[pid]: text` (`short-monotonic`), given the stamp already read and
    /// the cursor after its space. Nil unless the rest is `host kernel: ` or `host ident[pid]: `, so
    /// that `dmesg` lines stay `dmesg`.
    static func parseMonotonic(_ line: LineInput, monotonic: UInt64, after cursor: ByteCursor) -> LogRecord? {
        guard let header = SyslogHeader.scanStrict(cursor) else { return nil }
        return record(line, header, format: .journalShortMonotonic, monotonic: monotonic)
    }

    /// A syslog line whose timestamp was cut off in the paste: `host ident[pid]: text`, or
    /// `[host ]kernel: [ 1234.567890] text`. Looser shapes (`host kernel: text`) are left as plain
    /// text, as they are too easy to meet in prose.
    static func parseUntimed(_ line: LineInput) -> LogRecord? {
        let header = SyslogHeader.scanLenient(line.cursor)
        if header.host != nil && header.pid != nil {
            return record(line, header, format: .journalShort)
        }
        var probe = ByteCursor(line.bytes, at: header.textStart)
        guard header.isKernel(in: line.bytes), MonotonicStamp.scan(&probe) != nil else { return nil }
        return record(line, header, format: .journalShort)
    }

    /// The record for a line whose header has been read. For identifier `kernel`, an inner
    /// `[ 1234.567890] ` stamp (old syslog forwarding of kernel lines) is removed and kept as the
    /// monotonic time; journalctl decorations are removed; rsyslog `#NNN` escapes are decoded.
    private static func record(
        _ line: LineInput,
        _ header: SyslogHeader,
        format: LogFormat,
        realtime: Int64? = nil,
        monotonic: UInt64? = nil
    ) -> LogRecord {
        let isKernel = header.isKernel(in: line.bytes)
        var cursor = ByteCursor(line.bytes, at: header.textStart)
        var monotonic = monotonic
        if isKernel, let inner = innerStamp(&cursor) { monotonic = monotonic ?? inner }
        let textStart = JournalDecoration.skip(in: line.bytes, from: cursor.index)
        let origin: RecordOrigin = isKernel ? .kernel : (header.identifier == nil ? .unknown : .userspace)
        return LogRecord(
            text: TextDecoding.rsyslogUnescaped(cursor.slice(textStart..<line.bytes.count)),
            origin: origin,
            format: format,
            location: line.location,
            monotonicMicroseconds: monotonic,
            realtimeMicroseconds: realtime,
            pid: header.pid,
            identifier: header.identifierName(in: line.bytes),
            host: header.hostName(in: line.bytes)
        )
    }

    /// `[ 1234.567890]` followed by a space or the end of the line.
    private static func innerStamp(_ cursor: inout ByteCursor) -> UInt64? {
        let start = cursor.index
        guard let stamp = MonotonicStamp.scan(&cursor), cursor.isAtEnd || cursor.consume(ByteClass.space) else {
            cursor.index = start
            return nil
        }
        return stamp
    }
}
