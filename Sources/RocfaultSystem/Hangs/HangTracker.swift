/// Pure state machine over `ProcessSample`s: which processes have a thread stuck in `D`.
///
/// A thread counts as blocked from the first sample that shows it in `D` for as long as every
/// later sample does; one sample in any other state, or its disappearance, resets it. A process
/// becomes a candidate when a thread has been blocked for at least `threshold`, and stops being
/// one when no thread is. Each change is reported once.
public struct HangTracker: Sendable {
    /// A change in a process's hang status.
    public enum Transition: Sendable, Hashable {
        /// The process just crossed the threshold.
        case started(HangCandidate)
        /// A candidate has no blocked thread any more (or a new process took its pid).
        case cleared(pid: Int32, time: Duration)
    }

    /// How long a thread must stay in `D`.
    public var threshold: Duration

    private struct Tracked: Sendable {
        var startTime: UInt64
        var comm: String
        var blockedSince: [Int32: Duration] = [:]
        var latest: Duration
        var isCandidate = false
    }

    private var processes: [Int32: Tracked] = [:]

    /// Creates a tracker.
    public init(threshold: Duration) {
        self.threshold = threshold
    }

    /// Folds in one sample and returns what changed.
    public mutating func record(_ sample: ProcessSample) -> [Transition] {
        var transitions: [Transition] = []
        var tracked =
            processes[sample.pid] ?? Tracked(startTime: sample.startTime, comm: sample.comm, latest: sample.time)
        if tracked.startTime != sample.startTime {
            if tracked.isCandidate { transitions.append(.cleared(pid: sample.pid, time: sample.time)) }
            tracked = Tracked(startTime: sample.startTime, comm: sample.comm, latest: sample.time)
        }
        var since: [Int32: Duration] = [:]
        for thread in sample.blockedThreads {
            since[thread] = tracked.blockedSince[thread] ?? sample.time
        }
        tracked.blockedSince = since
        tracked.latest = sample.time
        let stuck = stuckThreads(tracked)
        if !stuck.isEmpty && !tracked.isCandidate, let candidate = candidate(sample.pid, tracked) {
            transitions.append(.started(candidate))
        } else if stuck.isEmpty && tracked.isCandidate {
            transitions.append(.cleared(pid: sample.pid, time: sample.time))
        }
        tracked.isCandidate = !stuck.isEmpty
        processes[sample.pid] = tracked
        return transitions
    }

    /// Forgets a process (it exited). Returns `.cleared` when it was a candidate.
    public mutating func forget(pid: Int32, time: Duration) -> Transition? {
        guard let tracked = processes.removeValue(forKey: pid), tracked.isCandidate else { return nil }
        return .cleared(pid: pid, time: time)
    }

    /// The processes that are candidates now.
    public var candidates: [HangCandidate] {
        processes.filter(\.value.isCandidate).compactMap { candidate($0.key, $0.value) }.sorted { $0.pid < $1.pid }
    }

    private func stuckThreads(_ tracked: Tracked) -> [Int32] {
        tracked.blockedSince.filter { tracked.latest - $0.value >= threshold }.keys.sorted()
    }

    private func candidate(_ pid: Int32, _ tracked: Tracked) -> HangCandidate? {
        let stuck = stuckThreads(tracked)
        guard let since = stuck.compactMap({ tracked.blockedSince[$0] }).min() else { return nil }
        return HangCandidate(
            pid: pid,
            startTime: tracked.startTime,
            comm: tracked.comm,
            threads: stuck,
            blockedSince: since,
            time: tracked.latest
        )
    }
}
