package import RocfaultCore

/// Stops the fuzzer with a message when an invariant does not hold; libFuzzer saves the input.
package func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz invariant: \(message())") }
}

/// The time context every target parses with (2026-01-01T00:00:00Z, UTC).
package let fuzzTimeContext = TimeContext(referenceRealtimeMicroseconds: 1_767_225_600_000_000)

/// The input split at `\n`, as `journalctl` output and log files are (carriage returns kept).
package func fuzzLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [ArraySlice<UInt8>] {
    Array(bytes).split(separator: 0x0A, omittingEmptySubsequences: false)
}

/// Whether the bytes are valid UTF-8.
package func fuzzIsUTF8(_ bytes: some Collection<UInt8>) -> Bool {
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}

/// Whether `part`'s UTF-8 bytes occur in `bytes` (byte by byte, not by grapheme cluster as
/// `String.contains` compares).
package func fuzzContains(_ bytes: some Collection<UInt8>, _ part: String) -> Bool {
    let haystack = Array(bytes)
    let needle = Array(part.utf8)
    guard needle.count <= haystack.count else { return false }
    if needle.isEmpty { return true }
    return (0...haystack.count - needle.count).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
}

/// Takes structured values from the fuzzer's bytes, to build well-formed inputs for round trips.
/// Past the end every value is zero or empty.
package struct FuzzByteReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// A reader at the start of `bytes`.
    package init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Whether every byte was taken.
    package var isAtEnd: Bool { index >= bytes.count }

    /// The next byte, zero past the end.
    package mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// A number from the next `count` bytes, little-endian.
    package mutating func number(bytes count: Int) -> UInt64 {
        (0..<count).reduce(UInt64(0)) { value, shift in value | UInt64(byte()) << (8 * UInt64(shift)) }
    }

    /// The next run of up to `limit` bytes: a length byte, then that many bytes.
    package mutating func run(limit: Int = 255) -> [UInt8] {
        let count = min(Int(byte()), limit, bytes.count - min(index, bytes.count))
        defer { index += count }
        return Array(bytes[index..<index + count])
    }
}

/// A JSON string literal for bytes: quotes and backslashes escaped, control characters as `\u00XX`,
/// other bytes as they are.
package func fuzzJSONString(_ bytes: [UInt8]) -> [UInt8] {
    var output = Array("\"".utf8)
    let digits = Array("0123456789abcdef".utf8)
    for byte in bytes {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), byte]
        case 0..<0x20: output += Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 15)]]
        default: output.append(byte)
        }
    }
    return output + Array("\"".utf8)
}
