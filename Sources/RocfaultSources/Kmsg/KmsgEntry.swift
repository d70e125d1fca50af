package import RocfaultCore

/// One kmsg record turned into a ``LogRecord``, with the kmsg facts a record cannot hold.
package struct KmsgEntry: Sendable, Hashable {
    /// The record: format `.kmsg`, the sequence number, monotonic time, level and unescaped text.
    package var record: LogRecord
    /// The syslog facility. 0 means the kernel wrote it; anything else was written into
    /// `/dev/kmsg` by a process (the kernel forces `LOG_USER` when the writer gives none or 0).
    package var facility: Int
    /// True when the record was written by a process but counted as kernel because of
    /// ``KmsgReaderOptions/acceptInjectedKernelLines``. The daemon should say so in its output.
    package var isInjected: Bool
    /// The kmsg flags field: `-` normally, `c`/`+` for continuation fragments.
    package var flags: String
    /// The `SUBSYSTEM=` property of `dev_printk()` records, e.g. `pci`, `drm`.
    package var subsystem: String?
    /// The `DEVICE=` property of `dev_printk()` records, e.g. `+pci:0000:03:00.0`, `c226:0`.
    package var device: String?
    /// Every continuation property, including `SUBSYSTEM` and `DEVICE`.
    package var properties: [String: String]

    /// Creates an entry.
    package init(
        record: LogRecord,
        facility: Int,
        isInjected: Bool,
        flags: String = "-",
        properties: [String: String] = [:]
    ) {
        self.record = record
        self.facility = facility
        self.isInjected = isInjected
        self.flags = flags
        self.subsystem = properties["SUBSYSTEM"]
        self.device = properties["DEVICE"]
        self.properties = properties
    }
}
