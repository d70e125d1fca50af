#if canImport(Glibc)
import Glibc
package import RocfaultPlatform
#endif

/// Reads a file or pipe in large chunks that always end on a line boundary, with memory that
/// stays flat whatever the file size.
///
/// Each ``nextChunk()`` returns a ``FileChunk`` of whole lines, so a caller can run a
/// prefilter over the whole buffer at once and look at single lines only where it matters.
/// The partial line at the end of a `read(2)` is carried over to the next chunk. A line longer
/// than ``maxLineLength`` is handed out in pieces of at most that size (``FileChunk/splitsLine``),
/// never held whole; the buffer is at most `chunkSize + maxLineLength` bytes.
///
/// ```swift
/// let reader = try ChunkedFileReader(path: "big.log")
/// while let chunk = try reader.nextChunk() {
///     guard prefilter.mayMatch(chunk.bytes) else { continue }
///     chunk.forEachLine { line in ... }
/// }
/// ```
///
/// Not thread-safe; chunks are only valid until the next call.
package final class ChunkedFileReader {
    /// The default read size: 4 MiB.
    package static let defaultChunkSize = 4 << 20
    /// The default longest line handed out whole: 16 MiB.
    package static let defaultMaxLineLength = 16 << 20

    /// The path, or the name given for a descriptor (e.g. `<stdin>`), for messages.
    package let name: String
    /// The `read(2)` size.
    package let chunkSize: Int
    /// The longest line handed out in one piece.
    package let maxLineLength: Int
    /// How many lines were too long and were handed out in pieces.
    package private(set) var splitLineCount = 0

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: UnsafeMutableRawBufferPointer
    private var pending = 0..<0
    private var reachedEnd = false
    private var nextLineNumber = 1
    private var nextOffset: UInt64 = 0
    private var continuing = false

    /// Opens a file for reading.
    ///
    /// - Throws: ``SystemCallError`` from `open`, naming the path (e.g. `ENOENT`, `EACCES`).
    package convenience init(
        path: String,
        chunkSize: Int = ChunkedFileReader.defaultChunkSize,
        maxLineLength: Int = ChunkedFileReader.defaultMaxLineLength
    ) throws(SystemCallError) {
        let descriptor = try SystemCall.retrying("open", path: path) { open(path, O_RDONLY | O_CLOEXEC) }
        self.init(
            fileDescriptor: descriptor,
            name: path,
            closesDescriptor: true,
            chunkSize: chunkSize,
            maxLineLength: maxLineLength
        )
    }

    /// Reads from an open descriptor, e.g. standard input (`0`, named `<stdin>`).
    ///
    /// - Parameters:
    ///   - closesDescriptor: Whether the reader closes the descriptor when released.
    ///   - chunkSize: The `read(2)` size, at least 1; capped at `maxLineLength`.
    ///   - maxLineLength: The longest line handed out in one piece, at least 1.
    package init(
        fileDescriptor: Int32,
        name: String,
        closesDescriptor: Bool = false,
        chunkSize: Int = ChunkedFileReader.defaultChunkSize,
        maxLineLength: Int = ChunkedFileReader.defaultMaxLineLength
    ) {
        self.descriptor = fileDescriptor
        self.name = name
        self.ownsDescriptor = closesDescriptor
        self.maxLineLength = max(maxLineLength, 1)
        self.chunkSize = min(max(chunkSize, 1), self.maxLineLength)
        self.buffer = .allocate(byteCount: 2 * self.chunkSize, alignment: 64)
    }

    deinit {
        buffer.deallocate()
        if ownsDescriptor { _ = close(descriptor) }
    }

    /// The buffer's current size, for checking that memory stays flat.
    var bufferCapacity: Int { buffer.count }

    /// The next chunk of whole lines, or `nil` at the end of the input.
    ///
    /// The previous chunk's bytes become invalid.
    /// - Throws: ``SystemCallError`` from `read`, naming the file (e.g. `EISDIR`).
    package func nextChunk() throws(SystemCallError) -> FileChunk? {
        var filled = moveCarryToFront()
        var searched = 0
        while true {
            if let chunk = cut(filled: filled, searchedFrom: searched) { return chunk }
            if reachedEnd { return nil }
            searched = filled
            filled += try readMore(after: filled)
        }
    }

    /// Moves the carried-over partial line to the buffer's start; returns its length.
    private func moveCarryToFront() -> Int {
        let count = pending.count
        if count > 0, pending.lowerBound > 0, let base = buffer.baseAddress {
            memmove(base, base + pending.lowerBound, count)
        }
        pending = 0..<0
        return count
    }

    /// Reads after `filled` bytes, growing the buffer if less than a chunk is free. Returns the
    /// number of bytes read; sets ``reachedEnd`` at the end of input.
    private func readMore(after filled: Int) throws(SystemCallError) -> Int {
        if buffer.count - filled < chunkSize { grow(toHold: filled + chunkSize) }
        let target = buffer.baseAddress! + filled
        let wanted = buffer.count - filled
        let count = try SystemCall.retrying("read", path: name) { read(descriptor, target, wanted) }
        if count == 0 { reachedEnd = true }
        return count
    }

    private func grow(toHold size: Int) {
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
        larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
        buffer.deallocate()
        buffer = larger
    }

    /// Decides whether `buffer[0..<filled]` yields a chunk now: whole lines up to the last
    /// newline, a piece of an over-long line, or the final unterminated line at the end.
    private func cut(filled: Int, searchedFrom searched: Int) -> FileChunk? {
        let data = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
        let firstNewline = FileChunk.newlineIndex(in: data, from: searched)
        if (firstNewline ?? filled) > maxLineLength {
            return emit(count: maxLineLength, filled: filled, splitting: true)
        }
        if let firstNewline {
            let last = Self.lastNewline(in: data, notBefore: firstNewline)
            return emit(count: last + 1, filled: filled, splitting: false)
        }
        if reachedEnd, filled > 0 { return emit(count: filled, filled: filled, splitting: false) }
        return nil
    }

    private func emit(count: Int, filled: Int, splitting: Bool) -> FileChunk {
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
        let newlines = FileChunk.newlineCount(in: bytes)
        let chunk = FileChunk(
            bytes: bytes,
            firstLineNumber: nextLineNumber,
            lineCount: newlines + (bytes.last == UInt8(ascii: "\n") ? 0 : 1),
            offset: nextOffset,
            continuesLine: continuing,
            splitsLine: splitting
        )
        if splitting, !continuing { splitLineCount += 1 }
        nextLineNumber += newlines
        nextOffset += UInt64(count)
        continuing = splitting
        pending = count..<filled
        return chunk
    }

    private static func lastNewline(in data: UnsafeRawBufferPointer, notBefore first: Int) -> Int {
        var index = data.count - 1
        while index > first, data[index] != UInt8(ascii: "\n") { index -= 1 }
        return index
    }
}
