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
                "--process-scan-interval", "0",
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

    /// Incidents recorded so far, read the way the CLI reads them.
    func incidents() throws -> [StoredIncidentSummary] {
        let path = stateDirectory.appendingPathComponent("rocfault.sqlite").path
        let store = try IncidentStore.open(at: path, mode: .readOnly)
        defer { try? store.close() }
        return try store.incidents(matching: IncidentQuery(limit: 100_000)).map(StoredIncidentSummary.init)
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
    var side: String
    var failureClass: String
    var kernelLog: String
    var pid: Int32?
    var pasid: UInt32?
    var knownIssues: [String]
    var ruleIDs: Set<String>
    var lines: [String]
    var counts: [String: Int]

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
    }
}

struct DaemonTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
