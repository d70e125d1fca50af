/// Cuts a byte stream into lines for matching: at `\n` and at `\r` (progress bars redraw with a
/// bare carriage return), dropping empty pieces; a line longer than `maxLength` is cut there.
struct LineSplitter {
    private var pending: [UInt8] = []
    let maxLength: Int

    init(maxLength: Int = 65536) { self.maxLength = maxLength }

    /// Adds bytes and returns the lines they complete.
    mutating func add(_ bytes: UnsafeRawBufferPointer) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                flushPending(into: &lines)
            } else {
                pending.append(byte)
                if pending.count >= maxLength { flushPending(into: &lines) }
            }
        }
        return lines
    }

    /// The unterminated rest, at the end of the stream.
    mutating func finish() -> [String] {
        var lines: [String] = []
        flushPending(into: &lines)
        return lines
    }

    private mutating func flushPending(into lines: inout [String]) {
        if !pending.isEmpty { lines.append(String(decoding: pending, as: UTF8.self)) }
        pending.removeAll(keepingCapacity: true)
    }
}
