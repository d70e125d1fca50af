/// One `/dev/kmsg` record as the kernel wrote it, with its escapes undone.
///
/// The layout is `prio,seq,usec,flags[,more];text\n` followed by zero or more ` KEY=value\n`
/// continuation lines (see the kernel's `Documentation/ABI/testing/dev-kmsg`).
struct KmsgRecord: Hashable, Sendable {
    /// The syslog priority value: `facility << 3 | level`.
    var priorityValue: UInt32
    /// The record's sequence number, counted from 0 at boot.
    var sequence: UInt64
    /// Microseconds since boot (`CLOCK_MONOTONIC`-based) when the record was stored.
    var monotonicMicroseconds: UInt64
    /// The flags field: `-` for a whole record, `c` or `+` for continuation fragments.
    var flags: String
    /// The message bytes with `\xNN` escapes decoded.
    var text: [UInt8]
    /// The continuation `KEY=value` pairs, e.g. `SUBSYSTEM=pci`, `DEVICE=+pci:0000:03:00.0`.
    var properties: [String: String]

    /// The syslog facility: 0 for the kernel itself, 1 (`LOG_USER`) or higher for lines that a
    /// process wrote into `/dev/kmsg`. The kernel never lets userspace write facility 0.
    var facility: UInt32 { priorityValue >> 3 }

    /// The syslog level, 0 (emerg) to 7 (debug).
    var level: Int { Int(priorityValue & 7) }
}
