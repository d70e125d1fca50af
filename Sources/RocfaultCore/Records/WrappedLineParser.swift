/// Lines where a tool put something before a log line of another layout: `grep -n`'s `3124:`,
/// a Talos node name (`node: kern:    err: [2026-01-06T19:44:54.899360477Z]: text`), a container
/// name (docker compose `svc-1  | `, podman and `kubectl logs --prefix` `[pod/name/container] `),
/// a GitHub Actions time (`2025-11-14T08:52:38.3746210Z `), a Kubernetes container runtime's time and
/// stream (`2026-08-31T17:43:36.650052872Z stderr F `) or a bare clock time (`12:09:20 `).
/// The rest of the line is read as a line of its own, so it keeps its layout, origin and time.
enum WrappedLineParser {
    /// How many wrappers may nest (`3124:node: kern: ...` is two); bounds the recursion.
    static let maxDepth = 3

    /// The record for the rest of the line after `offset`, or nil when it is only text.
    static func inner(_ line: LineInput, from offset: Int, depth: Int) -> LogRecord? {
        guard depth < maxDepth, offset < line.bytes.count else { return nil }
        let rest = LineInput(
            bytes: line.cursor.slice(offset..<line.bytes.count),
            location: line.location,
            time: line.time
        )
        guard let record = FormatDetector.record(for: rest, depth: depth + 1), record.format != .plain else {
            return nil
        }
        return record
    }

    /// `3124:rest` (`grep -n`), when the rest is a log layout.
    static func lineNumbered(_ line: LineInput, depth: Int) -> LogRecord? {
        var cursor = line.cursor
        guard cursor.number(maxDigits: 9) != nil, cursor.consume(ByteClass.colon),
            let next = cursor.current, next != ByteClass.space
        else { return nil }
        return inner(line, from: cursor.index, depth: depth)
    }

    /// `node: facility: level: [ISO]: text` from `talosctl dmesg` (the node is a host name or an
    /// address), read as a `dmesg -x` line.
    static func talosNode(_ line: LineInput, depth: Int) -> LogRecord? {
        var cursor = line.cursor
        let node = cursor.take(upTo: 255, while: ByteClass.isHostName)
        guard !node.isEmpty, cursor.consume(ByteClass.colon), cursor.consume(ByteClass.space),
            let next = cursor.current, ByteClass.isLower(next),
            let record = inner(line, from: cursor.index, depth: depth), record.format == .dmesgDecoded
        else { return nil }
        var hosted = record
        hosted.host = TextDecoding.string(cursor.slice(node))
        return hosted
    }

    /// `name  | rest` (docker compose, podman-compose): a container name, padding, `| `.
    ///
    /// A rest in a log layout is read as that layout. A plain rest (a program's own output) loses
    /// the prefix too when it has compose's shape, so rules anchored at the line's start still
    /// match: a service's replica number (`ollama-1`, compose v1's `ollama_1`) or the padding of
    /// two spaces or more that compose adds to line names up. A single space after a bare word
    /// (`GPU | Temp`, a table's row) keeps the line as it is.
    static func containerPipe(_ line: LineInput, depth: Int) -> LogRecord? {
        var cursor = line.cursor
        let name = cursor.take(upTo: 128, while: ByteClass.isHostName)
        let padding = cursor.skip(ByteClass.space)
        guard !name.isEmpty, padding > 0, cursor.consume(UInt8(ascii: "|")), cursor.consume(ByteClass.space)
        else { return nil }
        if let record = inner(line, from: cursor.index, depth: depth) { return record }
        guard padding >= 2 || hasReplicaNumber(line.bytes[name]) else { return nil }
        return plainRest(line, from: cursor.index)
    }

    /// Whether a container name ends in compose's replica number (`-1`, `_1`).
    private static func hasReplicaNumber(_ name: some Collection<UInt8>) -> Bool {
        let digits = name.reversed().prefix { ByteClass.isDigit($0) }.count
        guard digits > 0, digits < name.count else { return false }
        let separator = name[name.index(name.startIndex, offsetBy: name.count - digits - 1)]
        return separator == UInt8(ascii: "-") || separator == UInt8(ascii: "_")
    }

