/// The result of one scan: who uses a GPU now, who started, who stopped.
package struct GPUProcessScan: Sendable, Hashable {
    /// Every process using a GPU now, by pid.
    package var processes: [GPUProcess]
    /// Processes seen for the first time in this scan.
    package var appeared: [GPUProcess]
    /// Processes that exited or closed their GPU nodes since the previous scan.
    package var disappeared: [GPUProcess]
    /// Known processes that ran another program since the previous scan (same pid and start time,
    /// a new command name), with the new program's name, executable and command line.
    package var reexecuted: [GPUProcess]

    /// Creates a result.
    package init(
        processes: [GPUProcess],
        appeared: [GPUProcess],
        disappeared: [GPUProcess],
        reexecuted: [GPUProcess] = []
    ) {
        self.processes = processes
        self.appeared = appeared
        self.disappeared = disappeared
        self.reexecuted = reexecuted
    }
}
