import Foundation
import Glibc

/// Writes lines into the real `/dev/kmsg`, as root, for tests that read them back.
///
/// Each line goes through a fresh open: the kernel rate-limits writes per open file
/// (`printk_devkmsg=ratelimit`, 10 lines per 5 s), not per process.
package enum KmsgTestWriter {
    /// A marker unique to this test run, to find one's own records among everything else.
    package static func uniqueMarker(_ label: String) -> String {
        "rocfault-test-\(label)-\(UUID().uuidString.prefix(13).lowercased())"
    }

    /// Writes one record. The kernel stores it with facility `LOG_USER` (or the facility given
    /// in the `<N>` prefix if that is non-zero) and the level from the prefix.
    ///
    /// A newline is appended when missing: without one the kernel keeps the record open for a
    /// continuation, and readers do not see it until the next record is written.
    package static func write(_ line: [UInt8], path: String = "/dev/kmsg") throws {
        let bytes = line.last == UInt8(ascii: "\n") ? line : line + [UInt8(ascii: "\n")]
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Writes one text record.
    package static func write(_ line: String, path: String = "/dev/kmsg") throws {
        try write(Array(line.utf8), path: path)
    }
}