    /// `2026-08-31T17:43:36.650052872Z stderr F rest`: a line of the Kubernetes container runtime's
    /// log files (CRI: an RFC 3339 time in UTC, the stream, `F` for a full line or `P` for part of
    /// one). The rest keeps its own layout; its time is the runtime's when it has none.
    static func containerRuntime(_ line: LineInput, depth: Int) -> LogRecord? {
        var cursor = line.cursor
        guard let stamp = ISOTimestamp.scan(&cursor), cursor.index > 0,
            line.bytes[cursor.index - 1] == UInt8(ascii: "Z"),
            cursor.consume(ByteClass.space), cursor.consume(stdout) || cursor.consume(stderr),
            cursor.consume(ByteClass.space), cursor.consume(UInt8(ascii: "F")) || cursor.consume(UInt8(ascii: "P")),
            cursor.consume(ByteClass.space)
        else { return nil }
        var record = inner(line, from: cursor.index, depth: depth) ?? plainRest(line, from: cursor.index)
        if record.realtimeMicroseconds == nil {
            record.realtimeMicroseconds = stamp.realtimeMicroseconds(fallbackOffset: 0)
        }
        return record
    }

    private static let stdout = Array("stdout".utf8)
    private static let stderr = Array("stderr".utf8)

    /// `[name] rest`, `[name] | rest` (podman-compose) or `[pod/name/container] rest`
    /// (`kubectl logs --prefix`, `[vllm] `), when the
    /// rest is a log layout; `[gfxhub] page fault` and other bracketed words stay text.
    static func bracketedName(_ line: LineInput, depth: Int) -> LogRecord? {
        var cursor = line.cursor
        guard cursor.consume(ByteClass.openBracket) else { return nil }
        let name = cursor.take(upTo: 253) { ByteClass.isHostName($0) || $0 == UInt8(ascii: "/") }
        guard !name.isEmpty, cursor.consume(ByteClass.closeBracket), cursor.consume(ByteClass.space) else {
            return nil
        }
        let afterName = cursor.index
        if !(cursor.consume(UInt8(ascii: "|")) && cursor.consume(ByteClass.space)) { cursor.index = afterName }
        return inner(line, from: cursor.index, depth: depth)
    }

    /// `2025-11-14T08:52:38.3746210Z rest`: GitHub Actions' log time (always seven fraction digits
    /// and `Z`). The rest keeps its own layout; its time is the Actions time when it has none.
    static func actionsTime(_ line: LineInput, depth: Int) -> LogRecord? {
        var cursor = line.cursor
        guard hasActionsTimeShape(line), let stamp = ISOTimestamp.scan(&cursor), cursor.index == 28,
            cursor.consume(ByteClass.space)
        else { return nil }
        let realtime = stamp.realtimeMicroseconds(fallbackOffset: 0)
        var record = inner(line, from: cursor.index, depth: depth) ?? plainRest(line, from: cursor.index)
        if record.realtimeMicroseconds == nil { record.realtimeMicroseconds = realtime }
        return record
    }

    /// The bytes svlogd's and ISO's stamps put between date and time.
    static let svlogdSeparators: [UInt8] = [UInt8(ascii: "T"), UInt8(ascii: "_")]

    /// `2022-06-07T20:04:32.80709 kern.err: rest` or `2022-06-07_20:04:32.80709 kern.err: rest`: a
    /// time before a facility and level, as socklog's svlogd files keep them (svlogd's `-tt` stamps
    /// are UTC). Only a rest in the decoded facility layout counts; its time is the stamp's when it
    /// has none of its own.
    static func isoTimedFacility(_ line: LineInput, depth: Int) -> LogRecord? {
        var cursor = line.cursor
        guard line.bytes.count > 20, svlogdSeparators.contains(line.bytes[10]),
            let stamp = ISOTimestamp.scan(&cursor, dateTimeSeparators: svlogdSeparators),
            cursor.consume(ByteClass.space), let next = cursor.current, ByteClass.isLower(next),
            var record = inner(line, from: cursor.index, depth: depth), record.format == .dmesgDecoded
        else { return nil }
        if record.realtimeMicroseconds == nil {
            record.realtimeMicroseconds = stamp.realtimeMicroseconds(fallbackOffset: 0)
        }
        return record
    }

