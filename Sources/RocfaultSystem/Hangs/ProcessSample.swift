/// The scheduler state of every thread of one process at one moment.
public struct ProcessSample: Sendable, Hashable {
    /// The process id.
    public var pid: Int32
    /// The process's start time, to tell pid reuse apart.
    public var startTime: UInt64
    /// The command name.
    public var comm: String
    /// State letter by thread id (the main thread's id is the pid).
    public var threadStates: [Int32: Character]
    /// When the sample was taken, as time since boot on the monotonic clock.
    public var time: Duration

    /// Creates a sample.
    public init(pid: Int32, startTime: UInt64, comm: String, threadStates: [Int32: Character], time: Duration) {
        self.pid = pid
        self.startTime = startTime
        self.comm = comm
        self.threadStates = threadStates
        self.time = time
    }

    /// Threads in uninterruptible sleep (`D`), sorted.
    public var blockedThreads: [Int32] {
        threadStates.filter { $0.value == "D" }.keys.sorted()
    }
}
