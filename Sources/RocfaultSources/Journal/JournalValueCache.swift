/// Reuses the string of a field value that repeats from one entry to the next (host name, boot ID,
/// identifier), so a long value is not turned into a new string for every entry.
struct JournalValueCache {
    /// Values this long or shorter fit in a string without an allocation; they are not cached.
    static let smallLength = 15

    private var last = InlineArray<13, (bytes: [UInt8], text: String)?>(repeating: nil)

    /// The value of `field` as a string: the cached one when the bytes are the same as last time.
    mutating func text(of field: JournalRecordField?, _ bytes: UnsafeRawBufferPointer) -> String {
        guard let field, field != .message, bytes.count > Self.smallLength else {
            return String(decoding: bytes, as: UTF8.self)
        }
        if let cached = last[field.rawValue], cached.bytes.withUnsafeBytes({ $0.sameBytes(as: bytes) }) {
            return cached.text
        }
        let text = String(decoding: bytes, as: UTF8.self)
        last[field.rawValue] = (Array(bytes), text)
        return text
    }
}
