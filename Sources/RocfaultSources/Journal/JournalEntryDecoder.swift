import RocfaultCore

/// Builds a ``JournalEntry`` from an entry's raw fields, with no I/O.
struct JournalEntryDecoder {
    /// The fields the record is made of; read even when not wanted as extras.
    static let recordFieldNames: Set<String> = [
        "MESSAGE", "_TRANSPORT", "SYSLOG_FACILITY", "_PID", "SYSLOG_PID", "SYSLOG_IDENTIFIER", "_COMM",
        "_HOSTNAME", "PRIORITY", "_BOOT_ID", "_SOURCE_MONOTONIC_TIMESTAMP",
    ]

    /// The reader's options.
    var options: JournalReaderOptions
    /// The name for ``SourceLocation/file``.
    var sourceName: String

    /// Whether the reader needs a field at all.
    func wants(_ name: String) -> Bool {
        Self.recordFieldNames.contains(name) || options.wantsExtra(name)
    }

    /// The entry for these raw field values and the journal's own timestamps.
    ///
    /// - Parameters:
    ///   - fields: Raw values by field name (only the wanted ones are needed).
    ///   - cursor: The entry's cursor.
    ///   - realtime: `__REALTIME_TIMESTAMP`, microseconds since the epoch.
    ///   - monotonic: `__MONOTONIC_TIMESTAMP`, when the journal received the entry.
    ///   - bootID: The boot of `monotonic`, used when `_BOOT_ID` is missing.
    func entry(
        fields raw: [String: [UInt8]],
        cursor: String,
        realtime: UInt64?,
        monotonic: UInt64?,
        bootID: String?
    ) -> JournalEntry {
        let text = { (name: String) in raw[name].map { String(decoding: $0, as: UTF8.self) } }
        let record = LogRecord(
            text: text("MESSAGE") ?? "",
            origin: origin(transport: text("_TRANSPORT"), facility: text("SYSLOG_FACILITY")),
            format: .journalLive,
            location: SourceLocation(file: sourceName, line: 0),
            monotonicMicroseconds: text("_SOURCE_MONOTONIC_TIMESTAMP").flatMap { UInt64($0) } ?? monotonic,
            realtimeMicroseconds: realtime.flatMap { Int64(exactly: $0) },
            pid: (text("_PID") ?? text("SYSLOG_PID")).flatMap { Int32($0) },
            identifier: text("SYSLOG_IDENTIFIER") ?? text("_COMM"),
            host: text("_HOSTNAME"),
            priority: text("PRIORITY").flatMap { Int($0) }.flatMap { (0...7).contains($0) ? $0 : nil },
            bootID: text("_BOOT_ID") ?? bootID
        )
        var extras: [String: String] = [:]
        for (name, value) in raw where options.wantsExtra(name) {
            extras[name] = String(decoding: value, as: UTF8.self)
        }
        return JournalEntry(record: record, cursor: cursor, fields: extras)
    }

    /// Kernel only for `_TRANSPORT=kernel` entries that the kernel itself wrote: journald
    /// stores lines that processes wrote into `/dev/kmsg` with `_TRANSPORT=kernel` too, but
    /// with their real facility (`SYSLOG_FACILITY=1` or more). No `_TRANSPORT` at all (only in
    /// hand-made journal files) means the origin is unknown.
    private func origin(transport: String?, facility: String?) -> RecordOrigin {
        guard let transport else { return .unknown }
        guard transport == "kernel" else { return .userspace }
        if facility == nil || facility == "0" || options.acceptInjectedKernelLines { return .kernel }
        return .userspace
    }
}
