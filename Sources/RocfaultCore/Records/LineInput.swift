/// One line handed to the format scanners: its bytes (without newline or trailing carriage
/// returns), where it was read, and the time context.
struct LineInput {
    /// The line's bytes.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The file and line number.
    let location: SourceLocation
    /// The reference time and UTC offset for local-time formats.
    let time: TimeContext

    /// A cursor at the start of the line.
    var cursor: ByteCursor { ByteCursor(bytes) }

    /// The line as a plain record: the whole text, no time, origin unknown.
    func plainRecord() -> LogRecord {
        LogRecord(text: TextDecoding.string(bytes), origin: .unknown, format: .plain, location: location)
    }
}
