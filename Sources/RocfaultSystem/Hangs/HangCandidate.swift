/// A process with at least one thread in uninterruptible sleep (`D`) for longer than the
/// threshold, in every sample since: the shape of a GPU job stuck in the kernel driver.
public struct HangCandidate: Sendable, Hashable {
    /// The process id.
    public var pid: Int32
    /// Its start time.
    public var startTime: UInt64
    /// Its command name.
    public var comm: String
    /// The threads blocked past the threshold, sorted.
    public var threads: [Int32]
    /// When the longest-blocked thread was first sampled in `D`.
    public var blockedSince: Duration
    /// The sample time that made it a candidate (or the latest one, for `candidates`).
    public var time: Duration

    /// Creates a candidate.
    public init(pid: Int32, startTime: UInt64, comm: String, threads: [Int32], blockedSince: Duration, time: Duration) {
        self.pid = pid
        self.startTime = startTime
        self.comm = comm
        self.threads = threads
        self.blockedSince = blockedSince
        self.time = time
    }

    /// How long the longest-blocked thread has been in `D`.
    public var blockedFor: Duration { time - blockedSince }
}
