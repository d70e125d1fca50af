import RocfaultCore
import RocfaultSources
import RocfaultSystem

/// One scan for GPU processes: reports new ones (and watches them for exit), departed ones when
/// exits are not watched, and samples the GPU processes (only those) for hangs: blocked in `D`,
/// busy-waiting with no I/O, or asleep in a KFD/DRM ioctl, past the hang threshold.
final class ProcessScanRound: @unchecked Sendable {
    // Used by the scan loop's task only, one round at a time.
    private let scanner: GPUProcessScanner
    private let sampler: JobSampler
    private var hangs: HangWatch
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
        self.sampler = JobSampler(procRoot: configuration.procRoot)
        self.hangs = HangWatch(threshold: configuration.hangThreshold, ticksPerSecond: JobSampler.ticksPerSecond)
        self.hub = hub
        self.exits = exits
        self.statuses = statuses
    }

    /// Scans once; returns whether any GPU process is running.
    func run() -> Bool {
        let scan = scanner.scan()
        if !scan.appeared.isEmpty || !scan.reexecuted.isEmpty { hub.send(.processes(scan.appeared + scan.reexecuted)) }
        for process in scan.appeared {
            statuses?.watch(pid: process.pid)
            _ = exits?.watch(pid: process.pid, startTime: process.startTime)
        }
        if exits == nil {
            for gone in scan.disappeared { hub.send(.processExited(pid: gone.pid, realtime: clock.now())) }
        }
        let now = Duration.microseconds(clock.monotonicNow())
        var transitions = hangs.retain(Set(scan.processes.map(\.pid)), at: now)
        for process in scan.processes {
            guard let activity = sampler.activity(pid: process.pid) else { continue }
            transitions += hangs.record(activity, at: now)
        }
        for transition in transitions { hub.send(.processHang(transition)) }
        return !scan.processes.isEmpty
    }
}
