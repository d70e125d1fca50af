package import RocfaultCore
package import RocfaultPlatform

/// How a watched process ended, from the kernel's process events: what pidfds cannot tell a
/// process that is not the parent.
package struct ProcessExitStatus: Sendable, Hashable {
    /// The process (thread-group leader) that ended.
    package var pid: Int32
    /// How it ended, decoded from the kernel's wait status.
    package var termination: ProcessTermination
    /// When the event was read.
    package var time: EventTime

    /// Creates a status from how the process ended.
    package init(pid: Int32, termination: ProcessTermination, time: EventTime) {
        self.pid = pid
        self.termination = termination
        self.time = time
    }

    /// Creates a status from a raw wait status (a signal in the low 7 bits, 0x80 set when a core
    /// was dumped, else the exit status shifted left by 8), as the kernel's process events carry it.
    package init(pid: Int32, waitStatus: UInt32, time: EventTime) {
        self.init(pid: pid, termination: ProcessTermination(waitStatus: Int32(bitPattern: waitStatus)), time: time)
    }

    /// The signal that killed it; nil when it exited.
    package var signal: Int32? { termination.signal }

    /// Whether a core dump was written (for a signal death).
    package var coreDumped: Bool { termination.coreDumped }

    /// The exit status, when it exited rather than being killed.
    package var exitStatus: Int32? { termination.exitCode }
}
