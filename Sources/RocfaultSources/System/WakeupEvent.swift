#if canImport(Glibc)
import Glibc
#endif

/// A self-pipe another thread can signal to wake a reader thread blocked in `poll`.
///
/// Signalling is thread-safe; closing is not, so the owner closes it only after no one can
/// signal any more (``KmsgSource`` and ``JournalReader`` guard this with a lock). A pipe rather
/// than an `eventfd` because Swift's Glibc module does not export `eventfd`.
struct WakeupEvent: ~Copyable {
    /// The read end, readable once signalled: poll this.
    let fileDescriptor: Int32
    private let writeEnd: Int32

    /// Creates a non-blocking, close-on-exec pipe (`pipe2` is not exported either).
    init() throws(SystemCallError) {
        var ends: [Int32] = [-1, -1]
        _ = try SystemCall.retrying("pipe") { pipe(&ends) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        fileDescriptor = ends[0]
        writeEnd = ends[1]
    }

    /// Makes the read end readable. Never blocks: a full pipe is already readable.
    func signal() {
        var byte: UInt8 = 1
        _ = try? SystemCall.retrying("write") { write(writeEnd, &byte, 1) }
    }

    deinit {
        _ = close(fileDescriptor)
        _ = close(writeEnd)
    }
}
