import RocfaultCore
import RocfaultSources
import RocfaultSystem
import RocfaultPlatform

/// Whether rocfaultd runs with this state directory: from the `rocfaultd.pid` record it keeps there
/// and what `/proc` shows for that pid now.
struct DaemonStatus: Encodable {
    /// `running`, `stopped`, `vanished` (killed or crashed) or `unknown` (no record).
    var state: String
    var pid: Int32?
    var since: String?
    var stopped: String?
    /// For a running daemon: `healthy`, `stuck-in-kernel`, `stopped` or `exiting`.
    var health: String?
    var version: String?
    /// The line `status` opens with.
    var summary: String

    private enum CodingKeys: String, CodingKey { case state, pid, since, stopped, health, version, summary }

    /// Whether rocfaultd runs now.
    let isRunning: Bool

    /// Reads `rocfaultd.pid` in `stateDirectory` and judges it against this boot and `procRoot`.
    static func read(stateDirectory: String, procRoot: String = "/proc", now: Int64) -> DaemonStatus {
        let path = stateDirectory + "/" + DaemonRecord.fileName
        let record = FileIO.text(path).flatMap(DaemonRecord.init(text:))
        let process = record.flatMap { ProcStat(path: "\(procRoot)/\($0.pid)/stat") }.map {
            DaemonPresence.ProcessNow(startTicks: $0.startTime, state: $0.state)
        }
        let boot = (try? JournalBoot.currentID()) ?? ""
        let presence = DaemonPresence.judge(record: record, currentBootID: boot, process: process)
        return DaemonStatus(presence, now: now, path: path)
    }

    init(_ presence: DaemonPresence, now: Int64, path: String) {
        let record: DaemonRecord?
        switch presence {
        case .running(let running, let health):
            record = running
            state = "running"
            self.health = health.rawValue
            isRunning = true
            summary = "running, pid \(running.pid), since \(Self.since(running, now: now)), \(Self.words(health))"
        case .stopped(let stopped):
            record = stopped
            state = "stopped"
            isRunning = false
            summary =
                "not running: stopped at \(LocalTime.text(microseconds: stopped.stoppedMicroseconds)) "
                + "(ran as pid \(stopped.pid) since \(LocalTime.text(microseconds: stopped.startedMicroseconds)))"
        case .vanished(let gone, let rebooted):
            record = gone
            state = "vanished"
            isRunning = false
            let run = "pid \(gone.pid), started \(LocalTime.text(microseconds: gone.startedMicroseconds))"
            summary =
                rebooted
                ? "not running in this boot (last ran as \(run), in an earlier boot)"
                : "not running: \(run), ended without stopping cleanly (killed or crashed; "
                    + "journalctl -u rocfaultd says why)"
        case .unknown:
            record = nil
            state = "unknown"
            isRunning = false
            summary = "not running with this state directory (no \(path))"
        }
        pid = record?.pid
        since = record.map { LocalTime.text(microseconds: $0.startedMicroseconds) }
        stopped = record?.stoppedMicroseconds.map { LocalTime.text(microseconds: $0) }
        version = record?.version
    }

    private static func since(_ record: DaemonRecord, now: Int64) -> String {
        let age = LocalTime.age(seconds: Double(now - record.startedMicroseconds) / 1_000_000)
        return "\(LocalTime.text(microseconds: record.startedMicroseconds)) (\(age))"
    }

    private static func words(_ health: DaemonPresence.Health) -> String {
        switch health {
        case .healthy: "healthy"
        case .stuckInKernel: "stuck in the kernel (D state: waiting on a device or disk)"
        case .stopped: "stopped by a signal or a debugger (T state)"
        case .exiting: "exiting"
        }
    }
}
