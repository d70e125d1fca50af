#if canImport(Glibc)
import Glibc
#endif

/// Reads a file (or standard input) in large chunks that always end at a line boundary, so a
/// checker can scan whole buffers at once. Memory stays flat in file size: one reusable buffer plus
/// the carried-over partial line.
public final class ChunkedFileReader {
    /// The name used in errors.
    public let name: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let chunkSize: Int
    private let maximumLineLength: Int

    /// Opens a file. Throws ``FileError`` naming the path when it cannot be opened or is a directory.
    public init(path: String, chunkSize: Int = 4 << 20, maximumLineLength: Int = 16 << 20) throws(FileError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
        var info = stat()
        if fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw FileError(path: path, message: "is a directory")
        }
        name = path
        fd = descriptor
        ownsDescriptor = true
        self.chunkSize = max(chunkSize, 4096)
        self.maximumLineLength = max(maximumLineLength, 4096)
    }

    /// Reads standard input, naming it `name` in errors.
    public init(standardInputNamed name: String, chunkSize: Int = 4 << 20, maximumLineLength: Int = 16 << 20) {
        self.name = name
        fd = 0
        ownsDescriptor = false
        self.chunkSize = max(chunkSize, 4096)
        self.maximumLineLength = max(maximumLineLength, 4096)
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// Calls `body` with each chunk in order. Every chunk but the last ends just after a newline; a
    /// line longer than the maximum is cut into pieces at that length (each piece ends a chunk).
    public func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize + maximumLineLength, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        while true {
            let count = try readSome(into: buffer, from: filled, limit: min(buffer.count, filled + chunkSize))
            if count == 0 {
                if filled > 0 { try body(UnsafeRawBufferPointer(rebasing: buffer[0..<filled])) }
                return
            }
            filled += count
            let cut = Self.lastLineEnd(in: buffer, count: filled) ?? (filled >= maximumLineLength ? filled : nil)
            guard let cut else { continue }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<cut]))
            let rest = filled - cut
            if rest > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + cut, byteCount: rest) }
            filled = rest
        }
    }

    private func readSome(
        into buffer: UnsafeMutableRawBufferPointer,
        from offset: Int,
        limit: Int
    ) throws(FileError)
        -> Int
    {
        while true {
            let count = read(fd, buffer.baseAddress! + offset, limit - offset)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw FileError(path: name, errno: errno)
        }
    }

    private static func lastLineEnd(in buffer: UnsafeMutableRawBufferPointer, count: Int) -> Int? {
        var index = count
        while index > 0 {
            if buffer[index - 1] == UInt8(ascii: "\n") { return index }
            index -= 1
        }
        return nil
    }
}
