/// `journalctl -o json` lines: one JSON object per entry, every value a string, except that a
/// field which is not valid UTF-8 (or not printable) is an array of byte values, a repeated field
/// is an array of values, and an oversized one is `null`.
enum JournalJSONParser {
    /// What a `{` line turned out to be.
    enum Outcome {
        /// A journal entry with a message.
        case record(LogRecord)
        /// A journal entry without a message: it produces no record.
        case noMessage
        /// Malformed JSON, or an object that is not a journal entry: the line is plain text.
        case notJournal
    }

    /// Reads the line as a journal JSON object.
    static func parse(_ line: LineInput) -> Outcome {
        var fields = JournalFields()
        let isObject = JSONLineReader.readObject(line.bytes) { name, value in
            guard let bytes = bytes(of: value, in: line.bytes) else { return }
            fields.set(name: String(decoding: name, as: UTF8.self), value: bytes)
        }
        guard isObject, fields.hasMessage || fields.hasJournalFields else { return .notJournal }
        guard let record = fields.record(format: .journalJSON, location: line.location) else { return .noMessage }
        return .record(record)
    }

    /// A string's bytes, a number's digits, the bytes of a byte-value array, or for any other array
    /// (a repeated field) its first element's.
    private static func bytes(of value: JSONLineReader.Value, in line: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        switch value {
        case .string(let bytes): return bytes
        case .number(let range): return Array(line[range])
        case .array(let elements):
            return byteValues(elements, in: line) ?? elements.first.flatMap { bytes(of: $0, in: line) }
        case .other: return nil
        }
    }

    /// The elements as bytes when every one is an integer from 0 to 255.
    private static func byteValues(
        _ elements: [JSONLineReader.Value],
        in line: UnsafeBufferPointer<UInt8>
    ) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(elements.count)
        for element in elements {
            guard case .number(let range) = element, let value = JournalFields.decimal(line[range]), value <= 255
            else { return nil }
            bytes.append(UInt8(value))
        }
        return bytes
    }
}
