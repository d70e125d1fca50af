import RocfaultCore
import Synchronization
import RocfaultPlatform

/// Finds the processes using a GPU: those KFD lists, and those holding a GPU node open.
///
/// Each call to `scan()` lists `<procRoot>` once and reads the `fd` links of each process;
/// it never loops by itself (the daemon calls it on a timer and on device events). What is
/// slow to read (command line, environment, cgroup, executable) is read once, at first sight,
/// per `(pid, start time)`, and again when the command name changes: an `execve` keeps the pid and
/// the start time, so a launcher that opened a GPU node and then ran the real program would
/// otherwise keep the launcher's command line. Mapped libraries are read at first sight and every
/// `mapsRefreshInterval` scans, as runtimes load more libraries later. Departed processes and
/// PASID owners are kept in bounded history so a late kernel log line can still be attributed.
package final class GPUProcessScanner: Sendable {
    /// Where procfs is mounted.
    package let procRoot: String
    /// Where sysfs is mounted (for the KFD process list).
    package let sysfsRoot: String
    /// Which open files count as GPU nodes.
    package let matcher: DeviceMatcher
    /// Which environment variables are kept.
    package let environmentFilter: EnvironmentFilter
    /// Scans between two reads of a process's `maps`.
    package let mapsRefreshInterval: Int
    /// How many departed processes and PASID owners are remembered.
    package let historyLimit: Int

    private let reader: ProcessReader
    private let state = Mutex(ScannerState())

    /// Creates a scanner.
    package init(
        procRoot: String = "/proc",
        sysfsRoot: String = "/sys",
        matcher: DeviceMatcher = .standard,
        environmentFilter: EnvironmentFilter = .standard,
        mapsRefreshInterval: Int = 15,
        historyLimit: Int = 512
    ) {
        self.procRoot = procRoot
        self.sysfsRoot = sysfsRoot
        self.matcher = matcher
        self.environmentFilter = environmentFilter
        self.mapsRefreshInterval = max(1, mapsRefreshInterval)
        self.historyLimit = max(1, historyLimit)
        self.reader = ProcessReader(procRoot: procRoot)
    }

    /// Scans once and updates what the scanner remembers.
    @discardableResult
    package func scan() -> GPUProcessScan {
        let now = SystemClock.now()
        let known = state.withLock { $0.live.mapValues { KnownProcess(startTime: $0.startTime, comm: $0.comm) } }
        let round = state.withLock { state in
            state.round += 1
            return state.round
        }
        let sightings = observe(known: known, refreshMaps: round % mapsRefreshInterval == 0, now: now)
        return state.withLock { $0.merge(sightings, now: now, historyLimit: historyLimit) }
    }

    /// The processes using a GPU at the last scan.
    package var processes: [GPUProcess] {
        state.withLock { $0.live.values.sorted { $0.pid < $1.pid } }
    }

    /// A process by pid: live at the last scan, else the most recent departed one.
    package func process(pid: Int32) -> GPUProcess? {
        state.withLock { $0.live[pid] ?? $0.departed.last { $0.pid == pid } }
    }

    /// The pid that most recently held a PASID, live or departed.
    package func pid(forPasid pasid: UInt32) -> Int32? {
        state.withLock { $0.owners.last { $0.pasid == pasid }?.pid }
    }

    /// Every remembered holder of a PASID, oldest first.
    package func owners(ofPasid pasid: UInt32) -> [PasidOwner] {
        state.withLock { $0.owners.filter { $0.pasid == pasid } }
    }

    /// What a scan compares a process with: who it was at the last scan.
    struct KnownProcess {
        let startTime: UInt64
        let comm: String
    }

    private func observe(known: [Int32: KnownProcess], refreshMaps: Bool, now: EventTime) -> [Sighting] {
        let kfd = KFDProcessList(sysfsRoot: sysfsRoot).entries()
        var sightings: [Sighting] = []
        for pid in reader.pids() {
            let files = reader.gpuFiles(pid, matcher: matcher)
            let pasids = kfd[pid]
            guard !files.isEmpty || pasids != nil, let stat = reader.stat(pid) else { continue }
            var sighting = Sighting(stat: stat, devices: files, pasids: pasids ?? [], inKFD: pasids != nil)
            if known[pid]?.startTime != stat.startTime {
                sighting.firstSight = firstSight(stat, now: now)
            } else if known[pid]?.comm != stat.comm {
                sighting.firstSight = firstSight(stat, now: now)
                sighting.reexecuted = true
            } else if refreshMaps {
                sighting.libraries = reader.libraries(pid)
            }
            sightings.append(sighting)
        }
        return sightings
    }

    private func firstSight(_ stat: ProcStat, now: EventTime) -> GPUProcess {
        let pid = stat.pid
        let cgroup = reader.cgroup(pid)
        return GPUProcess(
            pid: pid,
            startTime: stat.startTime,
            parentPID: stat.parentPID,
            comm: stat.comm,
            exe: reader.exe(pid),
            cmdline: reader.cmdline(pid),
            cgroup: cgroup,
            unit: cgroup.flatMap(CgroupPath.unit),
            libraries: reader.libraries(pid),
            environment: reader.environment(pid, filter: environmentFilter),
            outputFiles: reader.outputFiles(pid),
            firstSeen: now,
            lastSeen: now
        )
    }
}
