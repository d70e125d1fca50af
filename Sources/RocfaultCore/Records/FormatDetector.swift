/// Picks the layout of a single line from its first byte and the scanners that fit, falling back to
/// plain text. Stateless: export entries and kmsg continuations are handled by `LogLineParser`.
enum FormatDetector {
    private static let recordSeparator: UInt8 = 0x1E

    /// The record for a non-empty line; nil only for a journal JSON entry without a message.
    /// `depth` counts the prefixes already removed (`WrappedLineParser`).
    static func record(for line: LineInput, depth: Int = 0) -> LogRecord? {
        guard let first = line.bytes.first else { return nil }
        switch first {
        case ByteClass.openBrace:
            return json(line)
        case recordSeparator where line.bytes.count > 1:
            // `journalctl -o json-seq` puts an ASCII record separator before each object.
            let object = LineInput(
                bytes: line.cursor.slice(1..<line.bytes.count),
                location: line.location,
                time: line.time
            )
            return object.bytes.first == ByteClass.openBrace ? json(object) : line.plainRecord()
        case ByteClass.openBracket:
            return DmesgLineParser.parse(line) ?? ToolLineParser.freeBSDDRM(line)
                ?? WrappedLineParser.bracketedName(line, depth: depth)
                ?? WrappedLineParser.bracketedISOTime(line, depth: depth) ?? line.plainRecord()
        case ByteClass.greaterThan:
            return WrappedLineParser.quoted(line, depth: depth) ?? line.plainRecord()
        case ByteClass.asterisk:
            return WrappedLineParser.emphasized(line, depth: depth) ?? line.plainRecord()
        case ByteClass.lessThan:
            return DmesgLineParser.parseRaw(line) ?? line.plainRecord()
        case ByteClass.colon:
            return ToolLineParser.hipDebug(line) ?? line.plainRecord()
        case _ where ByteClass.isDigit(first):
            return digitFirst(line, depth: depth)
        case _ where ByteClass.isUpper(first):
            return SyslogLineParser.parseShort(line) ?? SyslogLineParser.parseUntimed(line)
                ?? named(line, depth: depth) ?? line.plainRecord()
        case _ where ByteClass.isLower(first):
            return DmesgDecodedParser.parse(line) ?? SyslogLineParser.parseShort(line)
                ?? SyslogLineParser.parseUntimed(line) ?? ToolLineParser.kernelTagged(line)
                ?? ToolLineParser.freeBSDDRM(line) ?? named(line, depth: depth) ?? line.plainRecord()
        case ByteClass.space, ByteClass.tab:
            return reindented(line, depth: depth) ?? line.plainRecord()
        default:
            return SyslogLineParser.parseShort(line) ?? line.plainRecord()
        }
    }

    /// Lines starting with a digit: kmsg, dmesg ISO, Actions-shaped times, journal ISO and `12月`
    /// dates, then the prefixes of tools (container runtimes, `grep -n`, Talos node addresses, clock
    /// times, llama.cpp). Each scanner gives up at its first unexpected byte. An Actions-shaped time
    /// (seven fraction digits and `Z`) comes before journal ISO, which would otherwise read
    /// `2021-12-17T07:52:30.9344955Z Exit Code: -11` as host `Exit`, identifier `Code`.
    private static func digitFirst(_ line: LineInput, depth: Int) -> LogRecord? {
        if let record = KmsgLineParser.parse(line) ?? DmesgLineParser.parse(line)
            ?? WrappedLineParser.actionsShapedTime(line, depth: depth)
            ?? WrappedLineParser.isoTimedFacility(line, depth: depth) ?? journalISO(line)
        {
            return record
        }
        if let record = WrappedLineParser.containerRuntime(line, depth: depth)
            ?? WrappedLineParser.clockTime(line, depth: depth) ?? SyslogLineParser.parseShort(line)
            ?? ToolLineParser.lostBracket(line) ?? ToolLineParser.llama(line)
            ?? WrappedLineParser.lineNumbered(line, depth: depth) ?? WrappedLineParser.talosNode(line, depth: depth)
        {
            return record
        }
        return untimed(line)
    }

    /// Lines starting with a name: a Talos node, a container, a debugger frame GitHub linked.
    private static func named(_ line: LineInput, depth: Int) -> LogRecord? {
        WrappedLineParser.talosNode(line, depth: depth) ?? WrappedLineParser.containerPipe(line, depth: depth)
            ?? WrappedLineParser.autolinkedFrame(line)
    }

    /// A paste indented as a whole (a quote, a list item, a code block in an issue): the line
    /// without its indentation when that is a log layout, such as `dmesg` or journal lines; nil when
    /// it is only text, which then keeps its indentation.
    private static func reindented(_ line: LineInput, depth: Int) -> LogRecord? {
        let indentation = line.bytes.prefix { $0 == ByteClass.space || $0 == ByteClass.tab }.count
        guard indentation < line.bytes.count else { return nil }
        let rest = LineInput(
            bytes: line.cursor.slice(indentation..<line.bytes.count),
            location: line.location,
            time: line.time
        )
        guard let record = record(for: rest, depth: depth), record.format != .plain else { return nil }
        return record
    }

    private static func json(_ line: LineInput) -> LogRecord? {
        switch JournalJSONParser.parse(line) {
        case .record(let record): return record
        case .noMessage: return nil
        case .notJournal: return line.plainRecord()
        }
    }

    private static func journalISO(_ line: LineInput) -> LogRecord? {
        var cursor = line.cursor
        guard let stamp = ISOTimestamp.scan(&cursor) else { return nil }
        return SyslogLineParser.parseISO(line, stamp: stamp, after: cursor)
    }

    private static func untimed(_ line: LineInput) -> LogRecord {
        SyslogLineParser.parseUntimed(line) ?? line.plainRecord()
    }
}
