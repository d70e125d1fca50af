/// Whether the kernel log was read for the time of an incident.
package enum KernelLogCoverage: String, Sendable, Codable, Hashable {
    /// A kernel log for that time was read and is part of the verdict.
    case covered
    /// No kernel log was given or read at all.
    case notProvided = "not-provided"
    /// A kernel log was read, but not for the incident's time (overrun, sequence jump, other period).
    case gap
    /// A kernel log source exists (`/dev/kmsg`, the system journal) but this user may not read it.
    case unreadable
    /// A kernel log was read, but the incident and it cannot be put on one clock (a timestamp-less
    /// application log next to relative `dmesg` times), so whether it covers the incident is unknown.
    case unaligned
}
