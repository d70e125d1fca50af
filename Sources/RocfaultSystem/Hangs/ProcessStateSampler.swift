/// Reads the scheduler state of a process and its threads from `<procRoot>/<pid>/task/*/stat`.
public struct ProcessStateSampler: Sendable {
    /// Where procfs is mounted.
    public var procRoot: String

    /// Creates a sampler.
    public init(procRoot: String = "/proc") {
        self.procRoot = procRoot
    }

    /// Samples one process now; `nil` when it is gone or its `stat` cannot be parsed.
    public func sample(pid: Int32) -> ProcessSample? {
        sample(pid: pid, at: SystemClock.monotonic())
    }

    /// Samples one process, stamping the sample with the given time.
    public func sample(pid: Int32, at time: Duration) -> ProcessSample? {
        guard let main = ProcStat(path: "\(procRoot)/\(pid)/stat") else { return nil }
        var states: [Int32: Character] = [pid: main.state]
        let tasks = "\(procRoot)/\(pid)/task"
        for name in FileIO.list(tasks) {
            guard let tid = Int32(name), let thread = ProcStat(path: "\(tasks)/\(name)/stat") else { continue }
            states[tid] = thread.state
        }
        return ProcessSample(pid: pid, startTime: main.startTime, comm: main.comm, threadStates: states, time: time)
    }

    /// The kernel function a thread sleeps in (`/proc/<pid>/task/<tid>/wchan`), for reports.
    public func waitChannel(pid: Int32, thread: Int32) -> String? {
        FileIO.trimmed("\(procRoot)/\(pid)/task/\(thread)/wchan").flatMap { $0 == "0" ? nil : $0 }
    }
}
