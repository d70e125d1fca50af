import RocfaultCore

/// What a `rocfault run` observed.
struct RunOutcome {
    var arguments: [String]
    var pid: Int32
    var comm: String
    /// `/proc/PID/stat` start time, when it could be read.
    var processStartTime: UInt64?
    var termination: ChildProcess.Termination
    var start: EventTime
    var end: EventTime
    /// Incidents from the child's stderr (and kernel records read directly), strongest first.
    var incidents: [Incident]
    /// Context lines per incident id and rule id (see `LiveEngine.Output.context`).
    var context: [String: [LogRecord]]
    /// Coverage of the run by the kernel log read directly (`notProvided` when it was not readable).
    var kernelLog: KernelLogCoverage
    /// Why `/dev/kmsg` was not read, if it was not.
    var kmsgUnavailable: String?
    /// What happened to the journal lines.
    var journalNote: String

    /// Whether the verdict is printed: death by a signal, or failure with matched evidence.
    var endedAbnormally: Bool {
        switch termination {
        case .signaled: true
        case .exited(let status): status != 0 && incidents.contains { $0.verdict.side != .none }
        }
    }

    /// Seconds the child ran.
    var duration: Double {
        Double((end.realtimeMicroseconds ?? 0) - (start.realtimeMicroseconds ?? 0)) / 1_000_000
    }
}
