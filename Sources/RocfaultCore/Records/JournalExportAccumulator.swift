/// The stateful part of `journalctl -o export` parsing: entries are `KEY=value` lines ended by a
/// blank line, so a record exists only once its entry is complete.
///
/// A field that is not valid text is written as `KEY`, a newline, its size as a little-endian
/// 64-bit number, the raw bytes and a newline. Given lines, the accumulator rejoins the lines that
/// follow the `KEY` line with the newlines the split removed until the announced size is reached,
/// and decodes the value (a binary `MESSAGE` becomes lossy UTF-8 text). A size above 8 MiB, or
/// one that does not end exactly at a line end, is taken as corrupt and the field dropped. This
/// needs the lines exactly as read (split at `\n` only, carriage returns kept).
struct JournalExportAccumulator {
    /// What a line did to the entry being read.
    enum Outcome {
        /// The line was a field of the entry.
        case consumed
        /// The line ended the entry (a blank line, or the start of the next entry); the entry's
        /// record, nil without a `MESSAGE`.
        case completed(LogRecord?)
        /// The line is not a field and belongs to another format; the entry ended before it.
        case interrupted(LogRecord?)
    }

    private struct BinaryField {
        var name: String
        var line: Int
        var data: [UInt8] = []
        var lines = 0
    }

    private static let maxBinarySize = 8 << 20
    private static let entryStarts: [[UInt8]] = ["__CURSOR=", "__REALTIME_TIMESTAMP="].map { Array($0.utf8) }
    private static let cursorField: [UInt8] = Array("__CURSOR=".utf8)

    /// Whether an entry is being read.
    private(set) var isActive = false
    private var fields = JournalFields()
    private var entryLocation = SourceLocation(file: "", line: 0)
    private var messageLine: Int?
    private var binary: BinaryField?

    /// Whether `bytes` is the first line of an export entry (`__CURSOR=` or `__REALTIME_TIMESTAMP=`).
    static func isEntryStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        entryStarts.contains { bytes.starts(with: $0) }
    }

    /// Starts an entry with its first line.
    mutating func begin(_ line: LineInput) {
        fields = JournalFields()
        messageLine = nil
        binary = nil
        entryLocation = line.location
        isActive = true
        _ = absorbField(line)
    }

    /// Feeds a raw line to a binary field being read; false when no binary field is pending or the
    /// field turned out corrupt, in which case the line is for `feed`.
    mutating func feedBinary(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var field = binary else { return false }
        if field.lines > 0 { field.data.append(0x0A) }
        field.data.append(contentsOf: raw)
        field.lines += 1
        binary = nil
        guard field.data.count >= 8 else {
            binary = field
            return true
        }
        let size = field.data[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard size <= Self.maxBinarySize else { return false }
        if field.data.count < 8 + Int(size) {
            binary = field
        } else if field.data.count == 8 + Int(size) {
            setField(name: field.name, value: Array(field.data[8...]), line: field.line)
        }
        return true
    }

    /// Feeds the next line of the entry.
    mutating func feed(_ line: LineInput) -> Outcome {
        if line.bytes.isEmpty { return .completed(finish()) }
        if line.bytes.starts(with: Self.cursorField) {
            let record = finish()
            begin(line)
            return .completed(record)
        }
        if absorbField(line) { return .consumed }
        return .interrupted(finish())
    }

    /// Ends the entry and returns its record (nil without a `MESSAGE`, or when no entry is open).
    mutating func finish() -> LogRecord? {
        guard isActive else { return nil }
        isActive = false
        binary = nil
        let location = SourceLocation(file: entryLocation.file, line: messageLine ?? entryLocation.line)
        return fields.record(format: .journalExport, location: location)
    }

    /// Reads `KEY=value`, or `KEY` announcing a binary field; false for anything else.
    private mutating func absorbField(_ line: LineInput) -> Bool {
        var cursor = line.cursor
        let name = cursor.take(upTo: 64, while: ByteClass.isFieldName)
        guard !name.isEmpty, !ByteClass.isDigit(line.bytes[0]) else { return false }
        let nameText = TextDecoding.string(cursor.slice(name))
        if cursor.isAtEnd {
            binary = BinaryField(name: nameText, line: line.location.line)
            return true
        }
        guard cursor.consume(ByteClass.equals) else { return false }
        setField(name: nameText, value: Array(cursor.rest), line: line.location.line)
        return true
    }

    private mutating func setField(name: String, value: [UInt8], line: Int) {
        if name == "MESSAGE" && !fields.hasMessage { messageLine = line }
        fields.set(name: name, value: value)
    }
}
