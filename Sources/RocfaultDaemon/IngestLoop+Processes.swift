import Foundation
import Logging
import RocfaultCore
import RocfaultStore
import RocfaultSystem

extension IngestLoop {
    /// New GPU processes, and known ones that ran another program (`execve`: same pid and start
    /// time), whose record then takes the new name, executable and command line.
    func handleProcesses(_ found: [GPUProcess]) {
        for process in found {
            for pasid in process.pasids { machine.learnPASID(pasid, owner: process.pid) }
            if let known = processes[process.pid], known.startTime == process.startTime,
                known.comm == process.comm, known.cmdline == process.cmdline
            {
                continue
            }
            processes[process.pid] = process
            let record = Self.record(of: process, bootID: bootID)
            pending.processes[record.key] = record
        }
        if !found.isEmpty { hub.schedule(.commit, key: "commit", after: .milliseconds(10)) }
    }

    func processExited(pid: Int32, realtime: Int64) {
        clearHang(pid: pid, exited: true)
        guard let process = processes.removeValue(forKey: pid) else { return }
        exitedProcesses.add(process)
        var record =
            pending.processes[ProcessKey(bootID: bootID, pid: pid, startTime: process.startTime)]
            ?? Self.record(of: process, bootID: bootID)
        record.exitTime = EventTime(realtimeMicroseconds: realtime)
        pending.processes[record.key] = record
        hub.schedule(.commit, key: "commit", after: .milliseconds(10))
    }

    /// How a GPU process ended: its signal goes into its record, and the state machine decides
    /// whether the death is an incident. The last lines of the file its output went to are read
    /// here (the state machine does no I/O).
    func processExitStatus(_ status: ProcessExitStatus) {
        guard let process = processes[status.pid] ?? exitedProcesses[status.pid] else { return }
        let key = ProcessKey(bootID: bootID, pid: status.pid, startTime: process.startTime)
        var record = pending.processes[key] ?? Self.record(of: process, bootID: bootID)
        record.exitSignal = status.signal ?? record.exitSignal
        pending.processes[key] = record
        hub.schedule(.commit, key: "commit", after: .milliseconds(10))
        guard let signal = status.signal, StateMachine.crashSignals[signal] != nil else { return }
        var death = StateMachine.ProcessDeath(
            pid: status.pid,
            comm: process.comm,
            signal: signal,
            coreDumped: status.coreDumped,
            realtime: status.time.realtimeMicroseconds ?? clock.now(),
            bootID: bootID
        )
        for file in process.outputFiles {
            let lines = ProcessOutputTail.lastLines(of: file)
            guard !lines.isEmpty else { continue }
            death.outputFile = file
            death.outputTail = lines
            break
        }
        logger.warning("GPU process \(process.comm) (pid \(status.pid)) was killed by signal \(signal)")
        perform(machine.processDied(death, now: clock.now()))
    }

    /// The hang watch saw a GPU process start or stop hanging. Its own line, which the
    /// `rocfaultd.gpu-process-*` rules turn into hang evidence (or the closing note), goes to the
    /// state machine; the process's incident stays open while it hangs.
    func processHang(_ transition: HangWatch.Transition) {
        switch transition {
        case .started(let hang):
            guard hungProcesses[hang.pid] == nil else { return }
            let now = clock.now()
            let since = now - hang.seconds * 1_000_000
            hungProcesses[hang.pid] = (hang, since)
            logger.warning("\(hang.line)")
            let record = ownRecord(hang.line, pid: hang.pid, comm: hang.comm)
            perform(machine.hangStarted(record, pid: hang.pid, since: since, now: now))
        case .cleared(let hang, let exited, _):
            clearHang(pid: hang.pid, exited: exited)
        }
    }

    /// Ends a standing hang (the watch saw it end, or the process exited); nothing when none stands.
    func clearHang(pid: Int32, exited: Bool) {
        guard let (hang, since) = hungProcesses.removeValue(forKey: pid) else { return }
        let now = clock.now()
        let line = hang.clearedLine(exited: exited, afterSeconds: max(0, now - since) / 1_000_000)
        logger.notice("\(line)")
        let record = ownRecord(line, pid: pid, comm: hang.comm)
        perform(machine.hangCleared(record, pid: pid, exited: exited, now: now))
    }

    /// A GPU process named by the kernel's hung-task warning becomes a line of our own that the
    /// `rocfaultd.gpu-process-blocked` rule turns into hang evidence for that process.
    func reportBlocked(pid: Int32, comm: String, seconds: Int, waitChannel: String?) {
        let channel = waitChannel.map { ", in \($0)" } ?? ""
        let record = ownRecord(
            "GPU process \(comm) (pid \(pid)) blocked in uninterruptible sleep for \(seconds) s\(channel)",
            pid: pid,
            comm: comm
        )
        logger.warning("\(record.text)")
        ingest(record, source: "rocfaultd")
    }

    /// A line of the daemon's own about a process, stamped now.
    func ownRecord(_ text: String, pid: Int32, comm: String) -> LogRecord {
        LogRecord(
            text: text,
            origin: .userspace,
            format: .journalLive,
            location: SourceLocation(file: "rocfaultd", line: 0),
            realtimeMicroseconds: clock.now(),
            pid: pid,
            identifier: comm,
            bootID: bootID
        )
    }

    /// The kernel's hung-task warning names a task; when it is a GPU process, that is a GPU hang.
    func noteHungTask(in record: LogRecord) {
        guard record.origin == .kernel, let range = record.text.range(of: "INFO: task ") else { return }
        let rest = record.text[range.upperBound...]
        guard let blocked = rest.range(of: " blocked for more than "),
            let colon = rest[..<blocked.lowerBound].lastIndex(of: ":"),
            let pid = Int32(rest[rest.index(after: colon)..<blocked.lowerBound]),
            let process = processes[pid]
        else { return }
        let seconds = Int(rest[blocked.upperBound...].prefix { $0.isNumber }) ?? 0
        reportBlocked(pid: pid, comm: process.comm, seconds: seconds, waitChannel: nil)
    }

    /// A systemd-coredump entry completes the record of the process that crashed.
    func noteCoredump(_ fields: [String: String], text: String) {
        guard let pid = fields["COREDUMP_PID"].flatMap({ Int32($0) }),
            let process = processes[pid] ?? exitedProcesses[pid]
        else { return }
        let key = ProcessKey(bootID: bootID, pid: pid, startTime: process.startTime)
        var record = pending.processes[key] ?? Self.record(of: process, bootID: bootID)
        record.exitSignal = fields["COREDUMP_SIGNAL"].flatMap { Int32($0) }
        record.coredumpStack = text
        pending.processes[key] = record
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

/// The GPU processes that exited most recently (a bounded number), for what arrives after the
/// exit: its status from the process events connector, its systemd-coredump record.
struct RecentlyExited {
    private var byPID: [Int32: GPUProcess] = [:]
    private var order: [Int32] = []
    let limit = 256

    subscript(pid: Int32) -> GPUProcess? { byPID[pid] }

    mutating func add(_ process: GPUProcess) {
        if byPID.updateValue(process, forKey: process.pid) == nil { order.append(process.pid) }
        if order.count > limit { byPID.removeValue(forKey: order.removeFirst()) }
    }
}
