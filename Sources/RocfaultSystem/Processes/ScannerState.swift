import RocfaultCore

/// The scanner's memory: live GPU processes, departed ones and PASID owners.
struct ScannerState: Sendable {
    var round = 0
    var live: [Int32: GPUProcess] = [:]
    var departed: [GPUProcess] = []
    var owners: [PasidOwner] = []

    /// Folds one scan into the state and reports the changes.
    mutating func merge(_ sightings: [Sighting], now: EventTime, historyLimit: Int) -> GPUProcessScan {
        var next: [Int32: GPUProcess] = [:]
        var appeared: [GPUProcess] = []
        var reexecuted: [GPUProcess] = []
        for sighting in sightings {
            let pid = sighting.stat.pid
            var process: GPUProcess
            var isNew = false
            if let previous = live[pid], previous.startTime == sighting.stat.startTime {
                process = sighting.reexecuted ? Self.reexecuted(previous, as: sighting.firstSight) : previous
            } else if let first = sighting.firstSight {
                process = first
                isNew = true
            } else {
                continue  // Known when the scan started, replaced by a new process meanwhile.
            }
            update(&process, with: sighting, now: now)
            // Reported after the update, so a new process comes with the devices and PASIDs it was seen with.
            if isNew { appeared.append(process) }
            if sighting.reexecuted, !isNew { reexecuted.append(process) }
            next[pid] = process
            record(process, now: now)
        }
        let gone = live.values.filter { next[$0.pid]?.startTime != $0.startTime }.sorted { $0.pid < $1.pid }
        live = next
        departed = Array((departed + gone).suffix(historyLimit))
        owners = Array(owners.suffix(historyLimit))
        let current = next.values.sorted { $0.pid < $1.pid }
        return GPUProcessScan(
            processes: current,
            appeared: appeared.sorted { $0.pid < $1.pid },
            disappeared: gone,
            reexecuted: reexecuted.sorted { $0.pid < $1.pid }
        )
    }

    /// A known process that ran another program: what `execve` replaces (name, executable, command
    /// line, mapped libraries, environment, output files) is the new image's; what it keeps (the
    /// GPU nodes and PASIDs seen so far, the cgroup, when it was first seen) stays.
    static func reexecuted(_ previous: GPUProcess, as image: GPUProcess?) -> GPUProcess {
        guard let image else { return previous }
        var process = previous
        process.comm = image.comm
        process.exe = image.exe
        process.cmdline = image.cmdline
        process.libraries = image.libraries
        process.environment = image.environment
        process.outputFiles = image.outputFiles
        return process
    }

    private func update(_ process: inout GPUProcess, with sighting: Sighting, now: EventTime) {
        process.devices = Array(Set(process.devices).union(sighting.devices)).sorted()
        process.pasids = Array(Set(process.pasids).union(sighting.pasids)).sorted()
        process.inKFD = process.inKFD || sighting.inKFD
        process.lastSeen = now
        if let libraries = sighting.libraries {
            process.libraries = Array(Set(process.libraries).union(libraries)).sorted {
                ($0.name, $0.path) < ($1.name, $1.path)
            }
        }
    }

    private mutating func record(_ process: GPUProcess, now: EventTime) {
        for pasid in process.pasids {
            if let index = owners.lastIndex(where: { $0.pasid == pasid }),
                owners[index].pid == process.pid, owners[index].startTime == process.startTime
            {
                owners[index].lastSeen = now
            } else {
                owners.append(
                    PasidOwner(
                        pasid: pasid,
                        pid: process.pid,
                        startTime: process.startTime,
                        comm: process.comm,
                        firstSeen: now,
                        lastSeen: now
                    )
                )
            }
        }
    }
}
