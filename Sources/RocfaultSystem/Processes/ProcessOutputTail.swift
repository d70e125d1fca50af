import RocfaultPlatform
/// The last lines a process wrote to a regular file (its redirected stdout or stderr).
package enum ProcessOutputTail {
    /// The last `count` non-empty lines of the file at `path` (at most its last `byteLimit` bytes),
    /// oldest first; empty when it cannot be read. Invalid UTF-8 is repaired, never fatal.
    package static func lastLines(of path: String, count: Int = 20, byteLimit: Int = 16_384) -> [String] {
        guard count > 0, let bytes = FileIO.tail(path, limit: byteLimit) else { return [] }
        var lines = bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        // A cut first line is a fragment, unless the whole file fit.
        if bytes.count == byteLimit, !lines.isEmpty { lines.removeFirst() }
        return Array(lines.filter { !$0.allSatisfy(\.isWhitespace) }.suffix(count))
    }
}
