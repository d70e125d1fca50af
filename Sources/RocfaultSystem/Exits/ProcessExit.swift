package import RocfaultCore

/// A watched process ended. Its exit status is not known: only a parent can read that, so the
/// daemon links the pid to systemd-coredump and audit records instead.
package struct ProcessExit: Sendable, Hashable, Codable {
    /// The process that ended.
    package var pid: Int32
    /// The start time given when watching began, to tell pid reuse apart.
    package var startTime: UInt64?
    /// When the exit was noticed.
    package var time: EventTime

    /// Creates an exit record.
    package init(pid: Int32, startTime: UInt64?, time: EventTime) {
        self.pid = pid
        self.startTime = startTime
        self.time = time
    }
}
