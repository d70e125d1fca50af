/// Where a log line came from, as far as the input tells.
package enum RecordOrigin: String, Sendable, Codable, Hashable {
    /// Written by the kernel: a `/dev/kmsg` record with facility 0, a `dmesg` line, a journal entry
    /// with `_TRANSPORT=kernel`, or a syslog line from identifier `kernel`.
    case kernel
    /// Written by a process: application stderr, a journal entry from a userspace transport, or a
    /// `/dev/kmsg` record with a non-kernel facility.
    case userspace
    /// The input does not say (a bare pasted line).
    case unknown
}

/// The text layout a line was recognised as.
package enum LogFormat: String, Sendable, Codable, Hashable, CaseIterable {
    /// A raw `/dev/kmsg` record: `prio,seq,usec,flags;text`.
    case kmsg
    /// `dmesg`: `[ 1234.567890] text`.
    case dmesg
    /// `dmesg -T`: `[Fri Apr 17 19:55:54 2026] text`.
    case dmesgCtime = "dmesg-ctime"
    /// `dmesg -x`: `kern  :err   : [ 1234.567890] text`.
    case dmesgDecoded = "dmesg-decoded"
    /// `dmesg --time-format iso`: `2024-01-02T03:04:05,123456+01:00 text`.
    case dmesgISO = "dmesg-iso"
    /// journalctl `short` or a classic syslog file: `Oct  7 12:58:23 host ident[pid]: text`.
    case journalShort = "journal-short"
    /// journalctl `short-iso`: `2024-01-02T03:04:05+0100 host ident[pid]: text`.
    case journalShortISO = "journal-short-iso"
    /// journalctl `short-precise`: `Aug 05 08:56:22.546876 host ident[pid]: text`.
    case journalShortPrecise = "journal-short-precise"
    /// journalctl `short-monotonic`: `[ 1234.567890] host ident[pid]: text`.
    case journalShortMonotonic = "journal-short-monotonic"
    /// journalctl `-o json`: one JSON object a line.
    case journalJSON = "journal-json"
    /// journalctl `-o export`: `KEY=value` lines, entries separated by a blank line.
    case journalExport = "journal-export"
    /// A line read live from the journal through sd-journal.
    case journalLive = "journal-live"
    /// Anything else: bare stderr, a re-indented paste.
    case plain
}

/// A position in an input: a file (or a source name such as `/dev/kmsg`) and a 1-based line.
package struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file path or source name.
    package var file: String
    /// The 1-based line number, or 0 when the source has no lines (a live journal entry).
    package var line: Int

    /// Creates a location.
    package init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`.
    package var description: String { line > 0 ? "\(file):\(line)" : file }
}

/// One log message with everything the input told about it.
package struct LogRecord: Sendable, Hashable {
    /// The message text, without timestamp, host or identifier prefixes.
    package var text: String
    /// Who wrote it.
    package var origin: RecordOrigin
    /// Kernel monotonic time in microseconds since boot, when the input gives it.
    package var monotonicMicroseconds: UInt64?
    /// Wall-clock time in microseconds since the Unix epoch (UTC), when the input gives it.
    package var realtimeMicroseconds: Int64?
    /// The writing process, when known (syslog `ident[pid]`, journal `_PID`).
    package var pid: Int32?
    /// The syslog identifier or command name of the writer (`kernel`, `ollama`, `python3`).
    package var identifier: String?
    /// The host name on syslog and journal lines.
    package var host: String?
    /// The syslog level 0 (emerg) to 7 (debug), when known.
    package var priority: Int?
    /// The `/dev/kmsg` sequence number, when known.
    package var kmsgSequence: UInt64?
    /// The boot the record belongs to, when known (journal `_BOOT_ID`).
    package var bootID: String?
    /// The layout the line was recognised as.
    package var format: LogFormat
    /// Where it was read.
    package var location: SourceLocation

    /// Creates a record.
    package init(
        text: String,
        origin: RecordOrigin,
        format: LogFormat,
        location: SourceLocation,
        monotonicMicroseconds: UInt64? = nil,
        realtimeMicroseconds: Int64? = nil,
        pid: Int32? = nil,
        identifier: String? = nil,
        host: String? = nil,
        priority: Int? = nil,
        kmsgSequence: UInt64? = nil,
        bootID: String? = nil
    ) {
        self.text = text
        self.origin = origin
        self.format = format
        self.location = location
        self.monotonicMicroseconds = monotonicMicroseconds
        self.realtimeMicroseconds = realtimeMicroseconds
        self.pid = pid
        self.identifier = identifier
        self.host = host
        self.priority = priority
        self.kmsgSequence = kmsgSequence
        self.bootID = bootID
    }
}
