package import RocfaultPlatform
/// Reads `/dev/kmsg` on a dedicated thread and delivers its events as an async sequence.
///
/// The device is opened and positioned in the initializer, so a missing device or a permission
/// problem is thrown right there. The thread then blocks in `poll` (never on the cooperative
/// pool) and stops within milliseconds of ``stop()`` or of the consumer cancelling its iteration.
///
/// ```swift
/// let source = try KmsgSource(start: .afterSequence(saved))
/// for try await event in source.events { ... }
/// ```
///
/// The thread stays at most ``KmsgReaderOptions/bufferLimit`` events ahead of the consumer and
/// then stops reading: records wait in the kernel ring, and if the consumer stalls so long that
/// the ring overwrites them, that shows up as an overrun gap rather than as unbounded memory.
package final class KmsgSource: Sendable {
    /// Every event in order. Ends after ``stop()``; ends by throwing ``SystemCallError`` when
    /// reading fails (the end of kmsg coverage).
    package let events: SourceStream<KmsgEvent>

    private let signal: StopSignal

    /// Opens the device and starts the reading thread.
    ///
    /// - Parameters:
    ///   - path: The kmsg device (`--kmsg PATH` in the daemon).
    ///   - start: Where to start in the ring buffer.
    ///   - options: Reader settings.
    /// - Throws: ``SystemCallError`` when the device cannot be opened or positioned.
    package init(
        path: String = "/dev/kmsg",
        start: KmsgStartPosition = .beginning,
        options: KmsgReaderOptions = KmsgReaderOptions()
    ) throws(SystemCallError) {
        let reader = UnsafeTransfer(try KmsgReader(path: path, start: start, options: options))
        let signal = try StopSignal(bufferLimit: options.bufferLimit)
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [KmsgEvent].self)
        continuation.onTermination = { _ in signal.stop() }
        self.events = SourceStream(base: stream, gate: signal.gate)
        self.signal = signal
        DedicatedThread.start(name: options.threadName) {
            Self.run(reader.value, signal: signal, continuation: continuation)
        }
    }

    /// Stops the thread and ends ``events``. Safe to call more than once, from any thread.
    package func stop() {
        signal.stop()
    }

    private static func run(
        _ reader: KmsgReader,
        signal: StopSignal,
        continuation: AsyncThrowingStream<[KmsgEvent], any Error>.Continuation
    ) {
        do {
            while !signal.isStopRequested {
                var batch: [KmsgEvent] = []
                while !signal.isStopRequested, let event = try reader.next() {
                    batch.append(event)
                    if batch.count >= signal.batchLimit {
                        guard signal.deliver(batch, to: continuation) else { break }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                guard signal.deliver(batch, to: continuation) else { break }
                let ready = try Poller.wait(
                    for: [reader.fileDescriptor, signal.wakeDescriptor],
                    timeoutMilliseconds: -1
                )
                if ready.contains(1) { break }
            }
            continuation.finish()
        } catch {
            continuation.finish(throwing: error)
        }
    }
}
