import Foundation
import Glibc
import RocfaultCore
import RocfaultStore

/// A real `rocfaultd` child process with its own state directory, for end-to-end tests.
final class DaemonProcess {
    let stateDirectory: URL
    let rulesDirectory: String
    let logFile: URL
    private(set) var process: Process
    private let arguments: [String]

    /// Starts the daemon and waits until it says it is ready.
    init(stateDirectory: URL, rulesDirectory: String = ProcessRunner.rulesDirectory, extra: [String] = []) async throws
    {
        self.stateDirectory = stateDirectory
        self.rulesDirectory = rulesDirectory
        self.logFile = stateDirectory.appendingPathComponent("rocfaultd.log")
        self.arguments =
            [
                "--state-dir", stateDirectory.path, "--rules", rulesDirectory, "--accept-injected-kernel-lines",
                "--process-scan-interval", "0", "--journal-start", "tail",
            ] + extra
        self.process = Process()
        try await start()
    }

    /// (Re)starts the daemon on the same state directory.
    func start() async throws {
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessRunner.executable("rocfaultd"))
        process.arguments = arguments
        process.standardError = log
        process.standardOutput = log
        try process.run()
        self.process = process
        try await waitForLog("rocfaultd ready", timeout: .seconds(20))
    }

    /// A test that fails before stopping its daemon must not leave it running.
    deinit {
        if process.isRunning { killHard() }
    }

    var isRunning: Bool { process.isRunning }

    /// Everything the daemon logged so far.
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Waits until the log contains `text`.
    func waitForLog(_ text: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if log.contains(text) { return }
            guard process.isRunning else { throw DaemonTestError("rocfaultd exited: \(log)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DaemonTestError("rocfaultd did not log '\(text)' in time: \(log)")
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// The names of the daemon's threads, from `/proc/PID/task/*/comm`.
    func threadNames() -> [String] {
        let tasks = "/proc/\(process.processIdentifier)/task"
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
        return ids.compactMap { id in
            (try? String(contentsOfFile: "\(tasks)/\(id)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// SIGTERM, then waits; returns how long the stop took.
    @discardableResult
    func stop() async -> Duration {
        let started = ContinuousClock.now
        signal(SIGTERM)
        while process.isRunning && ContinuousClock.now - started < .seconds(15) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return ContinuousClock.now - started
    }

    /// SIGKILL and reap.
    func killHard() {
        signal(SIGKILL)
        process.waitUntilExit()
    }

    /// A stored source position (the daemon may be running or not).
    func storedCursor(_ source: String) throws -> String? {
        let store = try IncidentStore.open(
            at: stateDirectory.appendingPathComponent("rocfault.sqlite").path,
            mode: .readOnly
        )
        defer { try? store.close() }
        return try store.cursor(for: source)
    }

    /// Overwrites a stored source position; only while the daemon is not running.
    func overwriteStoredCursor(_ source: String, with value: String) throws {
        let store = try IncidentStore.open(
            at: stateDirectory.appendingPathComponent("rocfault.sqlite").path,
            mode: .readWrite
        )
        defer { try? store.close() }
        try store.record(StoreBatch(cursors: [source: value]))
    }

    /// Incidents recorded so far, read the way the CLI reads them.
    func incidents() throws -> [StoredIncidentSummary] {
        let path = stateDirectory.appendingPathComponent("rocfault.sqlite").path
        let store = try IncidentStore.open(at: path, mode: .readOnly)
        defer { try? store.close() }
        return try store.storedIncidents(matching: IncidentQuery(limit: 100_000)).map { stored in
            var summary = StoredIncidentSummary(stored.incident)
            summary.number = stored.number
            return summary
        }
    }

    /// A daemon on a fixture sysfs root that takes device events (uevents) from a test FIFO in
    /// `state`, started and caught up with the journal; returns it and the FIFO's path.
    static func withDeviceEventFIFO(state: URL, sysfsRoot: String) async throws -> (DaemonProcess, String) {
        let fifo = state.appendingPathComponent("device-events").path
        guard mkfifo(fifo, 0o600) == 0 else { throw DaemonTestError("mkfifo \(fifo): errno \(errno)") }
        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: ["--quiet-period", "3", "--sysfs-root", sysfsRoot, "--device-event-fifo", fifo]
        )
        try await daemon.waitUntilCaughtUp()
        return (daemon, fifo)
    }

    /// Waits until the daemon has read the journal's backlog (a first start reads the whole current
    /// boot): logs a matching line from a throwaway process and waits for its incident. Another
    /// probe follows every 10 s: under load journald now and then stores a stream's line without
    /// its trusted fields (no `_PID`), and such a probe can never be found by its pid.
    func waitUntilCaughtUp(timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        var probes: [Int32] = []
        while ContinuousClock.now < deadline {
            probes.append(
                try ProcessRunner.logLineToJournal(
                    tag: "rocfault-e2e-probe",
                    "HIP out of memory. Tried to allocate 1.00 GiB"
                )
            )
            let wait = min(.seconds(10), deadline - ContinuousClock.now)
            let found = try await waitForIncidents(timeout: wait) { $0.contains { probes.contains($0.pid ?? 0) } }
            if found.contains(where: { probes.contains($0.pid ?? 0) }) { return }
        }
        throw DaemonTestError("rocfaultd did not catch up with the journal (probes \(probes)): \(log)")
    }

    /// Polls until the daemon has recorded the process with `pid`, or the timeout passes.
    func waitForProcess(
        pid: Int32,
        timeout: Duration,
        until ready: (ProcessRecord) -> Bool = { _ in true }
    ) async throws -> ProcessRecord? {
        let path = stateDirectory.appendingPathComponent("rocfault.sqlite").path
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let store = try? IncidentStore.open(at: path, mode: .readOnly) {
                let found = try? store.processes(pid: pid).first
                try? store.close()
                if let found, ready(found) { return found }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Polls `rocfault list --json` (the way a user would) until `found` holds, or the timeout passes.
    func waitForListedIncidents(
        timeout: Duration,
        until found: ([ListedIncident]) -> Bool
    ) async throws -> [ListedIncident] {
        let deadline = ContinuousClock.now + timeout
        var latest: [ListedIncident] = []
        while ContinuousClock.now < deadline {
            let output = try ProcessRunner.run(
                ProcessRunner.executable("rocfault"),
                ["list", "--json=short", "-n", "1000", "--state-dir", stateDirectory.path]
            )
            if output.status == 0, let data = output.stdout.data(using: .utf8),
                let objects = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
            {
                latest = objects.map(ListedIncident.init)
                if found(latest) { return latest }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return latest
    }

    /// Polls until `found` holds for the recorded incidents, or the timeout passes.
    func waitForIncidents(
        timeout: Duration,
        until found: ([StoredIncidentSummary]) -> Bool
    ) async throws -> [StoredIncidentSummary] {
        let deadline = ContinuousClock.now + timeout
        var latest: [StoredIncidentSummary] = []
        while ContinuousClock.now < deadline {
            latest = (try? incidents()) ?? []
            if found(latest) { return latest }
            try await Task.sleep(for: .milliseconds(100))
        }
        return latest
    }
}

/// What the tests look at in a recorded incident.
struct StoredIncidentSummary {
    var id: String
    /// The incident's one number (what every surface and the journal announcements show).
    var number: Int64 = 0
    var side: String
    var failureClass: String
    var kernelLog: String
    var pid: Int32?
    var pasid: UInt32?
    var knownIssues: [String]
    var ruleIDs: Set<String>
    var lines: [String]
    var counts: [String: Int]
    var isFinal: Bool

    init(_ incident: Incident) {
        id = incident.id
        side = incident.verdict.side.rawValue
        failureClass = incident.verdict.failureClass.rawValue
        kernelLog = incident.verdict.kernelLog.rawValue
        pid = incident.pid
        pasid = incident.pasid
        knownIssues = incident.verdict.knownIssues
        ruleIDs = Set(incident.evidence.map(\.ruleID))
        lines = incident.evidence.flatMap { $0.lines.map(\.text) }
        counts = incident.ruleCounts
        isFinal = incident.isFinal
    }
}

/// An incident as `rocfault list --json` shows it.
struct ListedIncident {
    var pid: Int32?
    var side: String?
    var failureClass: String?
    var kernelLog: String?
    var knownIssues: [String]

    init(_ object: [String: Any]) {
        pid = (object["pid"] as? Int).map(Int32.init)
        let verdict = object["verdict"] as? [String: Any] ?? [:]
        side = verdict["side"] as? String
        failureClass = verdict["class"] as? String
        kernelLog = verdict["kernelLog"] as? String
        knownIssues = verdict["knownIssues"] as? [String] ?? []
    }
}

struct DaemonTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
