/// Whether rocfaultd runs, judged from its ``DaemonRecord`` and what `/proc` shows for its pid now.
package enum DaemonPresence: Sendable, Hashable {
    /// It runs: the record's process is alive with the same start time, in this boot.
    case running(DaemonRecord, health: Health)
    /// It stopped cleanly at `stoppedMicroseconds`.
    case stopped(DaemonRecord)
    /// Its process is gone without a clean stop: killed (SIGKILL, OOM) or crashed, or the machine
    /// rebooted under it.
    case vanished(DaemonRecord, rebooted: Bool)
    /// No record: no rocfaultd has run with this state directory (or one older than the record).
    case unknown

    /// How a running daemon's process is doing, from its `/proc/PID/stat` state letter.
    package enum Health: String, Sendable, Hashable {
        /// Running or sleeping (waiting for lines): what a working daemon does.
        case healthy
        /// In uninterruptible sleep (`D`): stuck in the kernel, e.g. on a hung disk.
        case stuckInKernel = "stuck-in-kernel"
        /// Stopped by a signal or a debugger (`T`, `t`).
        case stopped
        /// Exited and not yet reaped (`Z`).
        case exiting
    }

    /// What `/proc/PID/stat` shows for the record's pid now: its start ticks and state letter.
    package struct ProcessNow: Sendable, Hashable {
        /// Field 22: start time in clock ticks since boot.
        package var startTicks: UInt64
        /// Field 3: `R`, `S`, `D`, `T`, `Z`, ...
        package var state: Character

        /// Creates a reading.
        package init(startTicks: UInt64, state: Character) {
            self.startTicks = startTicks
            self.state = state
        }
    }

    /// Judges the record against the current boot and the pid's process now (nil when there is none).
    package static func judge(record: DaemonRecord?, currentBootID: String, process: ProcessNow?) -> DaemonPresence {
        guard let record else { return .unknown }
        if record.stoppedMicroseconds != nil { return .stopped(record) }
        guard record.bootID == currentBootID else { return .vanished(record, rebooted: true) }
        guard let process, process.startTicks == record.startTicks else { return .vanished(record, rebooted: false) }
        return .running(record, health: health(process.state))
    }

    static func health(_ state: Character) -> Health {
        switch state {
        case "D": .stuckInKernel
        case "T", "t": .stopped
        case "Z", "X", "x": .exiting
        default: .healthy
        }
    }
}
