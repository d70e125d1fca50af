@testable import FuzzSupport
@testable import RocfaultCore

/// The `journalctl -o export` stream. Any bytes as the lines after a `__CURSOR=` line, through
/// `LogLineParser` (records in line order, naming a line of the input). Then a round trip: entries
/// made up from the bytes, written as journalctl writes them (`KEY=value`, or `KEY`, a 64-bit
/// little-endian size and the raw bytes for values that are not printable text; a blank line after
/// each entry), read back into the same records as their fields give directly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournalExport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    checkAnyStream(bytes)
    roundTrip(bytes)
    return 0
}

private func parseAll(_ lines: [ArraySlice<UInt8>]) -> [LogRecord] {
    var parser = LogLineParser(file: "journal.export", timeContext: fuzzTimeContext)
    var records: [LogRecord] = []
    for (index, line) in lines.enumerated() {
        if let record = parser.parse(line, lineNumber: index + 1) { records.append(record) }
    }
    while let record = parser.finish() { records.append(record) }
    return records
}

private func checkAnyStream(_ bytes: UnsafeBufferPointer<UInt8>) {
    let lines = [ArraySlice("__CURSOR=s=fuzz".utf8)] + fuzzLines(bytes)
    var previousLine = 0
    for record in parseAll(lines) {
        let number = record.location.line
        fuzzCheck(number >= previousLine && number >= 1 && number <= lines.count, "record line \(number)")
        previousLine = number
    }
}

private let names = [
    "MESSAGE", "_PID", "SYSLOG_PID", "SYSLOG_IDENTIFIER", "_COMM", "_HOSTNAME", "PRIORITY",
    "SYSLOG_FACILITY", "_TRANSPORT", "_BOOT_ID", "__MONOTONIC_TIMESTAMP", "_SOURCE_MONOTONIC_TIMESTAMP",
    "OTHER_FIELD",
]

private func roundTrip(_ bytes: UnsafeBufferPointer<UInt8>) {
    var reader = FuzzByteReader(bytes)
    var stream: [UInt8] = []
    var expected: [LogRecord] = []
    for entry in 0..<(reader.byte() % 4) {
        var fields = JournalFields()
        stream += Array("__CURSOR=s=\(entry)\n".utf8)
        fields.set(name: "__CURSOR", value: Array("s=\(entry)".utf8))
        for _ in 0..<(reader.byte() % 6) {
            let name = names[Int(reader.byte()) % names.count]
            let value = reader.run(limit: 96)
            fields.set(name: name, value: value)
            if isPrintableText(value) {
                stream += Array("\(name)=".utf8) + value + [0x0A]
            } else {
                let size = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(value.count) >> (8 * UInt64($0))) }
                stream += Array("\(name)\n".utf8) + size + value + [0x0A]
            }
        }
        stream.append(0x0A)
        if let record = fields.record(format: .journalExport, location: SourceLocation(file: "", line: 0)) {
            expected.append(record)
        }
    }
    let lines = stream.withUnsafeBufferPointer { fuzzLines($0) }
    let records = parseAll(lines).map { record in
        var record = record
        record.location = SourceLocation(file: "", line: 0)
        return record
    }
    fuzzCheck(records == expected, "\(records.count) records, \(expected.count) expected")
}

/// Whether journalctl writes the value as `KEY=value`: valid UTF-8 without control characters.
private func isPrintableText(_ value: [UInt8]) -> Bool {
    fuzzIsUTF8(value) && !value.contains { $0 < 0x20 || $0 == 0x7F }
}
