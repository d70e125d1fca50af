import RocfaultCore
import RocfaultStore
import RocfaultSystem

extension IngestLoop {
    func handleProcesses(_ found: [GPUProcess]) {
        for process in found {
            for pasid in process.pasids { engine.learnPASID(pasid, owner: process.pid) }
            guard processes[process.pid]?.startTime != process.startTime else { continue }
            processes[process.pid] = process
            let record = Self.record(of: process, bootID: bootID)
            pending.processes[record.key] = record
        }
        if !found.isEmpty { hub.schedule(.commit, key: "commit", after: .milliseconds(20)) }
    }

    func processExited(pid: Int32, realtime: Int64) {
        guard let process = processes.removeValue(forKey: pid) else { return }
        var record =
            pending.processes[ProcessKey(bootID: bootID, pid: pid, startTime: process.startTime)]
            ?? Self.record(of: process, bootID: bootID)
        record.exitTime = EventTime(realtimeMicroseconds: realtime)
        pending.processes[record.key] = record
        hub.schedule(.commit, key: "commit", after: .milliseconds(20))
    }

    static func record(of process: GPUProcess, bootID: String) -> ProcessRecord {
        var versions: [String: String] = [:]
        for library in process.libraries {
            versions[library.name] = library.version ?? library.path
        }
        return ProcessRecord(
            key: ProcessKey(bootID: bootID, pid: process.pid, startTime: process.startTime),
            comm: process.comm,
            exe: process.exe,
            cmdline: process.cmdline,
            unit: process.unit,
            cgroup: process.cgroup,
            gpuNodes: process.devices,
            libraryVersions: versions,
            environment: process.environment,
            firstSeen: process.firstSeen
        )
    }
}
