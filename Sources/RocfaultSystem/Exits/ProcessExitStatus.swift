package import RocfaultCore

/// How a watched process ended, from the kernel's process events: what pidfds cannot tell a
/// process that is not the parent.
package struct ProcessExitStatus: Sendable, Hashable {
    /// The process (thread-group leader) that ended.
    package var pid: Int32
    /// The wait status: a signal in the low 7 bits (0x80 set when a core was dumped), else the
    /// exit status shifted left by 8.
    package var waitStatus: UInt32
    /// When the event was read.
    package var time: EventTime

    /// Creates a status.
    package init(pid: Int32, waitStatus: UInt32, time: EventTime) {
        self.pid = pid
        self.waitStatus = waitStatus
        self.time = time
    }

    /// The signal that killed it; nil when it exited.
    package var signal: Int32? {
        let number = Int32(waitStatus & 0x7f)
        return number == 0 ? nil : number
    }

    /// Whether a core dump was written (for a signal death).
    package var coreDumped: Bool { signal != nil && waitStatus & 0x80 != 0 }

    /// The exit status, when it exited rather than being killed.
    package var exitStatus: Int32? { signal == nil ? Int32((waitStatus >> 8) & 0xff) : nil }
}
