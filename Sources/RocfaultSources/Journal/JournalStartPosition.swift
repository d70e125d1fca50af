/// Where a ``JournalReader`` starts.
package enum JournalStartPosition: Sendable, Hashable {
    /// The oldest entry available.
    case head
    /// Only entries added from now on.
    case tail
    /// The entry after a saved cursor (``JournalEntry/cursor``). The cursor's own entry is not
    /// delivered again. If it no longer exists (vacuumed or rotated away), reading continues at
    /// the closest later entry and ``JournalReader/startOutcome`` says so.
    case afterCursor(String)
    /// The first entry of a boot, reading only that boot's entries (a `_BOOT_ID=` match).
    case bootStart(String)
    /// The first kernel entry of a boot, reading only that boot's kernel entries (`_BOOT_ID=` and
    /// `_TRANSPORT=kernel` matches): a report's boot-long kernel log without the rest of the boot.
    case bootKernelStart(String)
    /// The first entry of a boot at or after a wall-clock time in microseconds, reading only that
    /// boot's entries: a report's window without reading the boot from its start.
    case bootFrom(String, realtimeMicroseconds: UInt64)
}
