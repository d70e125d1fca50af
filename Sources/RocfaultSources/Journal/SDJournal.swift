#if canImport(Glibc)
import Glibc
#endif
internal import CSystemd
import RocfaultPlatform

/// A thin, throwing wrapper of one `sd_journal` handle.
///
/// sd-journal handles are not thread-safe and must stay on the thread that opened them, so this
/// class is deliberately not `Sendable`: ``JournalReader`` creates, uses and closes it on its
/// dedicated thread only.
final class SDJournal {
    private let handle: OpaquePointer
    /// The directory or `journal`, for error messages.
    let name: String

    /// Opens the journal. Data fields are returned whole (threshold 0) unless changed.
    init(_ mode: JournalOpenMode) throws(SystemCallError) {
        var opened: OpaquePointer?
        switch mode {
        case .system:
            _ = try SystemCall.systemd("sd_journal_open") {
                sd_journal_open(&opened, Int32(SD_JOURNAL_LOCAL_ONLY))
            }
        case .directory(let path):
            _ = try SystemCall.systemd("sd_journal_open_directory", path: path) {
                sd_journal_open_directory(&opened, path, 0)
            }
        }
        guard let opened else { throw SystemCallError(call: "sd_journal_open", errno: EINVAL, path: mode.sourceName) }
        handle = opened
        name = mode.sourceName
        try setDataThreshold(0)
    }

    deinit {
        sd_journal_close(handle)
    }

    /// Sets the size up to which data fields are decompressed (0: whole).
    func setDataThreshold(_ bytes: Int) throws(SystemCallError) {
        _ = try check("sd_journal_set_data_threshold") { sd_journal_set_data_threshold(handle, bytes) }
    }

    /// Adds a `FIELD=value` match.
    func addMatch(_ match: String) throws(SystemCallError) {
        _ = try check("sd_journal_add_match") {
            Array(match.utf8).withUnsafeBytes { sd_journal_add_match(handle, $0.baseAddress, $0.count) }
        }
    }

    /// Removes all matches.
    func flushMatches() {
        sd_journal_flush_matches(handle)
    }

    /// Moves before the first entry.
    func seekHead() throws(SystemCallError) {
        _ = try check("sd_journal_seek_head") { sd_journal_seek_head(handle) }
    }

    /// Moves after the last entry.
    func seekTail() throws(SystemCallError) {
        _ = try check("sd_journal_seek_tail") { sd_journal_seek_tail(handle) }
    }

    /// Positions before the first entry at or after `microseconds` of wall-clock time.
    func seekRealtime(_ microseconds: UInt64) throws(SystemCallError) {
        _ = try check("sd_journal_seek_realtime_usec") { sd_journal_seek_realtime_usec(handle, microseconds) }
    }

    /// Moves to the entry of a cursor, or the closest one if it is gone.
    func seekCursor(_ cursor: String) throws(SystemCallError) {
        _ = try check("sd_journal_seek_cursor") { sd_journal_seek_cursor(handle, cursor) }
    }

    /// Whether the current entry is the one of `cursor`.
    func testCursor(_ cursor: String) throws(SystemCallError) -> Bool {
        try check("sd_journal_test_cursor") { sd_journal_test_cursor(handle, cursor) } > 0
    }

    /// Advances to the next entry; false at the end.
    func next() throws(SystemCallError) -> Bool {
        try check("sd_journal_next") { sd_journal_next(handle) } > 0
    }

    /// Steps back to the previous entry; false at the start.
    func previous() throws(SystemCallError) -> Bool {
        try check("sd_journal_previous") { sd_journal_previous(handle) } > 0
    }

    /// The current entry's cursor.
    func cursor() throws(SystemCallError) -> String {
        var text: UnsafeMutablePointer<CChar>?
        _ = try check("sd_journal_get_cursor") { sd_journal_get_cursor(handle, &text) }
        defer { free(text) }
        return text.map { String(cString: $0) } ?? ""
    }

    /// The current entry's wall-clock time, microseconds since the epoch.
    func realtime() throws(SystemCallError) -> UInt64 {
        var usec: UInt64 = 0
        _ = try check("sd_journal_get_realtime_usec") { sd_journal_get_realtime_usec(handle, &usec) }
        return usec
    }

