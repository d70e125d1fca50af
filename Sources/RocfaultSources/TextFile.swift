import RocfaultPlatform

#if canImport(Glibc)
import Glibc
#endif

/// Small whole-file reads for configuration-sized files (rule files, sysfs attributes).
public enum TextFile {
    /// Reads a file as UTF-8 (invalid bytes replaced). Refuses files over `limit` bytes.
    public static func read(_ path: String, limit: Int = 16 << 20) throws(FileError) -> String {
        let bytes = try readBytes(path, limit: limit)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads a file's bytes. Refuses files over `limit` bytes.
    public static func readBytes(_ path: String, limit: Int = 16 << 20) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count: Int
            do {
                count = try SystemCall.retrying("read", path: path) {
                    buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                }
            } catch { throw FileError(path: path, errno: error.errno) }
            if count == 0 { break }
            result += buffer[0..<count]
            if result.count > limit { throw FileError(path: path, message: "larger than \(limit) bytes") }
        }
        return result
    }
}

/// A file that could not be read, with the path and the reason.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path.
    public var path: String
    /// Why.
    public var message: String

    /// Creates an error from an errno value.
    public init(path: String, errno code: Int32) {
        self.path = path
        self.message = String(cString: strerror(code))
    }

    /// Creates an error with a message.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
