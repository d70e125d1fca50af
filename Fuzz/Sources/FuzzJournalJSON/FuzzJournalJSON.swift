@testable import FuzzSupport
@testable import RocfaultCore

/// `journalctl -o json` lines. Any bytes as a line through `JournalJSONParser` and `LogLineParser`
/// (no trap, a record only from an accepted object). Then a round trip: journal fields made up from
/// the bytes, written as journalctl writes them (strings, byte arrays for binary values, arrays for
/// repeated fields), read back into the same record as the fields give directly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournalJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    checkAnyLine(bytes)
    roundTrip(bytes)
    return 0
}

private let location = SourceLocation(file: "journal.json", line: 1)

private func checkAnyLine(_ bytes: UnsafeBufferPointer<UInt8>) {
    let line = LineInput(bytes: bytes, location: location, time: fuzzTimeContext)
    if case .record(let record) = JournalJSONParser.parse(line) {
        fuzzCheck(JSONLineReader.readObject(bytes) { _, _ in }, "a record from a line that is not an object")
        fuzzCheck(record.format == .journalJSON, "format")
    }
    var parser = LogLineParser(file: "journal.json", timeContext: fuzzTimeContext)
    _ = parser.parse(bytes, lineNumber: 1)
    while parser.finish() != nil {}
}

private let names = [
    "MESSAGE", "_PID", "SYSLOG_PID", "SYSLOG_IDENTIFIER", "_COMM", "_HOSTNAME", "PRIORITY",
    "SYSLOG_FACILITY", "_TRANSPORT", "_BOOT_ID", "__REALTIME_TIMESTAMP", "__MONOTONIC_TIMESTAMP",
    "_SOURCE_REALTIME_TIMESTAMP", "_SOURCE_MONOTONIC_TIMESTAMP", "__CURSOR", "OTHER_FIELD",
]

private func roundTrip(_ bytes: UnsafeBufferPointer<UInt8>) {
    var reader = FuzzByteReader(bytes)
    var expected = JournalFields()
    var members: [[UInt8]] = []
    for _ in 0..<(reader.byte() % 8) {
        let name = names[Int(reader.byte()) % names.count]
        let kind = reader.byte() % 4
        let value = reader.run(limit: 64)
        let written: [UInt8]
        switch kind {
        case 0:
            written = fuzzJSONString(Array(String(decoding: value, as: UTF8.self).utf8))
            expected.set(name: name, value: Array(String(decoding: value, as: UTF8.self).utf8))
        case 1:
            written = Array("[\(value.map(String.init).joined(separator: ","))]".utf8)
            expected.set(name: name, value: value)
        case 2:
            let first = Array(String(decoding: value, as: UTF8.self).utf8)
            written = Array("[".utf8) + fuzzJSONString(first) + Array(",\"second\"]".utf8)
            expected.set(name: name, value: first)
        default:
            written = Array("null".utf8)
        }
        members.append(fuzzJSONString(Array(name.utf8)) + Array(": ".utf8) + written)
    }
    let line = Array("{".utf8) + Array(members.joined(separator: Array(", ".utf8))) + Array("}".utf8)
    let outcome = line.withUnsafeBufferPointer { buffer in
        JournalJSONParser.parse(LineInput(bytes: buffer, location: location, time: fuzzTimeContext))
    }
    let want = expected.record(format: .journalJSON, location: location)
    switch outcome {
    case .record(let record): fuzzCheck(record == want, "record differs from its fields")
    case .noMessage: fuzzCheck(want == nil && expected.hasJournalFields, "no message")
    case .notJournal: fuzzCheck(!expected.hasMessage && !expected.hasJournalFields, "not read as journal")
    }
}
