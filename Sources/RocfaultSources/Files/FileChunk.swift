#if canImport(Glibc)
import Glibc
#endif

/// A run of whole lines read from a file by ``ChunkedFileReader``.
///
/// ``bytes`` ends right after a newline, except for the file's final line when it has no
/// newline, and except when a line longer than the reader's maximum was cut (then the chunk is
/// that one piece, and ``splitsLine`` is true). The buffer belongs to the reader: it is valid
/// until the next call to ``ChunkedFileReader/nextChunk()`` or until the reader is released.
package struct FileChunk {
    /// The bytes, newlines included. Valid until the reader's next `nextChunk()`.
    package let bytes: UnsafeRawBufferPointer
    /// The 1-based number of the first line in the chunk.
    package let firstLineNumber: Int
    /// How many lines (or line pieces) the chunk holds.
    package let lineCount: Int
    /// The file offset of the chunk's first byte.
    package let offset: UInt64
    /// True when the chunk starts with the rest of a line cut at the previous chunk's end.
    package let continuesLine: Bool
    /// True when the chunk is one piece of a line longer than the maximum line length, cut
    /// here; the next chunk continues the same line number.
    package let splitsLine: Bool

    /// Calls `body` with each line of the chunk, in order.
    package func forEachLine(_ body: (FileLine) throws -> Void) rethrows {
        var start = 0
        var number = firstLineNumber
        while start < bytes.count {
            let end = Self.newlineIndex(in: bytes, from: start) ?? bytes.count
            let isPiece = (start == 0 && continuesLine) || (end == bytes.count && splitsLine)
            try body(
                FileLine(
                    number: number,
                    bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<end]),
                    offset: offset + UInt64(start),
                    isPiece: isPiece
                )
            )
            start = end + 1
            number += 1
        }
    }

    /// The index of the first `\n` at or after `start`.
    static func newlineIndex(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// How many `\n` bytes `bytes` holds.
    static func newlineCount(in bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var start = 0
        while let index = newlineIndex(in: bytes, from: start) {
            count += 1
            start = index + 1
        }
        return count
    }
}
