/// Undoes the kernel's `/dev/kmsg` escaping.
///
/// The kernel writes every byte below 0x20, at or above 0x7f, and the backslash itself as `\xNN`,
/// so the escaping is unambiguous. A backslash that does not start a valid `\xNN` is kept as is.
enum KmsgTextUnescaper {
    /// Returns `bytes` with each `\xNN` replaced by the byte it encodes.
    static func unescape(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), let decoded = escapedByte(in: bytes, at: index) {
                output.append(decoded)
                index += 4
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// The byte encoded by a `\xNN` sequence starting at `index`, if there is one.
    private static func escapedByte(in bytes: UnsafeRawBufferPointer, at index: Int) -> UInt8? {
        guard index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "x"),
            let high = hexValue(bytes[index + 2]), let low = hexValue(bytes[index + 3])
        else { return nil }
        return high << 4 | low
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
