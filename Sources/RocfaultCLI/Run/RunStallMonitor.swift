import RocfaultCore
import RocfaultPlatform
import RocfaultSystem

/// The shell around ``StallWatch`` for `rocfault run --stall-after`: samples the child's `/proc`
/// entries when due, prints the notice on stderr, and adds the stall to the evidence when the job
/// ends while stalled.
struct RunStallMonitor {
    private var watch: StallWatch
    private let sampler: JobSampler
    private let pid: Int32
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var notice: StallNotice?

    init(threshold: Duration, pid: Int32, comm: String, procRoot: String = "/proc") {
        self.start = clock.now
        self.pid = pid
        self.sampler = JobSampler(procRoot: procRoot)
        self.watch = StallWatch(
            threshold: threshold,
            pid: pid,
            comm: comm,
            ticksPerSecond: JobSampler.ticksPerSecond,
            start: .zero
        )
    }

    private var now: Duration { clock.now - start }

    /// Milliseconds until the next sample is due, at most `limit`.
    func pollTimeout(limit: Int32) -> Int32 {
        let wait = watch.nextSampleDue - now
        let milliseconds = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, min(Int64(limit), milliseconds)))
    }

    /// The child printed something.
    mutating func output(pump: StderrPump) {
        handle(watch.output(at: now), pump: pump)
    }

    /// Samples the child when a sample is due.
    mutating func tick(pump: StderrPump) {
        guard now >= watch.nextSampleDue, let sample = sampler.sample(pid: pid) else { return }
        handle(watch.sample(sample, at: now), pump: pump)
    }

    /// When the job ended stalled (killed, interrupted or failed), the notice joins the evidence.
    func finish(_ termination: ChildProcess.Termination, pump: inout StderrPump) {
        guard watch.isStalled, let notice, termination != .exited(0) else { return }
        pump.recordStall(notice.headline)
    }

    private mutating func handle(_ actions: [StallWatch.Action], pump: StderrPump) {
        for action in actions {
            switch action {
            case .notice(let notice):
                self.notice = notice
                let issues = pump.knownIssues(withStall: notice.headline)
                let style = Style(enabled: Terminal.standardError.usesColor)
                let text = StallNoticeRenderer(style: style).render(
                    notice,
                    lastLine: pump.lastLine,
                    knownIssues: issues
                )
                Terminal.standardError.write(text)
            case .resumed(let after):
                Terminal.standardError.write(
                    "rocfault: pid \(pid) made progress again after \(after.components.seconds) s\n"
                )
            }
        }
    }
}
