/// Decides which GPU processes hang, for the daemon: a pure state machine over `/proc` samples
/// taken at its scans (samples and time in, hang-started and hang-cleared out).
///
/// Between two samples of a process each thread is judged: in uninterruptible sleep (`D`) it is
/// *blocked*; using half a core (or runnable with a tenth) while the process read and wrote nothing
/// it is *busy-waiting*; asleep with no CPU in a GPU wait (an ioctl on /dev/kfd or a DRM node, an
/// amdgpu wait channel) while the process moved no I/O it *waits on the GPU*. A thread stays stuck
/// for as long as every sample judges it the same way; a process hangs once a thread has been stuck
/// for the threshold, and stops hanging when none is stuck (it recovered) or it is gone (it exited,
/// or a new process took its pid). Each change is reported once.
package struct HangWatch: Sendable {
    /// A change in a process's hang status.
    package enum Transition: Sendable, Hashable {
        /// The process has been stuck for the threshold.
        case started(ProcessHang)
        /// A hang ended at `time`: the process recovered, or (`exited`) it is gone.
        case cleared(ProcessHang, exited: Bool, time: Duration)
    }

    /// How long a thread must stay stuck.
    package let threshold: Duration
    private let ticksPerSecond: Int

    private struct Stuck: Sendable, Hashable {
        var kind: HangKind
        var since: Duration
    }

    private struct Tracked: Sendable {
        var activity: ProcessActivity
        var time: Duration
        var stuck: [Int32: Stuck] = [:]
        var hang: ProcessHang?
    }

    private var processes: [Int32: Tracked] = [:]

    /// Creates a watch; `ticksPerSecond` is the clock-tick rate of the samples' CPU times.
    package init(threshold: Duration, ticksPerSecond: Int) {
        self.threshold = threshold
        self.ticksPerSecond = max(1, ticksPerSecond)
    }

    /// The processes that hang now, by pid.
    package var hangs: [ProcessHang] { processes.values.compactMap(\.hang).sorted { $0.pid < $1.pid } }

    /// Folds in one sample of a process taken at `time` and returns what changed.
    package mutating func record(_ activity: ProcessActivity, at time: Duration) -> [Transition] {
        var transitions: [Transition] = []
        var previous = processes[activity.pid]
        if let old = previous, old.activity.startTime != activity.startTime {
            if let hang = old.hang { transitions.append(.cleared(hang, exited: true, time: time)) }
            previous = nil
        }
        var tracked = Tracked(activity: activity, time: time)
        tracked.stuck = judge(activity, at: time, after: previous)
        let hang = hang(of: tracked)
        switch (previous?.hang, hang) {
        case (nil, let started?): transitions.append(.started(started))
        case (let ended?, nil): transitions.append(.cleared(ended, exited: false, time: time))
        default: break
        }
        tracked.hang = hang.map { current in previous?.hang.map { Self.keepingStart($0, now: current) } ?? current }
        processes[activity.pid] = tracked
        return transitions
    }

    /// Forgets every process not in `running` (they exited); returns a `.cleared` for each that hung.
    package mutating func retain(_ running: Set<Int32>, at time: Duration) -> [Transition] {
        let gone = processes.keys.filter { !running.contains($0) }.sorted()
        return gone.compactMap { pid in
            guard let hang = processes.removeValue(forKey: pid)?.hang else { return nil }
            return .cleared(hang, exited: true, time: time)
        }
    }

    /// Each thread's stuck state after this sample: carried on while it is judged the same way.
    private func judge(_ activity: ProcessActivity, at time: Duration, after previous: Tracked?) -> [Int32: Stuck] {
        let before = previous.map { Dictionary($0.activity.sample.threads.map { ($0.tid, $0) }) { first, _ in first } }
        let ioStill = Self.ioUnchanged(activity.sample.ioBytes, previous?.activity.sample.ioBytes)
        let elapsed = previous.map { time - $0.time } ?? .zero
        var stuck: [Int32: Stuck] = [:]
        for thread in activity.sample.threads {
            let percent = before?[thread.tid].map { cpuPercent(thread.cpuTicks &- $0.cpuTicks, over: elapsed) }
            guard let kind = Self.kind(of: thread, cpuPercent: percent, ioUnchanged: ioStill) else { continue }
            if let earlier = previous?.stuck[thread.tid], earlier.kind == kind {
                stuck[thread.tid] = earlier
            } else {
                // D is seen at an instant; a busy or GPU wait held over the whole interval.
                stuck[thread.tid] = Stuck(kind: kind, since: kind == .blocked ? time : previous?.time ?? time)
            }
        }
        return stuck
    }

    /// How a thread is stuck, if it is; `cpuPercent` is nil without an earlier sample of it.
    static func kind(of thread: ThreadActivity, cpuPercent: Int?, ioUnchanged: Bool) -> HangKind? {
        if thread.state == "D" { return .blocked }
        guard ioUnchanged, let percent = cpuPercent else { return nil }
        // On a loaded machine a busy-waiting thread gets less than a full core (as `run` judges it).
        if percent >= 50 || (thread.state == "R" && percent >= 10) { return .busyWait }
        if thread.isInGPUWait && thread.state == "S" && percent < 5 { return .gpuWait }
        return nil
    }

    /// Whether the I/O counters are known in both samples and equal.
    static func ioUnchanged(_ now: UInt64?, _ before: UInt64?) -> Bool {
        guard let now, let before else { return false }
        return now == before
    }

    private func cpuPercent(_ ticks: UInt64, over elapsed: Duration) -> Int {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard seconds > 0 else { return 0 }
        return Int((Double(ticks) / Double(ticksPerSecond) / seconds * 100).rounded())
    }

    /// The hang a process is in now: its threads stuck for the threshold, the gravest kind first
    /// (blocked in the kernel, then spinning, then asleep in a GPU wait).
    private func hang(of tracked: Tracked) -> ProcessHang? {
        let long = tracked.stuck.filter { tracked.time - $0.value.since >= threshold }
        for kind in [HangKind.blocked, .busyWait, .gpuWait] {
            let ofKind = long.filter { $0.value.kind == kind }
            guard let since = ofKind.values.map(\.since).min() else { continue }
            let threads = tracked.activity.sample.threads.filter { ofKind[$0.tid] != nil }.sorted { $0.tid < $1.tid }
            let activity = tracked.activity
            return ProcessHang(
                pid: activity.pid,
                startTime: activity.startTime,
                comm: activity.comm,
                kind: kind,
                threads: threads,
                since: since,
                time: tracked.time
            )
        }
        return nil
    }

    /// A standing hang keeps the start it was reported with (a change of kind is the same hang).
    private static func keepingStart(_ reported: ProcessHang, now current: ProcessHang) -> ProcessHang {
        var kept = current
        kept.since = min(reported.since, current.since)
        kept.kind = reported.kind
        return kept
    }
}
