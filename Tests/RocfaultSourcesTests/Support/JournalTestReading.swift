@testable import RocfaultSources

/// Reading helpers for journal tests.
enum JournalTestReading {
    /// Every entry from `start` to the end of the journal (no follow).
    static func readAll(
        _ mode: JournalOpenMode,
        from start: JournalStartPosition = .head,
        options: JournalReaderOptions = JournalReaderOptions(follow: false)
    ) async throws -> (entries: [JournalEntry], outcome: JournalStartOutcome) {
        var options = options
        options.follow = false
        let reader = try await JournalReader(mode: mode, start: start, options: options)
        var entries: [JournalEntry] = []
        for try await entry in reader.entries { entries.append(entry) }
        return (entries, reader.startOutcome)
    }

    /// Reads a following reader until an entry satisfies `match`, or gives up after `timeout`.
    static func firstEntry(
        from reader: JournalReader,
        timeout: Duration = .seconds(10),
        where match: @escaping @Sendable (JournalEntry) -> Bool
    ) async throws -> JournalEntry? {
        try await withThrowingTaskGroup(of: JournalEntry?.self) { group in
            group.addTask {
                for try await entry in reader.entries where match(entry) { return entry }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            reader.stop()
            return first
        }
    }
}
