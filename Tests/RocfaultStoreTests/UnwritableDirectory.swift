import Foundation

/// Makes a directory unwritable for this process for the duration of `body`, even as root.
///
/// A non-root process gets mode 0555. Root ignores modes, so as root the directory gets the
/// immutable attribute (`chattr +i`), which binds root too; that needs a file system that supports
/// it (ext4, xfs, btrfs). The directory is made writable again afterwards, whatever `body` does.
func withUnwritableDirectory<T>(_ path: String, _ body: () throws -> T) throws -> T {
    if geteuid() == 0 {
        try runChattr("+i", path)
        defer { try? runChattr("-i", path) }
        return try body()
    }
    guard chmod(path, 0o555) == 0 else { throw UnwritableDirectoryError(message: "chmod 0555 \(path) failed") }
    defer { chmod(path, 0o755) }
    return try body()
}

struct UnwritableDirectoryError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

private func runChattr(_ flag: String, _ path: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
    process.arguments = [flag, path]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw UnwritableDirectoryError(
            message: "chattr \(flag) \(path) failed: as root, an unwritable directory needs the immutable attribute"
        )
    }
}
