/// A thread as the notice describes it: its last state and its share of a core between samples.
package struct ThreadReport: Sendable, Hashable {
    /// The thread.
    package var thread: ThreadActivity
    /// CPU use between the last two samples, in percent of one core.
    package var cpuPercent: Int
}

/// What a stalled job does, in the notice's words.
package enum StallActivity: Sendable, Hashable {
    /// Threads use a core each but the job reads and writes nothing (a busy wait).
    case spinning(threads: Int)
    /// Threads sleep in a GPU wait.
    case gpuWait(threads: Int, detail: String)
    /// Threads sleep elsewhere.
    case asleep(threads: Int, detail: String)
    /// The job is stopped (`T`).
    case stopped

    /// The phrase for the headline.
    package var phrase: String {
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
package struct StallNotice: Sendable, Hashable {
    /// The job's main process.
    package var pid: Int32
    /// Its command name.
    package var comm: String
    /// How long it has printed nothing and made no progress.
    package var silentFor: Duration
    /// What its threads do.
    package var activity: StallActivity
    /// Every thread, busiest first.
    package var threads: [ThreadReport]

    /// The first line; the `rocfault.run.stall` rules match it.
    package var headline: String {
        "rocfault: no output from \(comm) (pid \(pid)) for \(silentFor.components.seconds) s and no progress: "
            + activity.phrase + ", no I/O"
    }
}
