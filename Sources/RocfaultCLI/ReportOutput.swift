import Foundation
import RocfaultPlatform

#if canImport(Glibc)
import Glibc
#endif

/// Writes a report archive: to `-o PATH` (a file, or a directory to put the default name in), or
/// to the current directory; through a temporary file moved into place, mode 0600. An existing file
/// is replaced only when asked (`--force`).
enum ReportOutput {
    /// The path the archive goes to.
    static func destination(option: String?, defaultName: String) -> String {
        guard let option else { return FileManager.default.currentDirectoryPath + "/" + defaultName }
        var info = stat()
        if option.hasSuffix("/") || (stat(option, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR) {
            return (option.hasSuffix("/") ? option : option + "/") + defaultName
        }
        return option
    }

    /// Writes `bytes` to `path`, or throws a one-line ``CLIError``; an existing `path` is replaced only
    /// when `replacing`, else the write fails (exit 2) and leaves it as it was.
    static func write(_ bytes: [UInt8], to path: String, replacing: Bool) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.rocfault-report-\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(path, errno) }
        let failed = bytes.withUnsafeBytes { raw -> SystemCallError? in
            do throws(SystemCallError) { try FileIO.writeAll(raw, to: fd) } catch { return error }
            return nil
        }
        if let failed {
            close(fd)
            unlink(temporary)
            throw failure(path, failed.errno)
        }
        let synced = fsync(fd) == 0 ? 0 : errno
        close(fd)
        if synced != 0 {
            unlink(temporary)
            throw failure(path, synced)
        }
        try move(temporary, to: path, replacing: replacing)
    }

    /// Renames `temporary` to `path`; without `replacing`, hard-links it instead, which fails when
    /// `path` exists, so a file made between a check and the write is never overwritten either.
    private static func move(_ temporary: String, to path: String, replacing: Bool) throws {
        defer { unlink(temporary) }
        if replacing {
            guard rename(temporary, path) == 0 else { throw failure(path, errno) }
            return
        }
        if link(temporary, path) == 0 { return }
        let code = errno
        if code == EEXIST { throw exists(path) }
        // File systems without hard links (vfat): check, then rename.
        guard code == EPERM || code == EOPNOTSUPP else { throw failure(path, code) }
        if access(path, F_OK) == 0 { throw exists(path) }
        guard rename(temporary, path) == 0 else { throw failure(path, errno) }
    }

    private static func exists(_ path: String) -> CLIError {
        CLIError.usage("\(path) exists; give --force to replace it, or -o another path")
    }

    private static func failure(_ path: String, _ code: Int32) -> CLIError {
        CLIError.usage("cannot write the report to \(path): \(String(cString: strerror(code)))")
    }
}
