/// Settings of a ``JournalReader``.
package struct JournalReaderOptions: Sendable, Hashable {
    /// Keep reading new entries as they are written (`true`), or end the stream once the
    /// entries present at the start have been read (`false`, e.g. to scan a previous boot).
    package var follow: Bool
    /// Count entries that a process wrote into `/dev/kmsg` (`_TRANSPORT=kernel` with a
    /// `SYSLOG_FACILITY` other than 0) as kernel entries. For tests only, as with
    /// ``KmsgReaderOptions/acceptInjectedKernelLines``.
    package var acceptInjectedKernelLines: Bool
    /// The fields copied into ``JournalEntry/fields`` when an entry has them.
    package var extraFieldNames: Set<String>
    /// Fields whose name starts with one of these are copied into ``JournalEntry/fields`` too.
    package var extraFieldPrefixes: [String]
    /// The reading thread's name as `ps -L` shows it (at most 15 bytes are kept).
    package var threadName: String
    /// How many entries the reader may hold for a slow consumer before it pauses reading.
    package var bufferLimit: Int
    /// Give every entry its cursor (`true`), or only the last entry of each batch the reader hands
    /// over (``SourceStream/batches``), leaving the others' ``JournalEntry/cursor`` empty: for a
    /// consumer that saves its position once per batch, as sd-journal formats each cursor anew.
    package var cursorOfEveryEntry: Bool

    /// The fields copied by default: coredump facts, the message catalogue ID, the kernel
    /// device, and what tells kernel-written and injected kmsg lines apart.
    package static let defaultExtraFieldNames: Set<String> = [
        "COREDUMP_PID", "COREDUMP_SIGNAL_NAME", "COREDUMP_SIGNAL", "COREDUMP_COMM", "COREDUMP_EXE",
        "COREDUMP_UID", "COREDUMP_CMDLINE", "MESSAGE_ID", "_KERNEL_DEVICE", "_KERNEL_SUBSYSTEM",
        "_UDEV_SYSNAME", "_TRANSPORT", "SYSLOG_FACILITY", "_SOURCE_MONOTONIC_TIMESTAMP",
        "_SOURCE_REALTIME_TIMESTAMP", "_SYSTEMD_UNIT", "_EXE", "_CMDLINE", "_UID", "SYSLOG_PID",
    ]

    /// Creates options.
    package init(
        follow: Bool = true,
        acceptInjectedKernelLines: Bool = false,
        extraFieldNames: Set<String> = JournalReaderOptions.defaultExtraFieldNames,
        extraFieldPrefixes: [String] = ["ROCFAULT_"],
        threadName: String = "rocfault-journal",
        bufferLimit: Int = 1024,
        cursorOfEveryEntry: Bool = true
    ) {
        self.follow = follow
        self.acceptInjectedKernelLines = acceptInjectedKernelLines
        self.extraFieldNames = extraFieldNames
        self.extraFieldPrefixes = extraFieldPrefixes
        self.threadName = threadName
        self.bufferLimit = max(bufferLimit, 1)
        self.cursorOfEveryEntry = cursorOfEveryEntry
    }

    /// Whether a field goes into ``JournalEntry/fields``.
    func wantsExtra(_ name: String) -> Bool {
        extraFieldNames.contains(name) || extraFieldPrefixes.contains { name.hasPrefix($0) }
    }
}
