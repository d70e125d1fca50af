/// What the ``JournalReader`` thread does, from opening the journal to closing it.
struct JournalReadingSession: Sendable {
    /// Which journal.
    var mode: JournalOpenMode
    /// Where to start.
    var start: JournalStartPosition
    /// Reader settings.
    var options: JournalReaderOptions
    /// Stops the loop.
    var signal: StopSignal

    /// Opens and positions the journal, reports the outcome through `opened`, then delivers
    /// entries until stopped (or the end, without follow). Runs on the dedicated thread.
    func run(
        opened: (Result<JournalStartOutcome, SystemCallError>) -> Void,
        continuation: AsyncThrowingStream<JournalEntry, any Error>.Continuation
    ) {
        let journal: SDJournal
        let positioned: JournalPositioner.Positioned
        do {
            journal = try SDJournal(mode)
            if options.follow { _ = try journal.fileDescriptor() }
            positioned = try JournalPositioner.position(journal, at: start)
        } catch {
            opened(.failure(error))
            continuation.finish(throwing: error)
            return
        }
        opened(.success(positioned.outcome))
        do {
            try deliver(from: journal, currentIsUnread: positioned.currentIsUnread, to: continuation)
            continuation.finish()
        } catch {
            continuation.finish(throwing: error)
        }
    }

    private func deliver(
        from journal: SDJournal,
        currentIsUnread: Bool,
        to continuation: AsyncThrowingStream<JournalEntry, any Error>.Continuation
    ) throws(SystemCallError) {
        let loader = JournalEntryLoader(decoder: JournalEntryDecoder(options: options, sourceName: mode.sourceName))
        if currentIsUnread, !signal.deliver(try loader.load(from: journal), to: continuation) { return }
        while !signal.isStopRequested {
            while !signal.isStopRequested, try journal.next() {
                guard signal.deliver(try loader.load(from: journal), to: continuation) else { return }
            }
            guard options.follow, try waitForChanges(in: journal) else { return }
        }
    }

    /// Waits for the journal to change or for a stop; false when stopped.
    private func waitForChanges(in journal: SDJournal) throws(SystemCallError) -> Bool {
        let ready = try Poller.wait(
            for: [try journal.fileDescriptor(), signal.wakeDescriptor],
            events: [try journal.pollEvents()],
            timeoutMilliseconds: try journal.pollTimeoutMilliseconds()
        )
        if ready.contains(1) || signal.isStopRequested { return false }
        try journal.process()
        return true
    }
}
