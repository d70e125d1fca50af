/// Turns message bytes into text: lossy UTF-8, and the escapes some writers add.
enum TextDecoding {
    /// The bytes as UTF-8; invalid sequences become U+FFFD.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes with the kernel's `\xNN` escapes (which `/dev/kmsg` uses for non-printable bytes,
    /// bytes >= 0x7f and the backslash itself) replaced by the bytes they stand for.
    static func kmsgUnescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        unescaped(bytes, marker: ByteClass.backslash) { bytes, position in
            guard bytes[position + 1] == UInt8(ascii: "x"), let high = ByteClass.hexValue(bytes[position + 2]),
                let low = ByteClass.hexValue(bytes[position + 3])
            else { return nil }
            return high << 4 | low
        }
    }

    /// The bytes with rsyslog's `#NNN` escapes of control characters (`#011` for a tab) decoded.
    ///
    /// Only values rsyslog escapes by default (below 0x20, and 0x7f) are decoded, so text such as
    /// `issue #123` stays as written.
    static func rsyslogUnescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        unescaped(bytes, marker: ByteClass.hash) { bytes, position in
            var value = 0
            for offset in 1...3 {
                let digit = bytes[position + offset]
                guard digit >= ByteClass.zero && digit <= UInt8(ascii: "7") else { return nil }
                value = value * 8 + Int(digit - ByteClass.zero)
            }
            return value < 0x20 || value == 0x7F ? UInt8(value) : nil
        }
    }

    /// Replaces four-byte escapes that start with `marker` and that `decode` accepts.
    private static func unescaped(
        _ bytes: UnsafeBufferPointer<UInt8>,
        marker: UInt8,
        decode: (UnsafeBufferPointer<UInt8>, Int) -> UInt8?
    ) -> String {
        guard bytes.contains(marker) else { return string(bytes) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        while position < bytes.count {
            if bytes[position] == marker, position + 3 < bytes.count, let byte = decode(bytes, position) {
                output.append(byte)
                position += 4
            } else {
                output.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
