#if canImport(Glibc)
import Glibc
#endif

/// Small, failure-tolerant readers for sysfs, procfs and configuration files.
///
/// Every function returns `nil` (or an empty list) on any error: a missing file, permission
/// denied, a directory where a file was expected, a process that exited between two reads.
/// Only regular files are read, so a FIFO or device node planted in a fixture never blocks.
package enum FileIO {
    /// The largest file read unless a caller asks for more.
    package static let defaultLimit = 1 << 20

    /// The bytes of a regular file, at most `limit` of them.
    package static func read(_ path: String, limit: Int = defaultLimit) -> [UInt8]? {
        guard let fd = try? openRegularFile(path) else { return nil }
        defer { close(fd) }
        return readAll(fd, limit: limit)
    }

    /// The bytes of a regular file, the throwing form: fails when the file cannot be opened or
    /// read, is not a regular file (`EINVAL`), or holds more than `limit` bytes (`EFBIG`).
    package static func contents(_ path: String, limit: Int = defaultLimit) throws(SystemCallError) -> [UInt8] {
        let fd = try openRegularFile(path)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try SystemCall.retrying("read", path: path) {
                chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                throw SystemCallError(call: "read", errno: EFBIG, path: path, detail: "larger than \(limit) bytes")
            }
        }
    }

    /// The text of a regular file decoded as UTF-8 (invalid bytes replaced), the throwing form of
    /// ``text(_:limit:)``.
    package static func contentsText(_ path: String, limit: Int = defaultLimit) throws(SystemCallError) -> String {
        String(decoding: try contents(path, limit: limit), as: UTF8.self)
    }

    /// The text of a regular file, decoded as UTF-8 with invalid bytes replaced.
    package static func text(_ path: String, limit: Int = defaultLimit) -> String? {
        read(path, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The file's text with surrounding whitespace removed; `nil` when missing or blank.
    package static func trimmed(_ path: String) -> String? {
        guard let text = text(path, limit: 64 * 1024) else { return nil }
        let value = text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return value.isEmpty ? nil : String(value)
    }

    /// The names in a directory, without `.` and `..`, sorted; empty when unreadable.
    package static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The target of a symbolic link, as stored in the link.
    package static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The canonical absolute path, with every symbolic link resolved.
    package static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether anything exists at the path (following links).
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether the path is a regular file (following links: `/proc/PID/fd/N` names the open file).
    package static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The last `limit` bytes of a regular file (all of it when shorter); nil when unreadable.
    package static func tail(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let start = max(0, Int(info.st_size) - limit)
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) - start)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start)) }
        guard count >= 0 else { return nil }
        return Array(bytes.prefix(count))
    }

    /// The first `limit` bytes of a regular file (all of it when shorter); nil when the path is not
    /// a readable regular file. A pipe or a terminal is never read: what a sniff reads from a pipe
    /// (`rocfault check <(journalctl -k)` hands over `/dev/fd/63`) would be gone for the real read.
    package static func head(_ path: String, limit: Int) -> [UInt8]? {
        guard let fd = try? openRegularFile(path) else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: limit)
        let read = try? SystemCall.retrying("pread", path: path) {
            bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        }
        guard let count = read else { return nil }
        return Array(bytes.prefix(count))
    }

    /// Whether a descriptor is a pipe, or a regular file with something in it: input someone
    /// meant to give (`journalctl -k | rocfault check`, `< dmesg.txt`), unlike a terminal or
    /// `/dev/null`.
    package static func carriesInput(_ fd: Int32) -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFIFO || (type == S_IFREG && info.st_size > 0)
    }

    /// Whether the path is a directory (following links).
    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Writes all of `bytes` to a descriptor: short writes continue, `EINTR` is retried, and on a
    /// non-blocking descriptor `EAGAIN` waits in `poll` until there is room.
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws(SystemCallError) {
        var offset = 0
        while offset < bytes.count {
            let outcome = try SystemCall.retrying("write", expecting: [EAGAIN]) {
                Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            }
            switch outcome {
            case .value(let written): offset += written
            case .expectedError: _ = try Poller.wait(for: [fd], events: [Int16(POLLOUT)], timeoutMilliseconds: -1)
            }
        }
    }

    /// Opens a path for reading without blocking on a FIFO or taking a terminal, and checks it is
    /// a regular file.
    private static func openRegularFile(_ path: String) throws(SystemCallError) -> Int32 {
        let fd = try SystemCall.retrying("open", path: path) {
            open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw SystemCallError(call: "open", errno: EINVAL, path: path, detail: "not a regular file")
        }
        return fd
    }

    private static func readAll(_ fd: Int32, limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let read = try? SystemCall.retrying("read") {
                chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, wanted) }
            }
            guard let count = read else { return bytes.isEmpty ? nil : bytes }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}