    /// The current entry's monotonic time and the boot it counts from.
    func monotonic() throws(SystemCallError) -> (microseconds: UInt64, bootID: sd_id128_t) {
        var usec: UInt64 = 0
        var boot = sd_id128_t()
        _ = try check("sd_journal_get_monotonic_usec") { sd_journal_get_monotonic_usec(handle, &usec, &boot) }
        return (usec, boot)
    }

    /// One field of the current entry, or `nil` when the entry lacks it.
    func data(_ field: String) throws(SystemCallError) -> [UInt8]? {
        var pointer: UnsafeRawPointer?
        var length = 0
        let result = sd_journal_get_data(handle, field, &pointer, &length)
        if result == -ENOENT { return nil }
        _ = try check("sd_journal_get_data") { result }
        return Self.value(of: field, in: pointer, length: length)
    }

    /// Calls `body` with the name and the value of each field of the current entry, as bytes valid
    /// only during the call: no copy and no string is made for a field nobody reads.
    func forEachField(_ body: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void) {
        sd_journal_restart_data(handle)
        var pointer: UnsafeRawPointer?
        var length = 0
        while sd_journal_enumerate_available_data(handle, &pointer, &length) > 0 {
            guard let pointer, let equals = memchr(pointer, Int32(UInt8(ascii: "=")), length) else { continue }
            let nameLength = UnsafeRawPointer(equals) - pointer
            body(
                UnsafeRawBufferPointer(start: pointer, count: nameLength),
                UnsafeRawBufferPointer(start: pointer + nameLength + 1, count: length - nameLength - 1)
            )
        }
    }

    /// The distinct values of a field across the journal (matches do not apply).
    func uniqueValues(of field: String) throws(SystemCallError) -> [String] {
        _ = try check("sd_journal_query_unique") { sd_journal_query_unique(handle, field) }
        sd_journal_restart_unique(handle)
        var values: [String] = []
        var pointer: UnsafeRawPointer?
        var length = 0
        while sd_journal_enumerate_available_unique(handle, &pointer, &length) > 0 {
            if let value = Self.value(of: field, in: pointer, length: length) {
                values.append(String(decoding: value, as: UTF8.self))
            }
        }
        return values
    }

    /// The descriptor to poll for changes (creating the inotify watches on first call).
    func fileDescriptor() throws(SystemCallError) -> Int32 {
        try check("sd_journal_get_fd") { sd_journal_get_fd(handle) }
    }

    /// The `poll` events to wait for on ``fileDescriptor()``.
    func pollEvents() throws(SystemCallError) -> Int16 {
        Int16(truncatingIfNeeded: try check("sd_journal_get_events") { sd_journal_get_events(handle) })
    }

    /// How long `poll` may wait before ``process()`` must run anyway: `-1` for no limit.
    func pollTimeoutMilliseconds() throws(SystemCallError) -> Int32 {
        var deadline: UInt64 = 0
        _ = try check("sd_journal_get_timeout") { sd_journal_get_timeout(handle, &deadline) }
        if deadline == .max { return -1 }
        let nowMicroseconds = UInt64(max(0, SystemClock.monotonicMicroseconds()))
        guard deadline > nowMicroseconds else { return 0 }
        return Int32(clamping: (deadline - nowMicroseconds + 999) / 1000)
    }

    /// Handles the inotify events after a wake-up (new entries, new or rotated files).
    func process() throws(SystemCallError) {
        _ = try check("sd_journal_process") { sd_journal_process(handle) }
    }

    private func check(_ call: String, _ body: () -> Int32) throws(SystemCallError) -> Int32 {
        try SystemCall.systemd(call, path: name, body)
    }

    /// The bytes after `FIELD=` in a data object, or `nil` if it is not that field.
    private static func value(of field: String, in pointer: UnsafeRawPointer?, length: Int) -> [UInt8]? {
        guard let pointer else { return nil }
        let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
        let prefix = Array(field.utf8) + [UInt8(ascii: "=")]
        guard bytes.count >= prefix.count, bytes.prefix(prefix.count).elementsEqual(prefix) else { return nil }
        return Array(bytes[prefix.count...])
    }
}
