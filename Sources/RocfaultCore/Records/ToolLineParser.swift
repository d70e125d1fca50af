/// Lines in the layouts of particular programs: llama.cpp's `0.00.165.104 E ` prefix, the HIP
/// runtime's `AMD_LOG_LEVEL` lines (`:1:hip_fatbin.cpp :687 : 114369963532 us: text`), FreeBSD
/// drm-kmod's kernel lines (`drmn0: text`, `[drm ERROR :func] text`), a syslog line cut down to
/// `kernel: text`, and a `dmesg` line that lost its `[` (`  518.050606] text`).
enum ToolLineParser {
    private static let kernelTag: [UInt8] = Array("kernel: ".utf8)
    private static let drmTag: [UInt8] = Array("[drm".utf8)
    private static let drmnTag: [UInt8] = Array("drmn".utf8)
    private static let microsecondsTag: [UInt8] = Array(" us: ".utf8)

    /// `0.00.165.104 E text` (llama.cpp's common log since 2024: minutes, seconds, milliseconds,
    /// microseconds since start, then a level letter). The time is not a wall time.
    static func llama(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        guard cursor.number(maxDigits: 6) != nil, cursor.consume(ByteClass.period), cursor.fixedDigits(2) != nil,
            cursor.consume(ByteClass.period), cursor.fixedDigits(3) != nil, cursor.consume(ByteClass.period),
            cursor.fixedDigits(3) != nil, cursor.consume(ByteClass.space), let level = cursor.current,
            "DIWEN".utf8.contains(level), cursor.peek(1) == ByteClass.space || cursor.peek(1) == nil
        else { return nil }
        return record(line, from: min(cursor.index + 2, line.bytes.count), origin: .userspace)
    }

    /// `:1:hip_fatbin.cpp :687 : 114369963532 us: text` (ROCclr's log with `AMD_LOG_LEVEL`): a
    /// process's line. The prefix stays in the text, as the HIP trace rules read its fields.
    static func hipDebug(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        guard cursor.consume(ByteClass.colon), cursor.number(maxDigits: 2) != nil, cursor.consume(ByteClass.colon)
        else { return nil }
        let file = cursor.take(upTo: 128) { $0 > ByteClass.space && $0 != ByteClass.colon && $0 < 0x7F }
        cursor.skip(ByteClass.space)
        guard !file.isEmpty, cursor.consume(ByteClass.colon), cursor.number(maxDigits: 7) != nil else { return nil }
        cursor.skip(ByteClass.space)
        guard cursor.consume(ByteClass.colon) else { return nil }
        cursor.skip(ByteClass.space)
        guard cursor.number(maxDigits: 18) != nil, cursor.consume(microsecondsTag) else { return nil }
        return record(line, from: 0, origin: .userspace)
    }

    /// `drmn0: text` and `[drm] text`, `[drm:func] text`, `[drm ERROR :func] text`: FreeBSD's
    /// `dmesg` prints kernel lines without a timestamp, and only the kernel prints these prefixes.
    /// The prefix stays in the text, as a device prefix does in Linux `dmesg`.
    static func freeBSDDRM(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        if cursor.consume(drmnTag) {
            guard cursor.number(maxDigits: 3) != nil, cursor.consume(ByteClass.colon), cursor.consume(ByteClass.space)
            else { return nil }
        } else {
            guard cursor.consume(drmTag), let next = cursor.current,
                next == ByteClass.closeBracket || next == ByteClass.colon || next == ByteClass.space
            else { return nil }
        }
        return record(line, from: 0, origin: .kernel, format: .dmesg)
    }

    /// `kernel: text`: a syslog or journal line whose date and host were cut off.
    static func kernelTagged(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        guard cursor.consume(kernelTag) else { return nil }
        var record =
            DmesgLineParser.parse(
                LineInput(bytes: cursor.rest, location: line.location, time: line.time)
            ) ?? record(line, from: cursor.index, origin: .kernel, format: .journalShort)
        record.origin = .kernel
        record.identifier = "kernel"
        return record
    }

    /// `  518.050606] text` (the paste lost the `[`; the caller has removed leading spaces).
    static func lostBracket(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        guard let seconds = cursor.number(maxDigits: 12), cursor.consume(ByteClass.period),
            let micro = cursor.fractionMicroseconds(), cursor.consume(ByteClass.closeBracket),
            cursor.isAtEnd || cursor.consume(ByteClass.space)
        else { return nil }
        var record = DmesgLineParser.record(line, from: cursor, stamp: nil)
        record.monotonicMicroseconds = seconds * 1_000_000 + UInt64(micro)
        return record
    }

    private static func record(
        _ line: LineInput,
        from offset: Int,
        origin: RecordOrigin,
        format: LogFormat = .plain
    ) -> LogRecord {
        LogRecord(
            text: TextDecoding.string(line.cursor.slice(offset..<line.bytes.count)),
            origin: origin,
            format: format,
            location: line.location
        )
    }
}
