/// What names one process across pid reuse: the boot, the pid and the process's start time.
package struct ProcessKey: Sendable, Hashable, Codable {
    /// The boot id (`/proc/sys/kernel/random/boot_id`).
    package var bootID: String
    /// The process id.
    package var pid: Int32
    /// When the process started, in clock ticks after boot (field 22 of `/proc/PID/stat`). Any
    /// value works that stays the same for the life of a process and differs for a reused pid.
    package var startTime: UInt64

    /// Creates a key.
    package init(bootID: String, pid: Int32, startTime: UInt64) {
        self.bootID = bootID
        self.pid = pid
        self.startTime = startTime
    }
}
