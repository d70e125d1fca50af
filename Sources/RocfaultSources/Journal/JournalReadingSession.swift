import RocfaultPlatform
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
        opened: (Result<JournalPositioner.Positioned, SystemCallError>) -> Void,
        continuation: AsyncThrowingStream<[JournalEntry], any Error>.Continuation
    ) {
        var journal: SDJournal
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
        opened(.success(positioned))
        do {
            try deliver(from: &journal, currentIsUnread: positioned.currentIsUnread, to: continuation)
            continuation.finish()
        } catch {
            continuation.finish(throwing: error)
        }
    }

    private func deliver(
        from journal: inout SDJournal,
        currentIsUnread: Bool,
        to continuation: AsyncThrowingStream<[JournalEntry], any Error>.Continuation
    ) throws(SystemCallError) {
        var loader = JournalEntryLoader(decoder: JournalEntryDecoder(options: options, sourceName: mode.sourceName))
        if currentIsUnread, !signal.deliver([try loader.load(from: journal)], to: continuation) { return }
        var batch: [JournalEntry] = []
        var delivered = 0
        var reopened = false
        while !signal.isStopRequested {
            while !signal.isStopRequested, try journal.next() {
                batch.append(try loader.load(from: journal, withCursor: options.cursorOfEveryEntry))
                delivered += 1
                if batch.count >= signal.batchLimit {
                    guard try deliver(&batch, from: journal, to: continuation) else { return }
                }
            }
            guard try deliver(&batch, from: journal, to: continuation) else { return }
            guard options.follow else { return }
            if !reopened && delivered >= Self.backlogReopenThreshold {
                // Reading a large backlog leaves sd-journal holding mapped windows of every file it
                // went through; a fresh handle at the same place lets the follower live small.
                reopened = true
                // Assigning through `inout` releases the old handle here, which closes it.
                journal = try reopen(after: try journal.cursor(), loader: &loader, continuation: continuation)
            }
            guard try waitForChanges(in: journal) else { return }
        }
    }

    /// Hands a batch over and empties it; false when stopped. The journal is still at the batch's
    /// last entry (after the last `next()` that found nothing, sd-journal stays where it was), so
    /// that entry gets its cursor here when entries are read without one.
    private func deliver(
        _ batch: inout [JournalEntry],
        from journal: SDJournal,
        to continuation: AsyncThrowingStream<[JournalEntry], any Error>.Continuation
    ) throws(SystemCallError) -> Bool {
        guard let last = batch.indices.last else { return true }
        if batch[last].cursor.isEmpty { batch[last].cursor = try journal.cursor() }
        guard signal.deliver(batch, to: continuation) else { return false }
        batch.removeAll(keepingCapacity: true)
        return true
    }

    /// Entries read before the first catch-up after which the handle is reopened.
    static let backlogReopenThreshold = 10_000

    private func reopen(
        after cursor: String,
        loader: inout JournalEntryLoader,
        continuation: AsyncThrowingStream<[JournalEntry], any Error>.Continuation
    ) throws(SystemCallError) -> SDJournal {
        let fresh = try SDJournal(mode)
        _ = try fresh.fileDescriptor()
        let positioned = try JournalPositioner.position(fresh, at: .afterCursor(cursor))
        if positioned.currentIsUnread { _ = signal.deliver([try loader.load(from: fresh)], to: continuation) }
        return fresh
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
