package import RocfaultCore

/// One journal entry: the record the classifier needs, the cursor to resume after it, and the
/// extra fields that are not part of a ``LogRecord``.
package struct JournalEntry: Sendable, Hashable {
    /// The record. Format `.journalLive`; origin `.kernel` only for kernel-written entries;
    /// monotonic time is the kernel's own timestamp (`_SOURCE_MONOTONIC_TIMESTAMP`) when the
    /// entry has one, which is the kmsg record's time for kernel entries, so a kernel line seen
    /// through both sources can be matched on monotonic time and text (the journal stores no
    /// kmsg sequence number).
    package var record: LogRecord
    /// The entry's cursor, to save and pass to ``JournalStartPosition/afterCursor(_:)``. Empty for
    /// all but the last entry of a batch when ``JournalReaderOptions/cursorOfEveryEntry`` is off.
    package var cursor: String
    /// The wanted extra fields the entry has (``JournalReaderOptions/extraFieldNames`` and
    /// prefixes), decoded as UTF-8 with invalid bytes replaced.
    package var fields: [String: String]
    /// Who sent it, from journald's trusted fields (`_PID`, `_UID`, `_COMM`, `_EXE`): unlike
    /// `record.pid` (which falls back to `SYSLOG_PID`) and `record.identifier`
    /// (`SYSLOG_IDENTIFIER`), a client cannot set them.
    package var sender: JournalSender

    /// Creates an entry.
    package init(
        record: LogRecord,
        cursor: String,
        fields: [String: String],
        sender: JournalSender = JournalSender(pid: nil, uid: nil, comm: nil, exe: nil)
    ) {
        self.record = record
        self.cursor = cursor
        self.fields = fields
        self.sender = sender
    }
}
