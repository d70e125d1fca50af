/// A thread as the notice describes it: its last state and its share of a core between samples.
public struct ThreadReport: Sendable, Hashable {
    /// The thread.
    public var thread: ThreadActivity
    /// CPU use between the last two samples, in percent of one core.
    public var cpuPercent: Int
}

/// What a stalled job does, in the notice's words.
public enum StallActivity: Sendable, Hashable {
    /// Threads use a core each but the job reads and writes nothing (a busy wait).
    case spinning(threads: Int)
    /// Threads sleep in a GPU wait.
    case gpuWait(threads: Int, detail: String)
    /// Threads sleep elsewhere.
    case asleep(threads: Int, detail: String)
    /// The job is stopped (`T`).
    case stopped

    /// The phrase for the headline.
    public var phrase: String {
        switch self {
        case .spinning(let count): "\(Self.threads(count)) spinning in user mode"
        case .gpuWait(let count, let detail): "\(Self.threads(count)) asleep in a GPU wait (\(detail))"
        case .asleep(let count, let detail): "\(Self.threads(count)) asleep (\(detail))"
        case .stopped: "the job is stopped"
        }
    }

    private static func threads(_ count: Int) -> String { count == 1 ? "1 thread" : "\(count) threads" }
}

/// The notice `rocfault run` prints when a job has been silent with no progress for the threshold.
public struct StallNotice: Sendable, Hashable {
    /// The job's main process.
    public var pid: Int32
    /// Its command name.
    public var comm: String
    /// How long it has printed nothing and made no progress.
    public var silentFor: Duration
    /// What its threads do.
    public var activity: StallActivity
    /// Every thread, busiest first.
    public var threads: [ThreadReport]

    /// The first line; the `rocfault.run.stall` rules match it.
    public var headline: String {
        "rocfault: no output from \(comm) (pid \(pid)) for \(silentFor.components.seconds) s and no progress: "
            + activity.phrase + ", no I/O"
    }
}