    /// Whether the line starts like an Actions time: a period at byte 19 and `Z` at byte 27 (seven
    /// fraction digits), which no journal or syslog time has. Two byte reads, so the lines of other
    /// formats pay nothing for the check.
    static func hasActionsTimeShape(_ line: LineInput) -> Bool {
        line.bytes.count > 28 && line.bytes[19] == ByteClass.period && line.bytes[27] == UInt8(ascii: "Z")
    }

    /// An Actions-shaped time, read before journal ISO, which would otherwise take the words after
    /// it for a host and an identifier: a container runtime's line (its nanoseconds can also leave
    /// seven digits) first, then GitHub Actions'.
    static func actionsShapedTime(_ line: LineInput, depth: Int) -> LogRecord? {
        guard hasActionsTimeShape(line) else { return nil }
        return containerRuntime(line, depth: depth) ?? actionsTime(line, depth: depth)
    }

    /// `12:09:20 rest` or `12:09:20.123456 rest`: a clock time without a date, as some tools and
    /// trimmed pastes show. The date is the reference day's, or the day before when the time lies
    /// after the reference time of day.
    static func clockTime(_ line: LineInput, depth: Int) -> LogRecord? {
        var cursor = line.cursor
        guard line.bytes.count > 9, line.bytes[2] == ByteClass.colon, let clock = cursor.clockTime(),
            clock.hour < 24, clock.minute < 60, clock.second < 61
        else { return nil }
        var micro: Int64 = 0
        if cursor.consume(ByteClass.period) {
            guard let fraction = cursor.fractionMicroseconds() else { return nil }
            micro = fraction
        }
        guard cursor.consume(ByteClass.space) else { return nil }
        let seconds = Int64(clock.hour * 3600 + clock.minute * 60 + clock.second)
        var record = inner(line, from: cursor.index, depth: depth) ?? plainRest(line, from: cursor.index)
        if record.realtimeMicroseconds == nil {
            record.realtimeMicroseconds = realtime(secondsOfDay: seconds, micro: micro, context: line.time)
        }
        return record
    }

    /// The most recent time at or before the reference with this local time of day.
    static func realtime(secondsOfDay: Int64, micro: Int64, context: TimeContext) -> Int64 {
        let perDay = CivilTime.secondsPerDay
        let offset = Int64(context.utcOffsetSeconds)
        let localReference = context.referenceRealtimeMicroseconds / CivilTime.microsecondsPerSecond + offset
        var day = localReference / perDay
        if localReference % perDay < 0 { day -= 1 }
        var local = day * perDay + secondsOfDay
        if local > localReference { local -= perDay }
        return (local - offset) * CivilTime.microsecondsPerSecond + micro
    }

    /// `owner/repo#4  0x00007f... in f () from lib` or `owner/repo#4  <signal handler called>`: a
    /// debugger's frame whose `#4` GitHub turned into a link to another repository's issue (a
    /// transferred issue keeps its links that way), copied back as text. The frame reads as
    /// `#4  ...` again, so backtrace rules anchored at the frame number match it.
    static func autolinkedFrame(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        let owner = cursor.take(upTo: 100, while: ByteClass.isHostName)
        guard !owner.isEmpty, cursor.consume(UInt8(ascii: "/")) else { return nil }
        let repository = cursor.take(upTo: 100, while: ByteClass.isHostName)
        let hash = cursor.index
        guard !repository.isEmpty, cursor.consume(UInt8(ascii: "#")), cursor.number(maxDigits: 4) != nil,
            cursor.skip(ByteClass.space) > 0, let next = cursor.current,
            next == UInt8(ascii: "0") || next == UInt8(ascii: "<")
        else { return nil }
        return plainRest(line, from: hash)
    }

