@testable import FuzzSupport
@testable import RocfaultCore

/// Raw `/dev/kmsg` records. Any bytes as one record line: a record's fields come from its header
/// and its text from after the `;`. Then a round trip: a record made up from the bytes, written as
/// the kernel writes it (non-printable bytes and `\` as `\xNN`), reads back exactly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKmsg(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    checkAnyLine(bytes)
    roundTrip(bytes)
    return 0
}

private func checkAnyLine(_ bytes: UnsafeBufferPointer<UInt8>) {
    let line = LineInput(bytes: bytes, location: SourceLocation(file: "kmsg", line: 1), time: fuzzTimeContext)
    guard let record = KmsgLineParser.parse(line) else { return }
    fuzzCheck(record.format == .kmsg && (0...7).contains(record.priority ?? -1), "format and level")
    guard let semicolon = bytes.firstIndex(of: UInt8(ascii: ";")) else {
        return fuzzCheck(false, "a record without ';'")
    }
    let header = String(decoding: bytes[..<semicolon], as: UTF8.self)
    let fields = header.split(separator: ",", omittingEmptySubsequences: false)
    fuzzCheck(fields.count >= 4, "header fields: \(header)")
    fuzzCheck(UInt64(fields[1]) == record.kmsgSequence, "sequence \(header)")
    fuzzCheck(UInt64(fields[2]) == record.monotonicMicroseconds, "time \(header)")
    let text = bytes[(semicolon + 1)...]
    if !text.contains(UInt8(ascii: "\\")) {
        fuzzCheck(record.text == String(decoding: text, as: UTF8.self), "text without escapes")
    }
}

private func roundTrip(_ bytes: UnsafeBufferPointer<UInt8>) {
    var reader = FuzzByteReader(bytes)
    let priority = reader.number(bytes: 2) % 10_000
    let sequence = reader.number(bytes: 8) % 10_000_000_000_000_000_000
    let microseconds = reader.number(bytes: 8) % 10_000_000_000_000_000_000
    let flags = ["-", "c", "+", "-,caller=T1234", "c,caller=C0"][Int(reader.byte()) % 5]
    let message = reader.run()
    var line = Array("\(priority),\(sequence),\(microseconds),\(flags);".utf8)
    for byte in message {
        if byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\") {
            line += Array(String(format2Hex: byte).utf8)
        } else {
            line.append(byte)
        }
    }
    var parser = LogLineParser(file: "kmsg", timeContext: fuzzTimeContext)
    let record = parser.parse(line, lineNumber: 1)
    fuzzCheck(record?.format == .kmsg, "not read as kmsg: \(String(decoding: line, as: UTF8.self))")
    fuzzCheck(record?.kmsgSequence == sequence && record?.monotonicMicroseconds == microseconds, "numbers")
    fuzzCheck(record?.priority == Int(priority & 7), "level")
    fuzzCheck(record?.origin == (priority >> 3 == 0 ? .kernel : .userspace), "origin by facility")
    fuzzCheck(record?.text == String(decoding: message, as: UTF8.self), "text round trip")
    fuzzCheck(parser.parse(Array(" SUBSYSTEM=pci".utf8), lineNumber: 2) == nil, "continuation line")
}

extension String {
    /// `\xNN` with lowercase hex digits, as the kernel escapes a byte.
    fileprivate init(format2Hex byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }
}
