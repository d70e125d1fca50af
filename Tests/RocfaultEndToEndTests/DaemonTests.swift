import Foundation
import Glibc
import RocfaultStore
import RocfaultTestKit
import Testing

/// rocfaultd with real parts: a real journald, real /dev/kmsg lines, real child processes that
/// abort, a real SQLite file. Serialized: they share the kernel log.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct DaemonTests {
    /// A page-fault block naming a process, written to the real kernel log.
    static func writeFaultBlock(pid: Int32, comm: String, pasid: UInt32) throws {
        try KmsgTestWriter.writeBlock([
            "<3>amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:\(pasid))",
            "<3>amdgpu 0000:c5:00.0: amdgpu:  Process \(comm) pid \(pid) thread \(comm) pid \(pid)",
            "<3>amdgpu 0000:c5:00.0: amdgpu:   in page starting at address 0x00007f3a58f7f000 from client 10",
        ])
    }

    /// A PASID that no record in the kernel ring names (see ``unusedPASIDs(count:candidate:)``).
    static func uniquePASID() throws -> UInt32 {
        try unusedPASIDs(count: 1).lowerBound
    }

    /// `count` consecutive PASIDs that no record in the kernel ring names. A daemon on a fresh state
    /// directory reads the whole ring, so an earlier test's fault line naming one of them would be
    /// counted as this test's: a hook test's `pasid:1874682`, two minutes old, once made
    /// `sigkillMidStreamLosesAndDuplicatesNothing` see 241 incidents for its 240 lines.
    static func unusedPASIDs(
        count: UInt32,
        candidate: () -> UInt32 = { UInt32.random(in: 100_000..<4_000_000) }
    ) throws -> Range<UInt32> {
        let taken = try KmsgTestWriter.pasidsInRing()
        for _ in 0..<100 {
            let base = candidate()
            let range = base..<(base + count)
            if !taken.contains(where: range.contains) { return range }
        }
        throw DaemonTestError("no \(count) consecutive PASIDs free of the \(taken.count) in the kernel ring")
    }

    @Test func unusedPASIDsAvoidThoseAnEarlierTestLeftInTheRing() throws {
        let taken = UInt32.random(in: 100_000..<4_000_000)
        // Not a fault line: a pid-less fault would join the next test's incident.
        try KmsgTestWriter.write("<6>rocfault-e2e: a record naming pasid:\(taken)")
        var candidates = [taken - 10, taken - 19, taken + 1]
        let range = try Self.unusedPASIDs(count: 20) { candidates.isEmpty ? taken : candidates.removeFirst() }
        #expect(range == (taken + 1)..<(taken + 21))
    }

    @Test func kernelFaultAndUserspaceAbortAreRecordedWithinFiveSeconds() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state, extra: ["--quiet-period", "3"])
        try await daemon.waitUntilCaughtUp()

        let sleeper = try ProcessRunner.sleeper()
        defer { sleeper.terminate() }
        let faultingPID = sleeper.processIdentifier
        let started = ContinuousClock.now
        try Self.writeFaultBlock(pid: faultingPID, comm: "sleep", pasid: Self.uniquePASID())

        let line =
            "Memory critical error by agent node-0 (Agent handle: 0x560304d08f00) on address 0x7f091de3f000. Reason: Memory in use."
        let script =
            "import os, signal, sys; signal.signal(signal.SIGABRT, signal.SIG_DFL); print('\(line)', file=sys.stderr, flush=True); os.abort()"
        let aborting = try ProcessRunner.logToJournal(tag: "rocfault-e2e", "/usr/bin/python3", ["-c", script])
        #expect(aborting.terminationReason == .uncaughtSignal)
        #expect(aborting.terminationStatus == SIGABRT)
        let abortingPID = aborting.processIdentifier

        let incidents = try await daemon.waitForListedIncidents(timeout: .seconds(5)) { found in
            found.contains { $0.pid == faultingPID } && found.contains { $0.pid == abortingPID }
        }
        let elapsed = ContinuousClock.now - started
        let kernel = try #require(incidents.first { $0.pid == faultingPID }, "\(daemon.log)")
        #expect(kernel.side == "kernel")
        #expect(kernel.failureClass == "page-fault")
        #expect(kernel.kernelLog == "covered")
        let userspace = try #require(incidents.first { $0.pid == abortingPID }, "\(daemon.log)")
        #expect(userspace.side == "userspace")
        #expect(userspace.failureClass == "memory-in-use")
        #expect(userspace.kernelLog == "covered")
        #expect(userspace.knownIssues.contains("ROCm/ROCm#6182"))
        #expect(elapsed < .seconds(5))

        let stopTime = await daemon.stop()
        #expect(!daemon.isRunning)
        #expect(daemon.process.terminationStatus == 0)
        #expect(stopTime < .seconds(5))
    }

    @Test func sigkillMidStreamLosesAndDuplicatesNothing() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state)
        let count: UInt32 = 240
        let base = try Self.unusedPASIDs(count: count).lowerBound
        let expected = Set((0..<count).map { base + $0 })
        for pasid in base..<(base + count / 2) {
            try KmsgTestWriter.write(
                "<3>amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:\(pasid))"
            )
        }
        try await Task.sleep(for: .milliseconds(30))
        daemon.killHard()
        for pasid in (base + count / 2)..<(base + count) {
            try KmsgTestWriter.write(
                "<3>amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:\(pasid))"
            )
        }
        try await daemon.start()
        let incidents = try await daemon.waitForIncidents(timeout: .seconds(15)) { found in
            Set(found.compactMap(\.pasid)).isSuperset(of: expected)
        }
        let mine = incidents.filter { $0.pasid.map(expected.contains) == true }
        let recordedPASIDs = mine.compactMap(\.pasid)
        #expect(Set(recordedPASIDs) == expected, "missing: \(expected.subtracting(recordedPASIDs).count)")
        #expect(recordedPASIDs.count == expected.count, "an incident was recorded twice")
        let faultLines = mine.flatMap(\.lines).filter { $0.contains("page fault") }
        #expect(faultLines.count == expected.count, "an evidence line was lost or recorded twice")
        #expect(mine.allSatisfy { $0.counts["amdgpu.page-fault.header"] == 1 })
        await daemon.stop()
    }

    /// journald keeps its own copy of every kernel line. After a restart whose journal position is
    /// behind the kernel log's (the daemon was killed between their commits), the journal's
    /// copies of lines /dev/kmsg already delivered must still be skipped.
    @Test func restartWithTheJournalBehindTheKernelLogCountsEachKernelLineOnce() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state)
        try await daemon.waitUntilCaughtUp()
        let journalBefore = try #require(try daemon.storedCursor("journal"))
        let base = try Self.unusedPASIDs(count: 20).lowerBound
        let expected = Set((0..<20).map { base + UInt32($0) })
        for pasid in expected.sorted() {
            try KmsgTestWriter.write(
                "<3>amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:\(pasid))"
            )
        }
        _ = try await daemon.waitForIncidents(timeout: .seconds(5)) { found in
            Set(found.compactMap(\.pasid)).isSuperset(of: expected)
        }
        daemon.killHard()
        try daemon.overwriteStoredCursor("journal", with: journalBefore)
        try KmsgTestWriter.write("<6>rocfault-e2e: a kernel line written while the daemon was down")
        try await daemon.start()
        try await daemon.waitUntilCaughtUp()

        let mine = try daemon.incidents().filter { $0.pasid.map(expected.contains) == true }
        #expect(mine.count == expected.count, "an incident was recorded twice: \(daemon.log)")
        #expect(mine.flatMap(\.lines).filter { $0.contains("page fault") }.count == expected.count)
        await daemon.stop()
    }

    @Test func badRuleFileOnSighupKeepsTheOldRulesRunning() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let rules = state.appendingPathComponent("rules")
        try FileManager.default.copyItem(atPath: ProcessRunner.rulesDirectory, toPath: rules.path)
        let daemon = try await DaemonProcess(stateDirectory: state, rulesDirectory: rules.path)
        try await daemon.waitUntilCaughtUp()

        let broken =
            "rules:\n  - id: broken.rule\n    description: d\n    kind: kernal\n    class: page-fault\n    literals: [\"abcd\"]\n    pattern: 'abcd('\n"
        try broken.write(to: rules.appendingPathComponent("55-broken.yaml"), atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        try await daemon.waitForLog("rule reload failed", timeout: .seconds(5))
        #expect(daemon.log.contains("55-broken.yaml:4: error: 'kind' is 'kernal'"))
        #expect(daemon.isRunning)

        let pasid = try Self.uniquePASID()
        try KmsgTestWriter.write(
            "<3>amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:\(pasid))"
        )
        let afterBadReload = try await daemon.waitForIncidents(timeout: .seconds(5)) { found in
            found.contains { $0.pasid == pasid }
        }
        #expect(afterBadReload.first { $0.pasid == pasid }?.side == "kernel")

        try FileManager.default.removeItem(at: rules.appendingPathComponent("55-broken.yaml"))
        let custom = """
            rules:
              - id: e2e.custom-marker
                description: A rule added while the daemon runs.
                kind: userspace
                class: runtime-abort
                literals: ["ROCFAULT-E2E-MARKER"]
                pattern: 'ROCFAULT-E2E-MARKER (?<code>\\d+)'
                examples:
                  match: ['ROCFAULT-E2E-MARKER 7']
            """
        try custom.write(to: rules.appendingPathComponent("56-custom.yaml"), atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        try await daemon.waitForLog("reloaded", timeout: .seconds(5))
        let pid = try ProcessRunner.logLineToJournal(tag: "rocfault-e2e", "ROCFAULT-E2E-MARKER 7")
        let afterGoodReload = try await daemon.waitForIncidents(timeout: .seconds(5)) { found in
            found.contains { $0.pid == pid }
        }
        #expect(afterGoodReload.first { $0.pid == pid }?.ruleIDs.contains("e2e.custom-marker") == true)
        await daemon.stop()
    }

    /// libdispatch's worker pool arms a monitor that wakes the process once a second for as long
    /// as it lives, so rocfaultd runs its Swift concurrency on one thread of its own. Pool workers
    /// are named `com.apple.root.<qos>-qos` (cut to 15 characters by the kernel); the overcommit
    /// threads libdispatch starts for signal sources arm no monitor.
    @Test func daemonWorksWithoutALibdispatchWorkerPool() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state, extra: ["--process-scan-interval", "1"])
        try await daemon.waitUntilCaughtUp()
        let pasid = try Self.uniquePASID()
        try KmsgTestWriter.write(
            "<3>amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:\(pasid))"
        )
        _ = try await daemon.waitForIncidents(timeout: .seconds(5)) { found in found.contains { $0.pasid == pasid } }
        daemon.signal(SIGHUP)
        try await daemon.waitForLog("reloaded", timeout: .seconds(5))

        let names = daemon.threadNames()
        #expect(names.contains("rocfaultd"))
        #expect(names.filter { $0.hasSuffix("-qos") }.isEmpty, "libdispatch pool workers: \(names)")
        await daemon.stop()
    }

    /// A process that opens a GPU node is found at once through inotify, not at the next
    /// periodic scan (here an hour and more away).
    @Test func openingAGPUNodeIsNoticedWithoutWaitingForAScan() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let device = state.appendingPathComponent("fake-render-node")
        _ = FileManager.default.createFile(atPath: device.path, contents: Data())
        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: ["--gpu-device", device.path, "--process-scan-interval", "3600", "--no-journal"]
        )
        try await daemon.waitForLog("watching opens of \(device.path)", timeout: .seconds(5))
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: "/bin/sh")
        worker.arguments = ["-c", "exec 3<\(device.path); exec /bin/sleep 30"]
        try worker.run()
        defer { worker.terminate() }
        let recorded = try await daemon.waitForProcess(pid: worker.processIdentifier, timeout: .seconds(5))
        #expect(recorded?.gpuNodes == [device.path], "\(daemon.log)")
        kill(worker.processIdentifier, SIGKILL)
        await daemon.stop()
    }

    /// A launcher that opened the GPU node and then ran the real program: the stored record takes
    /// the program's command line at the next scan (same pid and start time, a new command name).
    @Test func aProcessThatExecsAfterOpeningTheNodeIsStoredAsTheNewProgram() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let device = state.appendingPathComponent("fake-kfd")
        _ = FileManager.default.createFile(atPath: device.path, contents: Data())
        let gate = state.appendingPathComponent("gate").path
        #expect(mkfifo(gate, 0o600) == 0)
        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: ["--gpu-device", device.path, "--process-scan-interval", "1", "--no-journal"]
        )
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: "/bin/sh")
        worker.arguments = ["-c", "exec 3<\(device.path); read go < \(gate); exec /bin/sleep 30"]
        try worker.run()
        defer { worker.terminate() }
        let pid = worker.processIdentifier
        let launcher = try await daemon.waitForProcess(pid: pid, timeout: .seconds(5))
        #expect(launcher?.comm == "sh", "\(daemon.log)")

        let writer = open(gate, O_WRONLY)
        #expect(writer >= 0)
        #expect(write(writer, "go\n", 3) == 3)
        close(writer)
        let program = try await daemon.waitForProcess(pid: pid, timeout: .seconds(10)) {
            $0.cmdline == ["/bin/sleep", "30"]
        }
        #expect(program?.comm == "sleep", "\(daemon.log)")
        #expect(program?.gpuNodes == [device.path])
        kill(pid, SIGKILL)
        await daemon.stop()
    }

    @Test func gpuProcessIsWatchedAndAHungTaskWarningMakesAHang() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let device = state.appendingPathComponent("fake-kfd")
        _ = FileManager.default.createFile(atPath: device.path, contents: Data())
        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: ["--gpu-device", device.path, "--process-scan-interval", "1", "--no-journal"]
        )
        // The program opens the device itself, after its exec: a shell that opened it before an
        // `exec` could be seen (and recorded) as the shell, since the daemon notices the open at once.
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: "/usr/bin/tail")
        worker.arguments = ["-f", device.path]
        worker.environment = [
            "HSA_OVERRIDE_GFX_VERSION": "11.0.0", "HF_TOKEN": "hf_secret_value", "PATH": "/usr/bin:/bin",
        ]
        try worker.run()
        defer { worker.terminate() }
        let pid = worker.processIdentifier

        let recorded = try await daemon.waitForProcess(pid: pid, timeout: .seconds(5))
        let process = try #require(recorded, "\(daemon.log)")
        #expect(process.cmdline == ["/usr/bin/tail", "-f", device.path])
        #expect(process.environment["HSA_OVERRIDE_GFX_VERSION"] == "11.0.0")
        #expect(process.environment["HF_TOKEN"] == nil)
        #expect(process.gpuNodes == [device.path])

        try KmsgTestWriter.write("<3>INFO: task tail:\(pid) blocked for more than 122 seconds.")
        let incidents = try await daemon.waitForIncidents(timeout: .seconds(5)) { found in
            found.contains { $0.pid == pid }
        }
        let hang = try #require(incidents.first { $0.pid == pid }, "\(daemon.log)")
        #expect(hang.side == "hang")
        #expect(hang.failureClass == "stall")
        #expect(hang.ruleIDs.contains("rocfaultd.gpu-process-blocked"))

        kill(pid, SIGKILL)  // children of the test runner may inherit a blocked SIGTERM
        let exited = try await daemon.waitForProcess(pid: pid, timeout: .seconds(5)) { $0.exitTime != nil }
        #expect(exited?.exitTime != nil, "the pidfd watcher reports the exit: \(daemon.log)")
        await daemon.stop()
    }

    @Test func checkWithoutFilesReadsThisBootsKernelLogAndJournal() async throws {
        try ProcessRunner.logLineToJournal(tag: "rocfault-e2e-live", "HIP out of memory. Tried to allocate 2.00 GiB")
        try await Task.sleep(for: .milliseconds(200))
        let output = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["check", "--json=short", "--rules", ProcessRunner.rulesDirectory]
        )
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let inputs = try #require(object["inputs"] as? [[String: Any]])
        #expect(inputs.compactMap { $0["file"] as? String } == ["/dev/kmsg", "journal"])
        #expect(inputs.allSatisfy { ($0["lines"] as? Int ?? 0) > 0 })
        let hits = try #require(object["ruleHits"] as? [String: Int])
        #expect((hits["pytorch.hip-out-of-memory"] ?? 0) >= 1)
    }

    /// Polls the journal (10 s at most) for an entry whose message is exactly `message`.
    static func waitForJournalMessage(_ message: String) async throws -> Bool {
        for _ in 0..<100 {
            let found = try ProcessRunner.run("/usr/bin/journalctl", ["--no-pager", "-o", "cat", "MESSAGE=\(message)"])
            if found.stdout.contains(message) { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func rocfaultRunChildIsRecordedByARunningDaemon() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state)
        try await daemon.waitUntilCaughtUp()
        let line =
            "Memory critical error by agent node-0 (Agent handle: 0x55d) on address 0x7f09. Reason: Memory in use."
        let script =
            "import os, signal, sys; signal.signal(signal.SIGABRT, signal.SIG_DFL); "
            + "print(os.getpid(), flush=True); print('\(line)', file=sys.stderr, flush=True); os.abort()"
        let output = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            [
                "run", "--rules", ProcessRunner.rulesDirectory, "--state-dir", state.path, "--", "/usr/bin/python3",
                "-c", script,
            ],
            environment: ["ROCFAULT_RUNS_DIR": state.appendingPathComponent("runs").path, "NO_COLOR": "1"]
        )
        #expect(output.status == 134)
        #expect(output.stdout.contains { $0.isNumber })
        #expect((output.stdout + output.stderr).contains("ROCm/ROCm#6182"))
        let childPID = try #require(Int32(output.stdout.split(separator: "\n").first.map(String.init) ?? ""))
        let incidents = try await daemon.waitForIncidents(timeout: .seconds(5)) { found in
            found.contains { $0.pid == childPID }
        }
        let recorded = try #require(incidents.first { $0.pid == childPID }, "\(daemon.log)")
        #expect(recorded.side == "userspace")
        #expect(recorded.failureClass == "memory-in-use")

        // The report's journal excerpt comes from the live journal, seeked to the incident window:
        // a later line for the child from root's rocfault, which matches no rule, is there although
        // it was never stored. The same line from another user's rocfault, or from a program that
        // is not rocfault, is not: `ROCFAULT_PID` is believed on the daemon's rule.
        let marker = "rocfault-e2e unstored line \(UUID().uuidString)"
        _ = try JournalTrustTests.sendCalledRocfault(
            ["MESSAGE": marker, "ROCFAULT_PID": "\(childPID)", "SYSLOG_IDENTIFIER": "e2e"],
            asNobody: false
        )
        let forged = "rocfault-e2e forged line \(UUID().uuidString)"
        _ = try JournalTrustTests.sendAsNobodyCalledRocfault(
            ["MESSAGE": forged, "ROCFAULT_PID": "\(childPID)", "SYSLOG_IDENTIFIER": "e2e"]
        )
        let notRocfault = "rocfault-e2e line from python \(UUID().uuidString)"
        try ProcessRunner.sendToJournal([
            "MESSAGE": notRocfault, "ROCFAULT_PID": "\(childPID)", "SYSLOG_IDENTIFIER": "e2e",
        ])
        // journald may still be writing under load: wait until all three lines can be read back,
        // so the bundle's excerpt is read after them and the two refusals below mean something.
        for message in [marker, forged, notRocfault] {
            #expect(try await Self.waitForJournalMessage(message), "\(message) never reached the journal")
        }
        let report = try ProcessRunner.run(
            ProcessRunner.executable("rocfault"),
            ["report", "--last", "--preview", "--no-redact", "--state-dir", state.path]
        )
        #expect(report.status == 0, "\(report.stderr)")
        let files = report.stdout.components(separatedBy: "==> ")
        let journalLog = files.first { $0.contains("/journal.log (") } ?? ""
        #expect(journalLog.contains(marker), "\(report.stdout)")
        #expect(!journalLog.contains(forged), "another user's rocfault cannot put lines in the bundle")
        #expect(!journalLog.contains(notRocfault), "a program that is not rocfault cannot either")
        await daemon.stop()
    }
}
