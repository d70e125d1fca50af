#if canImport(Glibc)
import Glibc
#endif

/// A failed system or library call: which call, the `errno` it reported, and the file it was about.
///
/// Every I/O failure of this module is reported as this one error type, whether it came from a
/// syscall returning `-1` with `errno` set or from an sd-journal call returning `-errno`.
package struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name of the failing call, e.g. `open`, `read`, `sd_journal_seek_cursor`.
    package var call: String
    /// The positive `errno` value, e.g. `ENOENT`.
    package var errno: Int32
    /// The file, device or directory the call was about, when there is one.
    package var path: String?
    /// Extra context, e.g. the rejected field name for an `EINVAL` from the journal writer.
    package var detail: String?

    /// Creates an error.
    package init(call: String, errno: Int32, path: String? = nil, detail: String? = nil) {
        self.call = call
        self.errno = errno
        self.path = path
        self.detail = detail
    }

    /// The C library's message for ``errno``, e.g. "No such file or directory".
    package var message: String { String(cString: strerror(errno)) }

    /// `call(path): message (errno N)`, plus the detail when there is one.
    package var description: String {
        let subject = path.map { "\(call)(\($0))" } ?? call
        let base = "\(subject): \(message) (errno \(errno))"
        return detail.map { "\(base): \($0)" } ?? base
    }
}
