/// The result of one scan: who uses a GPU now, who started, who stopped.
public struct GPUProcessScan: Sendable, Hashable {
    /// Every process using a GPU now, by pid.
    public var processes: [GPUProcess]
    /// Processes seen for the first time in this scan.
    public var appeared: [GPUProcess]
    /// Processes that exited or closed their GPU nodes since the previous scan.
    public var disappeared: [GPUProcess]

    /// Creates a result.
    public init(processes: [GPUProcess], appeared: [GPUProcess], disappeared: [GPUProcess]) {
        self.processes = processes
        self.appeared = appeared
        self.disappeared = disappeared
    }
}
