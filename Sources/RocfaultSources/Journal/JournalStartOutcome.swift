/// How a ``JournalReader`` could honour its ``JournalStartPosition``.
package enum JournalStartOutcome: Sendable, Hashable {
    /// Exactly where asked: at the head, the tail, a boot's start, or right after the saved
    /// cursor's entry, which was found.
    case exact
    /// The saved cursor's entry no longer exists; reading starts at the closest later entry.
    /// Entries between the cursor and there may have been lost: a coverage gap of unknown size.
    case cursorEntryMissing
}
