import Foundation
import RocfaultCore
import RocfaultStore
import RocfaultTestKit
import Testing

/// Kernel-log coverage across a daemon restart, with real parts: a real journald, the real
/// /dev/kmsg, a real SQLite file. Serialized with the other daemon tests: they share the kernel log.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct CoverageRestartTests {
    /// After SIGKILL, a userspace crash logged while the daemon was down is read from the journal's
    /// backlog. /dev/kmsg resumes right after the last record stored, so the stored kmsg interval
    /// joins this run's: the crash is `covered`, and the store (what `show` asks) says the same.
    @Test func backlogIncidentAfterAKillIsJudgedFromTheStoredIntervals() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state)
        try await daemon.waitUntilCaughtUp()
        daemon.killHard()
        let pid = try ProcessRunner.logLineToJournal(
            tag: "rocfault-e2e-backlog",
            "Memory critical error by agent node-0 (Agent handle: 0x1) on address 0x7f. Reason: Memory in use."
        )
        try await Task.sleep(for: .milliseconds(200))
        try await daemon.start()

        let listed = try await daemon.waitForListedIncidents(timeout: .seconds(30)) { found in
            found.contains { $0.pid == pid }
        }
        let incident = try #require(listed.first { $0.pid == pid }, "\(daemon.log)")
        #expect(incident.side == "userspace")
        #expect(incident.kernelLog == "covered", "\(daemon.log)")
        await daemon.stop()

        // `show` prints the stored verdict and the ledger's answer from the store now: the same.
        let show = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["show", "--last", "--no-pager", "--state-dir", state.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(show.stdout.contains("(kernel log: covered)"), "\(show.stdout)")
        #expect(show.stdout.contains("Kernel log coverage of that time in the store now: covered"), "\(show.stdout)")

        let store = try IncidentStore.open(at: state.appendingPathComponent("rocfault.sqlite").path, mode: .readOnly)
        defer { try? store.close() }
        let stored = try #require(try store.incidents(matching: IncidentQuery(limit: 1000)).first { $0.pid == pid })
        let time = KernelLogCoverageLedger.incidentTime(firstSeen: stored.firstSeen, lastSeen: stored.lastSeen)
        let intervals = try store.coverage(source: "kmsg")
        #expect(intervals.count == 1, "the second run continued the first run's interval: \(intervals)")
        let bootID = try #require(intervals.first?.bootID)
        #expect(try store.kernelLogCoverage(at: time, bootID: bootID) == .covered)
    }
}

/// `rocfault check` with no FILE, run by a user who may read neither /dev/kmsg nor the system journal.
@Suite struct UnprivilegedCheckTests {
    static var kmsgRestricted: Bool {
        let value = try? String(contentsOfFile: "/proc/sys/kernel/dmesg_restrict", encoding: .utf8)
        return TestPrivileges.isRoot && value?.hasPrefix("1") == true
    }

    @Test(.enabled(if: kmsgRestricted, "needs root to drop to nobody, and kernel.dmesg_restrict=1"))
    func checkAsNobodySaysTheKernelLogIsUnreadableAndHowToRead() throws {
        let command = [
            "--reuid=65534", "--regid=65534", "--clear-groups", ProcessRunner.executable("rocfault"), "check",
            "--rules", ProcessRunner.rulesDirectory,
        ]
        let json = try ProcessRunner.run("/usr/bin/setpriv", command + ["--json=short"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["kernelLog"] as? String == "unreadable")
        let detail = try #require(verdict["kernelLogDetail"] as? [String: Any])
        let access = try #require(detail["access"] as? [String])
        #expect(access.contains { $0.contains("/dev/kmsg") && $0.contains("sudo") })

        let human = try ProcessRunner.run("/usr/bin/setpriv", command, environment: ["NO_COLOR": "1"])
        #expect(human.stdout.contains("(kernel log: unreadable)"), "\(human.stdout)")
        #expect(human.stdout.contains("sudo rocfault check"))
        #expect(!human.stdout.contains("not provided"))
    }

    /// `rocfault run` judges its own /dev/kmsg reading through the ledger: a user who may not read
    /// it gets `unreadable` and how to get access, not `not provided`.
    @Test(.enabled(if: kmsgRestricted, "needs root to drop to nobody, and kernel.dmesg_restrict=1"))
    func runAsNobodySaysTheKernelLogIsUnreadable() throws {
        let runs = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        chmod(runs.path, 0o777)
        let script =
            "import os, signal, sys; signal.signal(signal.SIGABRT, signal.SIG_DFL); "
            + "print('\(JournalTrustTests.uniqueROCrLine())', file=sys.stderr, flush=True); os.abort()"
        let output = try ProcessRunner.run(
            "/usr/bin/setpriv",
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", ProcessRunner.executable("rocfault"), "run",
                "--rules", ProcessRunner.rulesDirectory, "--state-dir", runs.appendingPathComponent("none").path,
                "--", "/usr/bin/python3", "-c", script,
            ],
            environment: ["ROCFAULT_RUNS_DIR": runs.path, "NO_COLOR": "1"]
        )
        #expect(output.status == 134, "\(output.stderr)")
        #expect(output.stderr.contains("(kernel log: unreadable)"), "\(output.stderr)")
        #expect(!output.stderr.contains("kernel log: not provided"))
    }
}
