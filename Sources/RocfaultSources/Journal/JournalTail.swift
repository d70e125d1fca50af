package import RocfaultPlatform
/// How far a saved journal cursor is behind the journal's newest entry: what `rocfault status`
/// says of rocfaultd's journal source.
package enum JournalTail {
    /// Where a cursor stands against the journal's end.
    package struct Position: Sendable, Hashable {
        /// The newest entry's time, microseconds since the epoch.
        package var newestMicroseconds: Int64
        /// The time of the cursor's entry; nil when the journal no longer (or never) held it.
        package var cursorMicroseconds: Int64?
        /// Whether the cursor is the newest entry.
        package var cursorIsNewest: Bool
    }

    /// Opens the journal (`mode`), reads its newest entry and the entry at `cursor`. Nil when the
    /// journal is empty.
    package static func position(
        of cursor: String,
        mode: JournalOpenMode = .system
    ) throws(SystemCallError)
        -> Position?
    {
        let journal = try SDJournal(mode)
        try journal.seekTail()
        guard try journal.previous() else { return nil }
        let newest = Int64(try journal.realtime())
        let isNewest = try journal.testCursor(cursor)
        var atCursor: Int64?
        if (try? journal.seekCursor(cursor)) != nil, try journal.next(), try journal.testCursor(cursor) {
            atCursor = Int64(try journal.realtime())
        }
        return Position(newestMicroseconds: newest, cursorMicroseconds: atCursor, cursorIsNewest: isNewest)
    }
}
