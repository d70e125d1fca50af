import RocfaultCore

/// Builds a ``JournalEntry`` from an entry's decoded fields, with no I/O.
struct JournalEntryDecoder {
    /// The reader's options.
    var options: JournalReaderOptions
    /// The name for ``SourceLocation/file``.
    var sourceName: String

    /// Whether the reader needs a field at all.
    func wants(_ name: String) -> Bool {
        JournalRecordField(name: name) != nil || options.wantsExtra(name)
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
        let filter = FieldNameFilter(options: options)
        var fields = JournalEntryFields()
        for (name, value) in raw {
            guard let match = filter.match(name: name) else { continue }
            fields.set(match, to: String(decoding: value, as: UTF8.self))
        }
        return entry(fields: fields, cursor: cursor, realtime: realtime, monotonic: monotonic) { bootID }
    }

    /// The entry for decoded fields; `bootID` is asked only when `_BOOT_ID` is missing.
    func entry(
        fields: JournalEntryFields,
        cursor: String,
        realtime: UInt64?,
        monotonic: UInt64?,
        bootID: () -> String?
    ) -> JournalEntry {
        let record = LogRecord(
            text: fields[.message] ?? "",
            origin: origin(transport: fields[.transport], facility: fields[.facility]),
            format: .journalLive,
            location: SourceLocation(file: sourceName, line: 0),
            monotonicMicroseconds: fields[.sourceMonotonic].flatMap { UInt64($0) } ?? monotonic,
            realtimeMicroseconds: realtime.flatMap { Int64(exactly: $0) },
            pid: (fields[.pid] ?? fields[.syslogPID]).flatMap { Int32($0) },
            identifier: fields[.identifier] ?? fields[.comm],
            host: fields[.hostname],
            priority: fields[.priority].flatMap { Int($0) }.flatMap { (0...7).contains($0) ? $0 : nil },
            bootID: fields[.bootID] ?? bootID()
        )
        let sender = JournalSender(
            pid: fields[.pid].flatMap { Int32($0) },
            uid: fields[.uid].flatMap { UInt32($0) },
            comm: fields[.comm],
            exe: fields[.exe]
        )
        return JournalEntry(record: record, cursor: cursor, fields: fields.extras, sender: sender)
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
