package import RocfaultPlatform
/// A boot recorded in a journal, with the time span of its entries.
package struct JournalBoot: Sendable, Hashable {
    /// The boot ID, 32 lowercase hex digits as in `_BOOT_ID`.
    package var id: String
    /// The wall-clock time of the boot's first entry, microseconds since the epoch.
    package var firstRealtimeMicroseconds: UInt64
    /// The wall-clock time of the boot's last entry, microseconds since the epoch.
    package var lastRealtimeMicroseconds: UInt64

    /// Creates a boot.
    package init(id: String, firstRealtimeMicroseconds: UInt64, lastRealtimeMicroseconds: UInt64) {
        self.id = id
        self.firstRealtimeMicroseconds = firstRealtimeMicroseconds
        self.lastRealtimeMicroseconds = lastRealtimeMicroseconds
    }

    /// The running boot's ID (`sd_id128_get_boot`), spelled like `_BOOT_ID`.
    package static func currentID() throws(SystemCallError) -> String {
        try BootID.current()
    }

    /// The boots in a journal, oldest first (by their first entry), like `journalctl
    /// --list-boots`. Runs on a dedicated thread.
    package static func list(in mode: JournalOpenMode = .system) async throws(SystemCallError) -> [JournalBoot] {
        try await DedicatedThread.run(name: "rocfault-boots") { () throws(SystemCallError) in
            let journal = try SDJournal(mode)
            var boots: [JournalBoot] = []
            for id in try journal.uniqueValues(of: "_BOOT_ID") {
                if let boot = try span(of: id, in: journal) { boots.append(boot) }
            }
            return boots.sorted { ($0.firstRealtimeMicroseconds, $0.id) < ($1.firstRealtimeMicroseconds, $1.id) }
        }
    }

    /// The first and last entry times of one boot, or `nil` if it has no readable entry.
    private static func span(of id: String, in journal: SDJournal) throws(SystemCallError) -> JournalBoot? {
        journal.flushMatches()
        defer { journal.flushMatches() }
        try journal.addMatch("_BOOT_ID=\(id)")
        try journal.seekHead()
        guard try journal.next() else { return nil }
        let first = try journal.realtime()
        try journal.seekTail()
        guard try journal.previous() else { return nil }
        return JournalBoot(id: id, firstRealtimeMicroseconds: first, lastRealtimeMicroseconds: try journal.realtime())
    }
}
