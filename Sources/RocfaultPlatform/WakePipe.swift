#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking, close-on-exec self-pipe that wakes a thread sleeping in `poll()`.
///
/// `wake()` may be called from any thread; the polling thread watches ``readEnd`` and calls
/// ``drain()`` when it becomes readable. The ends are closed when the last reference goes, so a
/// late `wake()` never writes to a closed descriptor. A pipe rather than an `eventfd` because
/// Swift's Glibc module exports neither `eventfd` nor `pipe2`.
package final class WakePipe: Sendable {
    /// The end to put in the `pollfd` array: readable once woken.
    package let readEnd: Int32
    private let writeEnd: Int32

    /// Opens the pipe.
    package init() throws(SystemCallError) {
        var ends: [Int32] = [-1, -1]
        _ = try SystemCall.retrying("pipe") { pipe(&ends) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        _ = close(readEnd)
        _ = close(writeEnd)
    }

    /// Makes ``readEnd`` readable. Never blocks: a full pipe already is readable.
    package func wake() {
        var byte: UInt8 = 1
        _ = try? SystemCall.retrying("write", expecting: [EAGAIN]) { write(writeEnd, &byte, 1) }
    }

    /// Empties the pipe so the next `poll()` sleeps again.
    package func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let outcome = try? SystemCall.retrying("read", expecting: [EAGAIN]) {
                buffer.withUnsafeMutableBytes { Glibc.read(readEnd, $0.baseAddress, $0.count) }
            }
            guard case .value(let count) = outcome, count > 0 else { return }
        }
    }
}