    /// `[2025-07-16T20:42:49+08:00]rest`: a console logger's ISO time in brackets before the
    /// kernel's own console line (`[1854229.290017][T4056360] text`, as conman and serial-console
    /// collectors of HPC machines save it). The rest keeps its layout; its time is the logger's when
    /// it has none. A bracketed time before plain text is left alone.
    static func bracketedISOTime(_ line: LineInput, depth: Int) -> LogRecord? {
        var cursor = line.cursor
        guard line.bytes.count > 22, cursor.consume(ByteClass.openBracket), let stamp = ISOTimestamp.scan(&cursor),
            cursor.consume(ByteClass.closeBracket)
        else { return nil }
        _ = cursor.skip(ByteClass.space)
        guard var record = inner(line, from: cursor.index, depth: depth) else { return nil }
        if record.realtimeMicroseconds == nil {
            record.realtimeMicroseconds = stamp.realtimeMicroseconds(fallbackOffset: line.time.utcOffsetSeconds)
        }
        return record
    }

    /// `> text` or `>> > text`: a line of a quote in an issue or a mail (Markdown's and mail's quote
    /// marks), read without its marks; a shell's continuation prompt looks the same. The rest keeps
    /// its layout, and plain text loses the marks too, so rules anchored at the line's start match.
    static func quoted(_ line: LineInput, depth: Int) -> LogRecord? {
        var index = 0
        while index < line.bytes.count, line.bytes[index] == ByteClass.greaterThan {
            index += 1
            while index < line.bytes.count, line.bytes[index] == ByteClass.space || line.bytes[index] == ByteClass.tab {
                index += 1
            }
        }
        guard index > 0, index < line.bytes.count else { return nil }
        return inner(line, from: index, depth: depth) ?? plainRest(line, from: index)
    }

    /// `**text**` or `**text`: a line the reporter set in bold with Markdown's marks (a crash's last
    /// line, a log line they wanted seen), read without them. The text keeps its layout (a dmesg or
    /// ollama line), and plain text loses the marks too, so rules anchored at the line's start or
    /// end match. Closing marks count before trailing blanks (Markdown's hard line break); marks
    /// inside the line stay (`**Error:** text` reads `Error:** text`). Runs of asterisks (`***`, a
    /// banner of `*****`) and a mark before a blank are left. Only a line that starts with the marks
    /// is read so: under a quote's `>` or an indentation, plain text keeps them.
    static func emphasized(_ line: LineInput, depth: Int) -> LogRecord? {
        let bytes = line.bytes
        let mark = ByteClass.asterisk
        guard depth < maxDepth, bytes.count > 2, bytes[0] == mark, bytes[1] == mark, isEmphasized(bytes[2])
        else { return nil }
        var trimmed = bytes.count
        while trimmed > 2, bytes[trimmed - 1] == ByteClass.space || bytes[trimmed - 1] == ByteClass.tab { trimmed -= 1 }
        let closed =
            trimmed >= 5 && bytes[trimmed - 1] == mark && bytes[trimmed - 2] == mark
            && isEmphasized(bytes[trimmed - 3])
        let end = closed ? trimmed - 2 : bytes.count
        let inside = LineInput(bytes: line.cursor.slice(2..<end), location: line.location, time: line.time)
        if let record = FormatDetector.record(for: inside, depth: depth + 1), record.format != .plain {
            return record
        }
        return plainRest(inside, from: 0)
    }

    /// Whether a byte next to `**` makes it Markdown's bold mark rather than a run of asterisks.
    private static func isEmphasized(_ byte: UInt8) -> Bool {
        byte != ByteClass.asterisk && byte != ByteClass.space && byte != ByteClass.tab
    }

    /// The rest of the line as text of unknown origin.
    static func plainRest(_ line: LineInput, from offset: Int) -> LogRecord {
        LogRecord(
            text: TextDecoding.string(line.cursor.slice(offset..<line.bytes.count)),
            origin: .unknown,
            format: .plain,
            location: line.location
        )
    }
}
