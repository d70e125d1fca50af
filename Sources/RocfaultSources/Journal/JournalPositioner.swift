import RocfaultPlatform
/// Moves a fresh ``SDJournal`` to a ``JournalStartPosition``.
enum JournalPositioner {
    /// Where the journal was left.
    struct Positioned {
        /// Whether the start was honoured exactly.
        var outcome: JournalStartOutcome
        /// True when the journal already stands on an entry that must be delivered first
        /// (the closest entry after a vanished cursor).
        var currentIsUnread: Bool
        /// At ``JournalStartPosition/tail``: the cursor of the last entry before the start (nil in an
        /// empty journal), so a caller can save where reading began before reading anything.
        var tailCursor: String? = nil
    }

    /// Positions `journal` so that its next `sd_journal_next` returns the first entry to deliver
    /// (or, with ``Positioned/currentIsUnread``, the current entry is that one).
    static func position(_ journal: SDJournal, at start: JournalStartPosition) throws(SystemCallError) -> Positioned {
        switch start {
        case .head:
            try journal.seekHead()
        case .tail:
            // After seek_tail, step onto the last entry so that `next` returns only newer ones.
            try journal.seekTail()
            if try journal.previous() {
                return Positioned(outcome: .exact, currentIsUnread: false, tailCursor: try journal.cursor())
            }
        case .bootStart(let bootID):
            try journal.addMatch("_BOOT_ID=\(bootID)")
            try journal.seekHead()
        case .bootKernelStart(let bootID):
            try journal.addMatch("_BOOT_ID=\(bootID)")
            try journal.addMatch("_TRANSPORT=kernel")
            try journal.seekHead()
        case .bootFrom(let bootID, let realtime):
            try journal.addMatch("_BOOT_ID=\(bootID)")
            try journal.seekRealtime(realtime)
        case .afterCursor(let cursor):
            return try positionAfter(cursor: cursor, in: journal)
        }
        return Positioned(outcome: .exact, currentIsUnread: false)
    }

    /// Seeks to the cursor and steps onto its entry. If that entry is the cursor's own, it was
    /// delivered before and is passed over; otherwise it is the closest later one and unread.
    private static func positionAfter(cursor: String, in journal: SDJournal) throws(SystemCallError) -> Positioned {
        try journal.seekCursor(cursor)
        guard try journal.next() else { return Positioned(outcome: .cursorEntryMissing, currentIsUnread: false) }
        if try journal.testCursor(cursor) { return Positioned(outcome: .exact, currentIsUnread: false) }
        return Positioned(outcome: .cursorEntryMissing, currentIsUnread: true)
    }
}
