import Glibc
import Synchronization
import RocfaultPlatform

/// Reads whatever arrives on a file descriptor (a KFD SMI event descriptor, a pipe, a FIFO) on a
/// thread of its own that sleeps in `poll()`, and hands each read over as it comes. The reader
/// owns the descriptor and closes it when stopped.
package final class DescriptorReader: Sendable {
    /// One read: the bytes and the wall-clock and monotonic times (µs) they were read at.
    package struct Chunk: Sendable {
        /// What `read` returned.
        package var bytes: [UInt8]
        /// Microseconds since the epoch.
        package var realtime: Int64
        /// Microseconds since boot (`CLOCK_MONOTONIC`).
        package var monotonic: UInt64

        /// Creates a chunk.
        package init(bytes: [UInt8], realtime: Int64, monotonic: UInt64) {
            self.bytes = bytes
            self.realtime = realtime
            self.monotonic = monotonic
        }
    }

    /// The reads, in order; finishes at end of file, on an error or after `stop()`.
    package let chunks: AsyncStream<Chunk>
    private let thread: LoopThread

    /// Starts reading `descriptor` (taken over: closed on stop); nil when no thread could start.
    package init?(descriptor: Int32) {
        let (stream, continuation) = AsyncStream.makeStream(of: Chunk.self, bufferingPolicy: .bufferingNewest(4096))
        guard let loop = DescriptorLoop(descriptor: descriptor, continuation: continuation),
            let thread = LoopThread(running: loop)
        else { return nil }
        self.chunks = stream
        self.thread = thread
    }

    deinit { stop() }

    /// Stops the thread and closes the descriptor. Safe to call more than once.
    package func stop() { thread.stop() }
}

/// The reader thread's state.
final class DescriptorLoop: PollingLoop, @unchecked Sendable {
    // The descriptor is read only by the reader thread; `close` runs after that thread was joined.
    private let descriptor: Int32
    private let wake: WakePipe
    private let continuation: AsyncStream<DescriptorReader.Chunk>.Continuation
    private let stopRequested = Atomic(false)

    init?(descriptor: Int32, continuation: AsyncStream<DescriptorReader.Chunk>.Continuation) {
        guard let wake = try? WakePipe() else {
            Glibc.close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.wake = wake
        self.continuation = continuation
    }

    func requestStop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        wake.wake()
    }

    func run() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopRequested.load(ordering: .sequentiallyConsistent) {
            guard let events = try? Poller.wait(for: descriptor, orWake: wake), events & Int16(POLLNVAL) == 0
            else { break }
            guard events & Int16(POLLIN | POLLHUP | POLLERR) != 0 else { continue }
            let outcome = try? SystemCall.retrying("read", expecting: [EAGAIN]) {
                buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            }
            guard let outcome else { break }
            guard case .value(let count) = outcome else { continue }
            guard count > 0 else { break }
            continuation.yield(
                .init(
                    bytes: Array(buffer[0..<count]),
                    realtime: SystemClock.realtimeMicroseconds(),
                    monotonic: UInt64(SystemClock.monotonicMicroseconds())
                )
            )
        }
        continuation.finish()
    }

    func close() {
        Glibc.close(descriptor)
        continuation.finish()
    }
}
