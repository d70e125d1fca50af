import Foundation
import Glibc
import RocfaultCore
import RocfaultStore
import RocfaultTestKit
import Testing

/// `rocfault run` with a running rocfaultd: one verdict, under one number, for one crash, and the
/// daemon's incident carries run's command line and signal.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct RunDaemonAgreementTests {
    /// Records an incident under key "41" before the daemon starts: the daemon's keys and the
    /// store's numbers then differ, as after two daemon runs.
    static func seed(_ state: URL) throws {
        let seed = try IncidentStore.open(at: state.appendingPathComponent("rocfault.sqlite").path, mode: .readWrite)
        try seed.record(StoreBatch(incidents: [StoreFixture.memoryInUseEntry(id: "41", at: 0)]))
        try seed.close()
    }

    /// `ROCFAULT_INCIDENT` of the daemon's "recorded" announcement about `pid`.
    static func announcedNumber(pid: Int32) throws -> String? {
        let announced = try ProcessRunner.run(
            "/usr/bin/journalctl",
            ["--no-pager", "-o", "json", "MESSAGE_ID=7c30da61307a4535a671a33555845ec7", "ROCFAULT_PID=\(pid)"]
        )
        let entry = announced.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.first
        return entry?["ROCFAULT_INCIDENT"] as? String
    }

    @Test func runPrintsTheStoresVerdictAndTheIncidentKeepsTheCommandLineAndSignal() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        try Self.seed(state)
        let daemon = try await DaemonProcess(stateDirectory: state)
        try await daemon.waitUntilCaughtUp()
        let line = JournalTrustTests.uniqueROCrLine()
        let script =
            "import os, signal, sys; signal.signal(signal.SIGABRT, signal.SIG_DFL); "
            + "print(os.getpid(), flush=True); print('\(line)', file=sys.stderr, flush=True); os.abort()"
        let arguments = ["/usr/bin/python3", "-c", script]
        let output = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["run", "--rules", ProcessRunner.rulesDirectory, "--state-dir", state.path, "--"] + arguments,
            environment: ["ROCFAULT_RUNS_DIR": state.appendingPathComponent("runs").path, "NO_COLOR": "1"]
        )
        #expect(output.status == 134)
        let childPID = try #require(Int32(output.stdout.split(separator: "\n").first.map(String.init) ?? ""))
        let verdict = try #require(
            output.stderr.firstMatch(of: /Verdict: (\w+), ([\w-]+) \(kernel log: ([\w ]+)\)/),
            "\(output.stderr)"
        )
        let next = try #require(output.stderr.firstMatch(of: /Next: rocfault report --state-dir \S+ (\d+)/))
        let number = try #require(Int64(next.1))
        let path = state.appendingPathComponent("rocfault.sqlite").path
        let record = try await daemon.waitForProcess(pid: childPID, timeout: .seconds(5)) { $0.exitSignal != nil }
        #expect(record?.cmdline == arguments, "\(daemon.log)")
        let store = try IncidentStore.open(at: path, mode: .readOnly)
        let stored = try #require(try store.storedIncident(number: number))
        try store.close()
        #expect(stored.incident.pid == childPID, "`Next:` names the child's incident")
        #expect(String(verdict.1) == stored.incident.verdict.side.rawValue.uppercased())
        #expect(String(verdict.2) == stored.incident.verdict.failureClass.rawValue)
        #expect(
            String(verdict.3) == stored.incident.verdict.kernelLog.rawValue.replacingOccurrences(of: "-", with: " ")
        )
        let shown = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["show", String(number), "--state-dir", state.path, "--no-pager"],
            environment: ["NO_COLOR": "1"]
        )
        #expect(shown.stdout.hasPrefix("Incident \(number) "), "\(shown.stdout)")
        #expect(shown.stdout.contains("command line  /usr/bin/python3 -c"), "\(shown.stdout)")
        #expect(shown.stdout.contains("exit signal   SIGABRT"), "\(shown.stdout)")
        #expect(shown.stdout.contains(line))
        #expect(try Self.announcedNumber(pid: childPID) == String(number), "the journal announces the same number")
        await daemon.stop()
    }
}
