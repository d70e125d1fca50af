/// Parses the bytes of one `/dev/kmsg` `read()` into a ``KmsgRecord``.
///
/// Tolerant by design: unknown header fields after the flags are ignored, a missing flags field is
/// accepted, and anything that lacks the `prio,seq,usec` header yields `nil` rather than a crash.
enum KmsgRecordParser {
    private static let newline = UInt8(ascii: "\n")
    private static let semicolon = UInt8(ascii: ";")
    private static let comma = UInt8(ascii: ",")
    private static let space = UInt8(ascii: " ")
    private static let equals = UInt8(ascii: "=")

    /// Parses one record, or returns `nil` when the header is malformed.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> KmsgRecord? {
        let messageEnd = firstIndex(of: newline, in: bytes, from: 0) ?? bytes.count
        guard let headerEnd = firstIndex(of: semicolon, in: bytes, from: 0), headerEnd < messageEnd,
            let header = parseHeader(UnsafeRawBufferPointer(rebasing: bytes[0..<headerEnd]))
        else { return nil }
        let text = KmsgTextUnescaper.unescape(UnsafeRawBufferPointer(rebasing: bytes[(headerEnd + 1)..<messageEnd]))
        let properties = parseProperties(bytes, from: min(messageEnd + 1, bytes.count))
        return KmsgRecord(
            priorityValue: header.priority,
            sequence: header.sequence,
            monotonicMicroseconds: header.microseconds,
            flags: header.flags,
            text: text,
            properties: properties
        )
    }

    private struct Header {
        var priority: UInt32
        var sequence: UInt64
        var microseconds: UInt64
        var flags: String
    }

    private static func parseHeader(_ bytes: UnsafeRawBufferPointer) -> Header? {
        let fields = bytes.split(separator: comma, omittingEmptySubsequences: false)
        guard fields.count >= 3,
            let priority = decimal(fields[0]).flatMap({ UInt32(exactly: $0) }),
            let sequence = decimal(fields[1]),
            let microseconds = decimal(fields[2])
        else { return nil }
        let flags = fields.count > 3 ? String(decoding: fields[3], as: UTF8.self) : "-"
        return Header(priority: priority, sequence: sequence, microseconds: microseconds, flags: flags)
    }

    /// Reads the ` KEY=value` lines that follow the message line.
    private static func parseProperties(_ bytes: UnsafeRawBufferPointer, from start: Int) -> [String: String] {
        var properties: [String: String] = [:]
        var lineStart = start
        while lineStart < bytes.count {
            let lineEnd = firstIndex(of: newline, in: bytes, from: lineStart) ?? bytes.count
            if bytes[lineStart] == space, let split = firstIndex(of: equals, in: bytes, from: lineStart),
                split < lineEnd
            {
                let key = String(
                    decoding: UnsafeRawBufferPointer(rebasing: bytes[(lineStart + 1)..<split]),
                    as: UTF8.self
                )
                let value = KmsgTextUnescaper.unescape(UnsafeRawBufferPointer(rebasing: bytes[(split + 1)..<lineEnd]))
                properties[key] = String(decoding: value, as: UTF8.self)
            }
            lineStart = lineEnd + 1
        }
        return properties
    }

    private static func decimal(_ digits: Slice<UnsafeRawBufferPointer>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    private static func firstIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }
}
