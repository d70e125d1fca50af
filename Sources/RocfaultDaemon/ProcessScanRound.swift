import RocfaultSources
import RocfaultSystem

/// One scan for GPU processes: reports new ones (and watches them for exit), departed ones when
/// exits are not watched, and processes that stayed in uninterruptible sleep past the threshold.
final class ProcessScanRound: @unchecked Sendable {
    // Used by the scan loop's task only, one round at a time.
    private let scanner: GPUProcessScanner
    private let sampler: ProcessStateSampler
    private var hangs: HangTracker
    private let hub: EventHub
    private let exits: ProcessExitWatcher?
    private let statuses: ProcessExitStatusWatcher?
    private let clock = DaemonClock()

    init(
        configuration: DaemonConfiguration,
        matcher: DeviceMatcher,
        hub: EventHub,
        exits: ProcessExitWatcher?,
        statuses: ProcessExitStatusWatcher?
    ) {
        self.scanner = GPUProcessScanner(
            procRoot: configuration.procRoot,
            sysfsRoot: configuration.sysfsRoot,
            matcher: matcher
        )
        self.sampler = ProcessStateSampler(procRoot: configuration.procRoot)
        self.hangs = HangTracker(threshold: configuration.hangThreshold)
        self.hub = hub
        self.exits = exits
        self.statuses = statuses
    }

    /// Scans once; returns whether any GPU process is running.
    func run() -> Bool {
        let scan = scanner.scan()
        if !scan.appeared.isEmpty { hub.send(.processes(scan.appeared)) }
        for process in scan.appeared {
            statuses?.watch(pid: process.pid)
            _ = exits?.watch(pid: process.pid, startTime: process.startTime)
        }
        if exits == nil {
            for gone in scan.disappeared { hub.send(.processExited(pid: gone.pid, realtime: clock.now())) }
        }
        let now = Duration.microseconds(clock.monotonicNow())
        for process in scan.processes {
            guard let sample = sampler.sample(pid: process.pid, at: now) else { continue }
            for case .started(let candidate) in hangs.record(sample) { reportHang(candidate) }
        }
        return !scan.processes.isEmpty
    }

    private func reportHang(_ candidate: HangCandidate) {
        let channel = candidate.threads.first.flatMap { sampler.waitChannel(pid: candidate.pid, thread: $0) }
        let seconds = Int(candidate.blockedFor.components.seconds)
        hub.send(.processBlocked(pid: candidate.pid, comm: candidate.comm, seconds: seconds, waitChannel: channel))
    }
}
