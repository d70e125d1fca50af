import RocfaultCore
import RocfaultPlatform

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

    /// Signals people use to stop a program: dying of one is no crash unless GPU errors came first.
    static let stopSignals: Set<Int32> = [2, 15, 1, 13]

    /// Whether the verdict is printed: death by a signal (other than a stop signal), or failure
    /// with matched evidence.
    var endedAbnormally: Bool {
        let hasEvidence = incidents.contains { $0.verdict.side != .none }
        switch termination {
        case .signaled(let signal, _): return hasEvidence || !Self.stopSignals.contains(signal)
        case .exited(let status): return status != 0 && hasEvidence
        }
    }

    /// Seconds the child ran.
    var duration: Double {
        Double((end.realtimeMicroseconds ?? 0) - (start.realtimeMicroseconds ?? 0)) / 1_000_000
    }
}
