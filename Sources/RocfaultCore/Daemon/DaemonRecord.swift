/// What rocfaultd writes to `rocfaultd.pid` in its state directory when it starts, and again with
/// `stopped` when it stops cleanly: who it is and since when, so `rocfault status` can say whether it
/// runs. A record whose process is gone without `stopped` means it was killed or crashed.
///
/// The file is `key=value` lines: `pid`, `started` (µs since the epoch), `boot`, `start-ticks`
/// (field 22 of `/proc/PID/stat`, which tells the process from a later one with the same pid),
/// `version` and, after a clean stop, `stopped`.
package struct DaemonRecord: Sendable, Hashable {
    /// The file name inside the state directory.
    package static let fileName = "rocfaultd.pid"

    /// The daemon's process id.
    package var pid: Int32
    /// When it started, microseconds since the epoch.
    package var startedMicroseconds: Int64
    /// The boot it ran in.
    package var bootID: String
    /// Its start time in clock ticks since boot (`/proc/PID/stat` field 22).
    package var startTicks: UInt64
    /// The rocfaultd version.
    package var version: String
    /// When it stopped cleanly, microseconds since the epoch; nil while it runs (or after a crash).
    package var stoppedMicroseconds: Int64?

    /// Creates a record.
    package init(
        pid: Int32,
        startedMicroseconds: Int64,
        bootID: String,
        startTicks: UInt64,
        version: String = RocfaultVersion.current,
        stoppedMicroseconds: Int64? = nil
    ) {
        self.pid = pid
        self.startedMicroseconds = startedMicroseconds
        self.bootID = bootID
        self.startTicks = startTicks
        self.version = version
        self.stoppedMicroseconds = stoppedMicroseconds
    }

    /// The file's text.
    package var text: String {
        var text = "pid=\(pid)\nstarted=\(startedMicroseconds)\nboot=\(bootID)\nstart-ticks=\(startTicks)\n"
        text += "version=\(version)\n"
        if let stoppedMicroseconds { text += "stopped=\(stoppedMicroseconds)\n" }
        return text
    }

    /// Reads the file's text; nil when a required line is missing or malformed.
    package init?(text: String) {
        var fields: [Substring: Substring] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[line[..<equals]] = line[line.index(after: equals)...]
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }), pid > 0,
            let started = fields["started"].flatMap({ Int64($0) }),
            let boot = fields["boot"], !boot.isEmpty,
            let ticks = fields["start-ticks"].flatMap({ UInt64($0) })
        else { return nil }
        self.init(
            pid: pid,
            startedMicroseconds: started,
            bootID: String(boot),
            startTicks: ticks,
            version: fields["version"].map(String.init) ?? "unknown",
            stoppedMicroseconds: fields["stopped"].flatMap { Int64($0) }
        )
    }
}
