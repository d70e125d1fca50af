/// Decides when a job run by `rocfault run` has stalled: it printed nothing and moved no I/O for
/// the threshold. A pure state machine: output times and `/proc` samples in, notices out.
package struct StallWatch: Sendable {
    /// What the shell should do.
    package enum Action: Sendable, Hashable {
        /// Print the notice; the job keeps running.
        case notice(StallNotice)
        /// The job printed or moved I/O again after a notice.
        case resumed(after: Duration)
    }

    /// Silence (no output, no I/O) after which the notice is given.
    package let threshold: Duration
    /// How often the shell samples the job.
    package let interval: Duration
    private let pid: Int32
    private let comm: String
    private let ticksPerSecond: Int
    private var lastOutput: Duration
    private var lastProgress: Duration
    private var previous: (sample: JobSample, time: Duration)?
    private var noticeSince: Duration?

    /// Creates a watch started at `start` (time on a monotonic clock).
    package init(threshold: Duration, pid: Int32, comm: String, ticksPerSecond: Int, start: Duration) {
        self.threshold = threshold
        self.interval = min(max(threshold / 4, .milliseconds(500)), .seconds(10))
        self.pid = pid
        self.comm = comm
        self.ticksPerSecond = max(1, ticksPerSecond)
        self.lastOutput = start
        self.lastProgress = start
    }

    /// When the next sample is due.
    package var nextSampleDue: Duration { (previous?.time ?? lastOutput) + interval }

    /// Whether a notice stands: the job has been stalled since it was given.
    package var isStalled: Bool { noticeSince != nil }

    /// The job printed something.
    package mutating func output(at time: Duration) -> [Action] {
        lastOutput = time
        return resume(at: time)
    }

    /// A sample of the job's threads and I/O.
    package mutating func sample(_ sample: JobSample, at time: Duration) -> [Action] {
        defer { previous = (sample, time) }
        guard let before = previous else { return [] }
        if let now = sample.ioBytes, let then = before.sample.ioBytes, now != then {
            lastProgress = time
            return resume(at: time)
        }
        let silent = time - max(lastOutput, lastProgress)
        guard silent >= threshold, noticeSince == nil else { return [] }
        noticeSince = time
        let reports = Self.reports(sample, since: before, elapsed: time - before.time, ticksPerSecond: ticksPerSecond)
        let notice = StallNotice(
            pid: pid,
            comm: comm,
            silentFor: .seconds(silent.components.seconds),
            activity: Self.activity(reports),
            threads: reports
        )
        return [.notice(notice)]
    }

    private mutating func resume(at time: Duration) -> [Action] {
        guard let since = noticeSince else { return [] }
        noticeSince = nil
        return [.resumed(after: time - since)]
    }

    static func reports(
        _ sample: JobSample,
        since before: (sample: JobSample, time: Duration),
        elapsed: Duration,
        ticksPerSecond: Int
    ) -> [ThreadReport] {
        let earlier = Dictionary(before.sample.threads.map { ($0.tid, $0.cpuTicks) }) { first, _ in first }
        let seconds = max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, 0.001)
        return sample.threads.map { thread in
            let ticks = thread.cpuTicks &- (earlier[thread.tid] ?? thread.cpuTicks)
            let percent = Int((Double(ticks) / Double(ticksPerSecond) / seconds * 100).rounded())
            return ThreadReport(thread: thread, cpuPercent: min(percent, 100))
        }.sorted { ($0.cpuPercent, -$0.thread.tid) > ($1.cpuPercent, -$1.thread.tid) }
    }

    /// Spinning beats a GPU wait beats other sleep: a busy thread is where the job is stuck.
    static func activity(_ reports: [ThreadReport]) -> StallActivity {
        // Runnable with a real share of a core, or busy for half of one: on a loaded machine a
        // busy-waiting thread gets less than a full core.
        let spinning = reports.filter { $0.cpuPercent >= 50 || ($0.thread.state == "R" && $0.cpuPercent >= 10) }
        if !spinning.isEmpty { return .spinning(threads: spinning.count) }
        let waiting = reports.filter(\.thread.isInGPUWait)
        if let first = waiting.first {
            return .gpuWait(threads: waiting.count, detail: location(of: first.thread))
        }
        if !reports.isEmpty, reports.allSatisfy({ $0.thread.state == "T" || $0.thread.state == "t" }) {
            return .stopped
        }
        let main = reports.first { $0.thread.tid == $0.thread.pid } ?? reports.first
        return .asleep(threads: reports.count, detail: main.map { location(of: $0.thread) } ?? "unknown")
    }

    /// "ioctl on /dev/kfd", "in hrtimer_nanosleep", "clock_nanosleep".
    static func location(of thread: ThreadActivity) -> String {
        if thread.syscall == "ioctl", let target = thread.ioctlTarget {
            return "ioctl on \(target)" + (thread.ioctlDriver.map { " (\($0))" } ?? "")
        }
        if let channel = thread.waitChannel { return "in \(channel)" }
        return thread.syscall ?? "state \(thread.state)"
    }
}
