import Glibc

/// A non-blocking pipe that wakes a thread sleeping in `poll()`.
///
/// `wake()` may be called from any thread; the polling thread watches `readEnd` and calls
/// `drain()` when it becomes readable.
final class WakePipe: Sendable {
    /// The end to put in the `pollfd` array.
    let readEnd: Int32
    private let writeEnd: Int32

    /// Opens the pipe; `nil` when the process is out of descriptors.
    init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Makes `readEnd` readable. A full pipe already is, so a failed write is harmless.
    func wake() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe so the next `poll()` sleeps again.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ Glibc.read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
    }
}
