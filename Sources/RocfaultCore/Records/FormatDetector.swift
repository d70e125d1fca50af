/// Picks the layout of a single line from its first byte and the scanners that fit, falling back to
/// plain text. Stateless: export entries and kmsg continuations are handled by `LogLineParser`.
enum FormatDetector {
    private static let recordSeparator: UInt8 = 0x1E

    /// The record for a non-empty line; nil only for a journal JSON entry without a message.
    static func record(for line: LineInput) -> LogRecord? {
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
            return DmesgLineParser.parse(line) ?? line.plainRecord()
        case ByteClass.lessThan:
            return DmesgLineParser.parseRaw(line) ?? line.plainRecord()
        case _ where ByteClass.isDigit(first):
            return KmsgLineParser.parse(line) ?? DmesgLineParser.parse(line) ?? journalISO(line) ?? untimed(line)
        case _ where ByteClass.isUpper(first):
            return SyslogLineParser.parseShort(line) ?? untimed(line)
        case _ where ByteClass.isLower(first):
            return DmesgDecodedParser.parse(line) ?? untimed(line)
        default:
            return line.plainRecord()
        }
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
