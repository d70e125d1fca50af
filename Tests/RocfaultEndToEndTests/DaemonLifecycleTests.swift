import Foundation
import Glibc
import RocfaultStore
import RocfaultTestKit
import Testing

/// One life across restarts, and deaths nobody logged: a real rocfaultd killed with SIGKILL and
/// started again, real kernel log lines, real children that abort.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct DaemonLifecycleTests {
    static func header(pasid: UInt32) -> String {
        "<3>amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:\(pasid))"
    }

    /// Waits until the daemon stored an incident with `pasid` (it is committed, and open).
    static func waitForOpenIncident(_ daemon: DaemonProcess, pasid: UInt32) async throws -> StoredIncidentSummary {
        let found = try await daemon.waitForIncidents(timeout: .seconds(5)) { $0.contains { $0.pasid == pasid } }
        let incident = try #require(found.first { $0.pasid == pasid }, "\(daemon.log)")
        #expect(!incident.isFinal)
        return incident
    }

    @Test func incidentsLeftOpenBySIGKILLAreFinishedByTheNextStart() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state, extra: ["--quiet-period", "2"])
        let pasid = try DaemonTests.uniquePASID()
        try KmsgTestWriter.write(Self.header(pasid: pasid))
        let open = try await Self.waitForOpenIncident(daemon, pasid: pasid)
        daemon.killHard()

        let restartedAt = Date()
        try await daemon.start()
        let after = try await daemon.waitForIncidents(timeout: .seconds(10)) { found in
            found.contains { $0.id == open.id && $0.isFinal }
        }
        #expect(after.contains { $0.id == open.id && $0.isFinal }, "still open after the quiet period: \(daemon.log)")
        #expect(after.filter { $0.pasid == pasid }.count == 1)
        #expect(after.first { $0.id == open.id }?.kernelLog == open.kernelLog, "judged again without new evidence")
        let restarted = daemon.process.processIdentifier
        let final = try await Self.announcements(
            final: true,
            incident: open.number,
            daemonPID: restarted,
            since: restartedAt,
            atLeast: 1
        )
        #expect(final == 1, "the restarted daemon did not announce the incident final")
        let recorded = try await Self.announcements(
            final: false,
            incident: open.number,
            daemonPID: restarted,
            since: restartedAt,
            atLeast: 0
        )
        #expect(recorded == 0, "the restarted daemon announced the incident as new again")
        #expect(await daemon.stop() < .seconds(5))
    }

    /// How many journal announcements a daemon process wrote for an incident (polls up to 3 s
    /// until there are `atLeast`). The journal's trusted `_PID` tells which daemon run wrote them,
    /// and `since` keeps out an earlier run of the same boot that had the same pid (pids wrap at
    /// 32768 here, and the journal keeps every test run of the boot).
    static func announcements(
        final: Bool,
        incident: Int64,
        daemonPID: Int32,
        since: Date,
        atLeast: Int
    ) async throws -> Int {
        let messageID = final ? "4999ecf90b7b497b95ff884579aa0a08" : "7c30da61307a4535a671a33555845ec7"
        var count = 0
        for _ in 0..<30 {
            let journal = try ProcessRunner.run(
                "/usr/bin/journalctl",
                [
                    "--no-pager", "-o", "cat", "MESSAGE_ID=\(messageID)", "ROCFAULT_INCIDENT=\(incident)",
                    "_PID=\(daemonPID)",
                ] + ProcessRunner.journalSince(since)
            )
            count = journal.stdout.split(separator: "\n").filter { $0.hasPrefix("incident \(incident) ") }.count
            if count >= atLeast && atLeast > 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return count
    }

    @Test func aPageFaultBlockCutByARestartIsOneIncident() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state, extra: ["--quiet-period", "3"])
        let pasid = try DaemonTests.uniquePASID()
        let pid = Int32.random(in: 400_000..<4_000_000)
        try KmsgTestWriter.write(Self.header(pasid: pasid))
        let open = try await Self.waitForOpenIncident(daemon, pasid: pasid)
        daemon.killHard()
        try KmsgTestWriter.writeBlock([
            "<3>amdgpu 0000:c5:00.0: amdgpu:  Process python3 pid \(pid) thread python3 pid \(pid)",
            "<3>amdgpu 0000:c5:00.0: amdgpu:   in page starting at address 0x00007f3a58f7f000 from client 10",
        ])

        try await daemon.start()
        let after = try await daemon.waitForIncidents(timeout: .seconds(10)) { found in
            found.contains { $0.id == open.id && $0.isFinal }
        }
        let mine = after.filter { $0.pasid == pasid || $0.pid == pid }
        #expect(mine.count == 1, "the block became \(mine.count) incidents: \(mine.map(\.lines))")
        let joined = try #require(mine.first { $0.id == open.id })
        #expect(joined.pid == pid)
        #expect(joined.isFinal)
        #expect(joined.failureClass == "page-fault")
        #expect(joined.lines.contains { $0.contains("Process python3 pid \(pid)") })
        #expect(joined.lines.contains { $0.contains("in page starting at address") })
        await daemon.stop()
    }

    @Test func aTailStartKilledBeforeItsFirstCommitLosesNoJournalEntry() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state, extra: ["--no-kmsg"])
        daemon.killHard()
        #expect(try daemon.storedCursor("journal") != nil, "no journal position saved before READY")

        let pid = try ProcessRunner.logLineToJournal(
            tag: "rocfault-e2e-down",
            "HIP out of memory. Tried to allocate 2.00 GiB"
        )
        try await daemon.start()
        let found = try await daemon.waitForIncidents(timeout: .seconds(10)) { $0.contains { $0.pid == pid } }
        #expect(found.contains { $0.pid == pid }, "the entry written while the daemon was down was lost")
        await daemon.stop()
    }

    /// A python3 child that opens the fake GPU node, waits to be seen, writes `line` to stderr
    /// (when given) and aborts.
    static func abortingChild(device: String, stderr: FileHandle, line: String?) throws -> Process {
        let print = line.map { "print(\($0.debugDescription), file=sys.stderr, flush=True); " } ?? ""
        let script =
            "import os, signal, sys, time; signal.signal(signal.SIGABRT, signal.SIG_DFL); "
            + "fd = os.open(\(device.debugDescription), os.O_RDONLY); time.sleep(2); \(print)os.abort()"
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        child.arguments = ["-c", script]
        child.standardError = stderr
        child.standardOutput = FileHandle.nullDevice
        try child.run()
        return child
    }

    static func signalDeathDaemon(state: URL) async throws -> (DaemonProcess, String) {
        let device = state.appendingPathComponent("fake-kfd").path
        _ = FileManager.default.createFile(atPath: device, contents: Data())
        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: ["--gpu-device", device, "--process-scan-interval", "1", "--no-journal", "--quiet-period", "2"]
        )
        try await daemon.waitForLog("watching opens of", timeout: .seconds(5))
        #expect(!daemon.log.contains("process events connector"), "no process events here: \(daemon.log)")
        return (daemon, device)
    }

    @Test func aGPUProcessThatAbortsWithItsStderrInAFileIsAnIncidentWithItsLastLine() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let (daemon, device) = try await Self.signalDeathDaemon(state: state)
        let errors = state.appendingPathComponent("job.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: Data())
        let line =
            "Memory critical error by agent node-0 (Agent handle: 0x560304d08f00) on address 0x7f091de3f000. Reason: Memory in use."
        let child = try Self.abortingChild(device: device, stderr: try FileHandle(forWritingTo: errors), line: line)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGABRT)
        let pid = child.processIdentifier

        let found = try await daemon.waitForIncidents(timeout: .seconds(10)) { $0.contains { $0.pid == pid } }
        let incident = try #require(found.first { $0.pid == pid }, "no incident for the abort: \(daemon.log)")
        #expect(incident.side == "userspace")
        #expect(incident.failureClass == "memory-in-use")
        #expect(incident.lines.contains(line))
        #expect(incident.lines.contains { $0.contains("was killed by signal SIGABRT (6)") })
        #expect(incident.ruleIDs.contains("rocfaultd.gpu-process-signal"))
        let process = try await daemon.waitForProcess(pid: pid, timeout: .seconds(5)) { $0.exitSignal != nil }
        #expect(process?.exitSignal == SIGABRT)
        await daemon.stop()
    }

    @Test func aGPUProcessThatAbortsWithItsStderrGoingNowhereIsAnAbortIncident() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let (daemon, device) = try await Self.signalDeathDaemon(state: state)
        let child = try Self.abortingChild(device: device, stderr: FileHandle.nullDevice, line: "lost in the void")
        child.waitUntilExit()
        let pid = child.processIdentifier

        let found = try await daemon.waitForIncidents(timeout: .seconds(10)) { $0.contains { $0.pid == pid } }
        let incident = try #require(found.first { $0.pid == pid }, "no incident for the abort: \(daemon.log)")
        #expect(incident.side == "userspace")
        #expect(incident.failureClass == "abort")
        #expect(incident.kernelLog == "covered")
        let signalLine = try #require(incident.lines.first { $0.contains("was killed by signal SIGABRT (6)") })
        #expect(signalLine.contains("rocfault run"))
        #expect(!incident.lines.contains("lost in the void"))
        let final = try await daemon.waitForIncidents(timeout: .seconds(6)) { found in
            found.contains { $0.pid == pid && $0.isFinal }
        }
        #expect(final.contains { $0.pid == pid && $0.isFinal })
        await daemon.stop()
    }
}
