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

    /// `ROCFAULT_INCIDENT` of the daemon's latest "recorded" announcement about `pid` (pids wrap
    /// quickly here: an earlier test's announcement may name the same pid).
    static func announcedNumber(pid: Int32) throws -> String? {
        let announced = try ProcessRunner.run(
            "/usr/bin/journalctl",
            ["--no-pager", "-o", "json", "MESSAGE_ID=7c30da61307a4535a671a33555845ec7", "ROCFAULT_PID=\(pid)"]
        )
        let entry = announced.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.last
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

    /// `Verdict: SIDE, class (kernel log: value)` as `run` and `show` print it: side and coverage.
    static func printedVerdict(_ text: String) -> (side: String, kernelLog: String)? {
        guard let match = text.firstMatch(of: /Verdict: (\w+), [\w-]+ \(kernel log: ([\w ]+)\)/) else { return nil }
        return (String(match.1).lowercased(), String(match.2).replacingOccurrences(of: " ", with: "-"))
    }

    /// A real kernel line (facility kern), written by the kernel itself: `lo` entering or leaving
    /// promiscuous mode. Lines a test writes to /dev/kmsg are not kernel lines, and `check` must
    /// see a kernel log that spans the crash, as rocfaultd does.
    static func kernelLine(promiscuous: Bool) throws {
        let result = try ProcessRunner.run(
            "/usr/sbin/ip",
            ["link", "set", "lo", "promisc", promiscuous ? "on" : "off"]
        )
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(.enabled(if: TestPrivileges.isRoot, "needs root for a real kernel line"))
    func listShowRunStatusAndCheckAgreeOnSideAndCoverage() async throws {
        let startedAt = Date()
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state)
        try await daemon.waitUntilCaughtUp()
        try Self.kernelLine(promiscuous: true)
        let line = JournalTrustTests.uniqueROCrLine()
        let script =
            "import os, signal, sys; signal.signal(signal.SIGABRT, signal.SIG_DFL); "
            + "print(os.getpid(), flush=True); print('\(line)', file=sys.stderr, flush=True); os.abort()"
        let rocfault = ProcessRunner.executable("rocfault")
        let stateOption = ["--state-dir", state.path]
        let run = try ProcessRunner.run(
            rocfault,
            ["run", "--rules", ProcessRunner.rulesDirectory] + stateOption + ["--", "/usr/bin/python3", "-c", script],
            environment: ["ROCFAULT_RUNS_DIR": state.appendingPathComponent("runs").path, "NO_COLOR": "1"]
        )
        try Self.kernelLine(promiscuous: false)
        let childPID = try #require(Int32(run.stdout.split(separator: "\n").first.map(String.init) ?? ""))
        let ran = try #require(Self.printedVerdict(run.stderr), "\(run.stderr)")
        let number = try #require(run.stderr.firstMatch(of: /Next: rocfault report --state-dir \S+ (\d+)/)?.1)
        _ = try await daemon.waitForProcess(pid: childPID, timeout: .seconds(5)) { $0.exitSignal != nil }
        // list: the incident of the child.
        let listed = try await daemon.waitForListedIncidents(timeout: .seconds(5)) {
            $0.contains { $0.pid == childPID }
        }
        let inList = try #require(listed.first { $0.pid == childPID }, "\(daemon.log)")
        // show: the stored verdict, under run's number.
        let shown = try ProcessRunner.run(
            rocfault,
            ["show", String(number), "--no-pager"] + stateOption,
            environment: ["NO_COLOR": "1"]
        )
        let inShow = try #require(Self.printedVerdict(shown.stdout), "\(shown.stdout)")
        // status: the newest incident's stored side and coverage.
        let status = try ProcessRunner.run(rocfault, ["status", "--json=short"] + stateOption)
        let statusObject = try #require(
            try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        )
        let store = try #require(statusObject["store"] as? [String: Any])
        #expect((store["newestIncident"] as? String)?.hasPrefix("\(number) at ") == true, "\(status.stdout)")
        let inStatus = try #require(store["newestIncidentVerdict"] as? String)
        // check --json: the same lines, saved: the child's lines from the journal, the kernel log
        // with wall-clock times (`dmesg --time-format=iso`, kernel facility only).
        let appLog = state.appendingPathComponent("app.log")
        let journal = try ProcessRunner.run(
            "/usr/bin/journalctl",
            ["--no-pager", "-o", "short-iso-precise", "ROCFAULT_PID=\(childPID)"]
                + ProcessRunner.journalSince(startedAt)
        )
        try journal.stdout.write(to: appLog, atomically: true, encoding: .utf8)
        #expect(journal.stdout.contains(line), "\(journal.stdout)")
        let kernLog = state.appendingPathComponent("kern.log")
        let dmesg = try ProcessRunner.run("/usr/bin/dmesg", ["--facility=kern", "--time-format=iso"])
        try dmesg.stdout.write(to: kernLog, atomically: true, encoding: .utf8)
        let check = try ProcessRunner.run(
            rocfault,
            ["check", "--json=short", "--rules", ProcessRunner.rulesDirectory, appLog.path, kernLog.path]
        )
        let checkObject = try #require(
            try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any],
            "\(check.stderr)"
        )
        let checked = try #require(checkObject["verdict"] as? [String: Any])
        // One answer on every surface, and an honest one: the kernel log was read for the crash.
        #expect(ran.side == "userspace" && ran.kernelLog == "covered", "\(run.stderr)")
        #expect(inList.side == ran.side && inList.kernelLog == ran.kernelLog)
        #expect(inShow.side == ran.side && inShow.kernelLog == ran.kernelLog, "\(shown.stdout)")
        #expect(inStatus == "\(ran.side), kernel log \(ran.kernelLog)")
        #expect(checked["side"] as? String == ran.side, "\(check.stdout)")
        #expect(checked["kernelLog"] as? String == ran.kernelLog, "\(check.stdout)")
        await daemon.stop()
    }
}
