package import RocfaultPlatform
/// Reads a journal through sd-journal on one dedicated thread and delivers entries as an async
/// sequence.
///
/// The sd-journal handle is created, used and closed on that thread only (sd-journal is not
/// thread-safe, and blocking calls must stay off Swift's cooperative pool). Opening and
/// positioning happen before the initializer returns, so their errors are thrown there. In
/// follow mode the thread waits in `poll` on the journal's inotify descriptor and a wake-up
/// pipe, so ``stop()`` and cancelling the consumer end it at once.
///
/// ```swift
/// let reader = try await JournalReader(mode: .system, start: .afterCursor(saved))
/// for try await entry in reader.entries { save(entry.cursor); ... }
/// ```
package final class JournalReader: Sendable {
    /// The entries in journal order. Ends after ``stop()``, or (without follow) after the last
    /// entry; ends by throwing ``SystemCallError`` when reading fails.
    /// The reader stays at most ``JournalReaderOptions/bufferLimit`` entries ahead of the
    /// consumer, so scanning a large journal does not pile it up in memory.
    package let entries: SourceStream<JournalEntry>
    /// Whether the start position was honoured exactly (see ``JournalStartOutcome``).
    package let startOutcome: JournalStartOutcome
    /// Started at ``JournalStartPosition/tail``: the cursor of the last entry before the start (nil
    /// in an empty journal). Saving it at once means a restart reads every entry written after.
    package let tailCursor: String?

    private let signal: StopSignal

    /// Opens the journal on a new thread, positions it and starts delivering entries.
    ///
    /// - Throws: ``SystemCallError`` from opening or seeking (e.g. `EINVAL` for a malformed
    ///   cursor, `ENOENT` for a missing directory).
    package init(
        mode: JournalOpenMode = .system,
        start: JournalStartPosition = .tail,
        options: JournalReaderOptions = JournalReaderOptions()
    ) async throws(SystemCallError) {
        let signal = try StopSignal(bufferLimit: options.bufferLimit)
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [JournalEntry].self)
        continuation.onTermination = { _ in signal.stop() }
        let session = JournalReadingSession(mode: mode, start: start, options: options, signal: signal)
        let outcome: Result<JournalPositioner.Positioned, SystemCallError> = await withCheckedContinuation { opened in
            DedicatedThread.start(name: options.threadName) {
                session.run(opened: { opened.resume(returning: $0) }, continuation: continuation)
            }
        }
        self.entries = SourceStream(base: stream, gate: signal.gate)
        self.signal = signal
        let positioned = try outcome.get()
        self.startOutcome = positioned.outcome
        self.tailCursor = positioned.tailCursor
    }

    /// Stops the thread and ends ``entries``. Safe to call more than once, from any thread.
    package func stop() {
        signal.stop()
    }
}
