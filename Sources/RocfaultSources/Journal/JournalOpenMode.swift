/// Which journal a ``JournalReader`` opens.
package enum JournalOpenMode: Sendable, Hashable {
    /// The local machine's journal (`sd_journal_open` with `SD_JOURNAL_LOCAL_ONLY`): system and
    /// user files in `/run/log/journal` and `/var/log/journal`, not remote or container ones.
    case system
    /// The journal files in one directory (`sd_journal_open_directory`), e.g. files received
    /// with `systemd-journal-remote` or copied from another machine (`--journal-directory DIR`).
    case directory(String)

    /// The name records carry in their ``SourceLocation``: `journal` or the directory path.
    package var sourceName: String {
        switch self {
        case .system: "journal"
        case .directory(let path): path
        }
    }
}
