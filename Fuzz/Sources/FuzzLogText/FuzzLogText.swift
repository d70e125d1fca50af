@testable import FuzzSupport
@testable import RocfaultCore

/// Any bytes as a log file of mixed layouts (dmesg, syslog, journalctl short/iso/monotonic,
/// rsyslog, pasted journal lines, plain text), fed line by line through `LogLineParser`.
/// Invariants: records come in line order and name a line of the input; parsing is deterministic;
/// a plain record is its whole line; the text, host and identifier of a timestamped text layout
/// are taken from their line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let lines = fuzzLines(UnsafeBufferPointer(start: data, count: size))
    let records = parseAll(lines)
    fuzzCheck(records == parseAll(lines), "parsing is not deterministic")
    fuzzCheck(records.count <= lines.count, "more records than lines")
    var previousLine = 0
    for record in records {
        let number = record.location.line
        fuzzCheck(number >= previousLine && number >= 1 && number <= lines.count, "record line \(number)")
        previousLine = number
        checkTakenFromLine(record, line: trimmed(lines[number - 1]))
    }
    return 0
}

private func parseAll(_ lines: [ArraySlice<UInt8>]) -> [LogRecord] {
    var parser = LogLineParser(file: "fuzz.log", timeContext: fuzzTimeContext)
    var records: [LogRecord] = []
    for (index, line) in lines.enumerated() {
        if let record = parser.parse(line, lineNumber: index + 1) { records.append(record) }
    }
    while let record = parser.finish() { records.append(record) }
    return records
}

/// The line as the parser sees it: without trailing carriage returns and a leading byte order mark.
private func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var line = line
    while line.last == 0x0D { line.removeLast() }
    if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
    return line
}

/// The line as the parser reads it: terminal noise (colour codes, hyperlinks, carriage-return
/// overwrites, a progress bar glued before a message) is removed first.
private func withoutTerminalNoise(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    Array(line).withUnsafeBufferPointer { bytes in
        TerminalNoise.isPresent(in: bytes) ? ArraySlice(TerminalNoise.cleaned(bytes)) : line
    }
}

private func checkTakenFromLine(_ record: LogRecord, line raw: ArraySlice<UInt8>) {
    let line = withoutTerminalNoise(raw)
    let text = String(decoding: line, as: UTF8.self)
    switch record.format {
    case .plain:
        // A plain record is its line, or the rest of it after a container or tool prefix.
        let fromLine = record.text == text || fuzzContains(Array(text.utf8), record.text)
        fuzzCheck(fromLine, "a plain record is not its line: \(text.debugDescription)")
    case .kmsg, .journalJSON, .journalExport, .journalLive:
        return  // decoded from escapes or fields: checked by their own targets
    default:
        // Only for valid UTF-8 without rsyslog's `#NNN` escapes, where the text is a slice.
        guard fuzzIsUTF8(line), !line.contains(UInt8(ascii: "#")) else { return }
        let context = "\(record.format), line \(record.location.line): \(text.debugDescription)"
        fuzzCheck(fuzzContains(line, record.text), "text \(record.text.debugDescription) not from its line, \(context)")
        fuzzCheck(record.host.map { fuzzContains(line, $0) } ?? true, "host not from its line, \(context)")
        fuzzCheck(record.identifier.map { fuzzContains(line, $0) } ?? true, "identifier not from its line, \(context)")
    }
}
