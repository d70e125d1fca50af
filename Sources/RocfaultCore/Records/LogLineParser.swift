/// Turns log lines, one at a time, into `LogRecord`s, recognising each line's layout on its own so
/// that one input may mix them (an application's stderr, then `dmesg`, then a journal excerpt).
///
/// Recognised: raw `/dev/kmsg` records, `dmesg` (plain, `-T`, `-x`, `-r`, `-d`, `-H`,
/// `--time-format iso`), journalctl `short`, `short-precise`, `short-iso`, `short-iso-precise`,
/// `short-monotonic`, `short-delta`, `json`, `json-seq` and `export`, classic syslog and rsyslog
/// files, and journal lines whose timestamp was cut off in a paste (`host ident[pid]: text`,
/// `kernel: [ 12.3] text`, `kernel: text`), with month names in several locales (`MonthName`).
/// Pasted layouts too: `talosctl dmesg`, FreeBSD drm-kmod, llama.cpp's and ROCclr's log prefixes,
/// bare clock times, GitHub Actions times, `grep -n` numbers and container names before a log line
/// (`WrappedLineParser`, `ToolLineParser`); colour codes and progress bars are removed first
/// (`TerminalNoise`). Anything else is a plain line with its whole text, leading spaces and
/// `ollama  | ` style prefixes included.
/// Bytes that are not UTF-8 are decoded lossily; no input makes it trap.
///
/// The parser is stateful in two places: a raw kmsg record's ` KEY=value` continuation lines are
/// recognised after a kmsg record, and `journalctl -o export` entries span several lines, so their
/// record comes out with the blank line that ends them (or from `finish()`). When an export entry is
/// cut short by a line of another layout, both records are due at once; the second is then handed
/// out by the next call, so records stay in input order but may lag by one line until a blank line
/// or `finish()`.
package struct LogLineParser: Sendable {
    /// The file name put into every record's location.
    package let file: String
    /// The reference time and UTC offset for local-time layouts.
    package var timeContext: TimeContext

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var export = JournalExportAccumulator()
    private var previousWasKmsg = false
    private var queued: [LogRecord] = []

    /// Creates a parser for the lines of `file`.
    package init(file: String, timeContext: TimeContext) {
        self.file = file
        self.timeContext = timeContext
    }

    /// Parses one line, given without its `\n` (trailing `\r`s and a leading byte order mark are
    /// dropped). Returns nil for lines that carry no message (blank lines, kmsg continuation lines,
    /// journal entries without a message) and for export-format lines until their entry completes.
    package mutating func parse<Bytes: Collection<UInt8>>(_ line: Bytes, lineNumber: Int) -> LogRecord? {
        let direct = line.withContiguousStorageIfAvailable { parseBuffer($0, lineNumber: lineNumber) }
        if let direct { return direct }
        return Array(line).withUnsafeBufferPointer { parseBuffer($0, lineNumber: lineNumber) }
    }

    /// Parses one line given as text; see `parse(_:lineNumber:)` for bytes.
    package mutating func parse(_ line: String, lineNumber: Int) -> LogRecord? {
        var line = line
        return line.withUTF8 { parseBuffer($0, lineNumber: lineNumber) }
    }

    /// Ends the input: returns the record of an export entry still open (its blank line missing) or
    /// a record still queued, and nil when there is none. Call it until it returns nil.
    package mutating func finish() -> LogRecord? {
        if let record = export.finish() { queued.append(record) }
        previousWasKmsg = false
        return queued.isEmpty ? nil : queued.removeFirst()
    }

    /// Whether `line` starts a `journalctl -o export` entry. A caller that feeds only some lines of
    /// a file (prefilter hits) should feed every line of a file where this holds for any line, as
    /// export records are assembled from several lines.
    package static func looksLikeExportEntryStart<Bytes: Collection<UInt8>>(_ line: Bytes) -> Bool {
        let direct = line.withContiguousStorageIfAvailable { JournalExportAccumulator.isEntryStart($0) }
        if let direct { return direct }
        return Array(line).withUnsafeBufferPointer { JournalExportAccumulator.isEntryStart($0) }
    }

    private mutating func parseBuffer(_ raw: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> LogRecord? {
        if export.feedBinary(raw) { return deliver(nil) }
        let trimmed = Self.trimmed(raw)
        if !Self.startsLikeKmsgRecord(trimmed), TerminalNoise.isPresent(in: trimmed) {
            return TerminalNoise.cleaned(trimmed).withUnsafeBufferPointer { parseTrimmed($0, lineNumber: lineNumber) }
        }
        return parseTrimmed(trimmed, lineNumber: lineNumber)
    }

    /// Whether the line starts like a raw `/dev/kmsg` record (`PRI,SEQ,`): the kernel escapes its
    /// control bytes itself, and its text is kept exactly as it wrote it.
    static func startsLikeKmsgRecord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        for _ in 0..<2 {
            let start = index
            while index < bytes.count, index - start < 20, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > start, index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return false }
            index += 1
        }
        return true
    }

    private mutating func parseTrimmed(_ trimmed: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> LogRecord? {
        let line = LineInput(
            bytes: trimmed,
            location: SourceLocation(file: file, line: lineNumber),
            time: timeContext
        )
        guard export.isActive else { return deliver(parseSingle(line)) }
        switch export.feed(line) {
        case .consumed: return deliver(nil)
        case .completed(let record): return deliver(record)
        case .interrupted(let record): return deliver(record, parseSingle(line))
        }
    }

    /// A line outside an export entry.
    private mutating func parseSingle(_ line: LineInput) -> LogRecord? {
        let wasKmsg = previousWasKmsg
        previousWasKmsg = false
        if line.bytes.isEmpty { return nil }
        if wasKmsg && KmsgLineParser.isContinuation(line.bytes) {
            previousWasKmsg = true
            return nil
        }
        if JournalExportAccumulator.isEntryStart(line.bytes) {
            export.begin(line)
            return nil
        }
        let record = FormatDetector.record(for: line)
        // `talosctl dmesg` (read as `dmesg -x`) also prints a record's ` SUBSYSTEM=` lines.
        previousWasKmsg = record?.format == .kmsg || record?.format == .dmesgDecoded
        return record
    }

    /// Hands out records in input order, at most one per call.
    private mutating func deliver(_ first: LogRecord?, _ second: LogRecord? = nil) -> LogRecord? {
        if queued.isEmpty && second == nil { return first }
        if let first { queued.append(first) }
        if let second { queued.append(second) }
        return queued.isEmpty ? nil : queued.removeFirst()
    }

    /// The line without trailing carriage returns (CRLF files) and without a leading UTF-8 byte
    /// order mark (files saved by Windows editors).
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var end = bytes.count
        while end > 0 && bytes[end - 1] == ByteClass.carriageReturn { end -= 1 }
        let start = bytes.starts(with: byteOrderMark) && end >= byteOrderMark.count ? byteOrderMark.count : 0
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}
