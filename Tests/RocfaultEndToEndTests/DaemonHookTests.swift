import Foundation
import Glibc
import RocfaultStore
import RocfaultTestKit
import Testing

/// Incident hooks of a real rocfaultd fed real /dev/kmsg lines, and the store commands that change
/// the database while it runs. Serialized: they share the kernel log.
@Suite(.journald, .kernelLogExclusive, .serialized)
struct DaemonHookTests {
    let rocfault = ProcessRunner.executable("rocfault")

    static func writeHook(_ directory: URL, _ name: String, _ body: String) throws {
        let path = directory.appendingPathComponent(name).path
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o755)
    }

    static func json(_ url: URL) -> [String: Any]? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// Polls `directory` for a file `prefix-N.json` whose incident has `pid`; returns N and the file.
    static func waitForHookOutput(
        in directory: URL,
        prefix: String,
        pid: Int32,
        timeout: Duration
    ) async throws -> (number: Int, file: URL)? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where name.hasPrefix(prefix + "-") && name.hasSuffix(".json") {
                let file = directory.appendingPathComponent(name)
                let incident = json(file)?["incident"] as? [String: Any]
                if incident?["pid"] as? Int == Int(pid), let number = Int(name.dropFirst(prefix.count + 1).dropLast(5))
                {
                    return (number, file)
                }
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// A first run without hooks reads what the kernel ring already holds (earlier tests' lines) and
    /// makes it final at its stop; the run under test resumes after it, so its hooks see only this
    /// test's incidents and not a queue of old ones.
    static func readBacklogWithoutHooks(_ state: URL) async throws {
        let warmUp = try await DaemonProcess(stateDirectory: state, extra: ["--hooks-dir", ""])
        try await warmUp.waitUntilCaughtUp()
        await warmUp.stop()
    }

    @Test func aHookGetsTheIncidentJSONWithinASecondAndAFailingHookIsLogged() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let hooks = state.appendingPathComponent("hooks.d")
        let out = state.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Self.writeHook(
            hooks,
            "10-save",
            """
            name="\(out.path)/$ROCFAULT_EVENT-$ROCFAULT_INCIDENT"
            cat > "$name.tmp" && echo "$1 $2" > "$name.args" && mv "$name.tmp" "$name.json"
            """
        )
        try Self.writeHook(hooks, "20-fail", "exit 3")
        try Self.writeHook(hooks, "30-signal", "kill -USR1 $$")
        try Self.writeHook(hooks, ".hidden", "touch \(out.path)/hidden-ran")
        try await Self.readBacklogWithoutHooks(state)
        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: ["--quiet-period", "4", "--hooks-dir", hooks.path]
        )
        try await daemon.waitUntilCaughtUp()

        let sleeper = try ProcessRunner.sleeper()
        defer { sleeper.terminate() }
        let started = ContinuousClock.now
        try DaemonTests.writeFaultBlock(pid: sleeper.processIdentifier, comm: "sleep", pasid: DaemonTests.uniquePASID())
        let recorded = try await Self.waitForHookOutput(
            in: out,
            prefix: "recorded",
            pid: sleeper.processIdentifier,
            timeout: .seconds(5)
        )
        let elapsed = ContinuousClock.now - started
        let (number, file) = try #require(recorded, "\(daemon.log)")
        #expect(elapsed < .seconds(3), "recorded, not closed: the hook had the JSON \(elapsed) after the kernel line")
        let document = try #require(Self.json(file))
        #expect(document["id"] as? Int == number)
        #expect(document["format"] as? String == "rocfault-incident/1")
        let incident = try #require(document["incident"] as? [String: Any])
        #expect((incident["verdict"] as? [String: Any])?["side"] as? String == "kernel")
        let arguments = try String(contentsOf: out.appendingPathComponent("recorded-\(number).args"), encoding: .utf8)
        #expect(arguments == "recorded \(number)\n")

        let final = try await Self.waitForHookOutput(
            in: out,
            prefix: "final",
            pid: sleeper.processIdentifier,
            timeout: .seconds(15)
        )
        let finalFile = try #require(final?.file, "\(daemon.log)")
        #expect((Self.json(finalFile)?["incident"] as? [String: Any])?["isFinal"] as? Bool == true)
        let shown = try ProcessRunner.run(
            rocfault,
            ["show", String(number), "--json=short", "--state-dir", state.path]
        )
        #expect(
            try String(contentsOf: finalFile, encoding: .utf8) == #"{"backlog":false,"# + shown.stdout.dropFirst(),
            "the JSON `show --json` prints, with `backlog`"
        )
        try await daemon.waitForLog(
            "hook 20-fail for incident \(number) (recorded): failed with exit status 3",
            timeout: .seconds(5)
        )
        // Through the guard that runs each hook, the hook's own end: its status, or its signal.
        try await daemon.waitForLog(
            "hook 30-signal for incident \(number) (recorded): killed by signal \(SIGUSR1)",
            timeout: .seconds(5)
        )
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("hidden-ran").path))
        #expect(await daemon.stop() < .seconds(5))
    }

    /// Installing rocfaultd on a machine whose kernel log already holds a fault: the first start
    /// records it without running a hook (one log line counts such incidents); a fault after the
    /// start runs them (`ROCFAULT_BACKLOG=0`); a fault while the daemon was down runs them at the
    /// restart, marked as found in the backlog (`ROCFAULT_BACKLOG=1`, `"backlog": true`).
    @Test func aFirstStartRunsNoHooksForTheBacklogAndARestartMarksWhatItMissed() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let hooks = state.appendingPathComponent("hooks.d")
        let out = state.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Self.writeHook(
            hooks,
            "10-save",
            """
            name="\(out.path)/$ROCFAULT_EVENT-$ROCFAULT_INCIDENT"
            cat > "$name.tmp" && echo "$ROCFAULT_BACKLOG" > "$name.backlog" && mv "$name.tmp" "$name.json"
            """
        )
        let old = try ProcessRunner.sleeper()
        defer { old.terminate() }
        try DaemonTests.writeFaultBlock(pid: old.processIdentifier, comm: "sleep", pasid: DaemonTests.uniquePASID())
        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: ["--quiet-period", "2", "--hooks-dir", hooks.path]
        )
        let recorded = try await daemon.waitForIncidents(timeout: .seconds(20)) {
            $0.contains { $0.pid == old.processIdentifier }
        }
        #expect(recorded.contains { $0.pid == old.processIdentifier }, "\(daemon.log)")
        try await daemon.waitForLog("hooks not run for ", timeout: .seconds(5))

        let live = try ProcessRunner.sleeper()
        defer { live.terminate() }
        try DaemonTests.writeFaultBlock(pid: live.processIdentifier, comm: "sleep", pasid: DaemonTests.uniquePASID())
        let liveHook = try await Self.waitForHookOutput(
            in: out,
            prefix: "recorded",
            pid: live.processIdentifier,
            timeout: .seconds(5)
        )
        let liveFile = try #require(liveHook?.file, "\(daemon.log)")
        #expect(Self.json(liveFile)?["backlog"] as? Bool == false)
        #expect(try Self.backlogVariable(of: liveFile) == "0")
        // The old incident became final a quiet period after it was read, before the live one did.
        let liveFinal = try await Self.waitForHookOutput(
            in: out,
            prefix: "final",
            pid: live.processIdentifier,
            timeout: .seconds(10)
        )
        #expect(liveFinal != nil, "\(daemon.log)")
        for event in ["recorded", "final"] {
            let oldHook = try await Self.waitForHookOutput(
                in: out,
                prefix: event,
                pid: old.processIdentifier,
                timeout: .milliseconds(200)
            )
            #expect(oldHook == nil, "a hook ran for the first start's backlog (\(event))")
        }
        await daemon.stop()

        let missed = try ProcessRunner.sleeper()
        defer { missed.terminate() }
        try DaemonTests.writeFaultBlock(pid: missed.processIdentifier, comm: "sleep", pasid: DaemonTests.uniquePASID())
        try await daemon.start()
        let missedHook = try await Self.waitForHookOutput(
            in: out,
            prefix: "recorded",
            pid: missed.processIdentifier,
            timeout: .seconds(10)
        )
        let missedFile = try #require(missedHook?.file, "\(daemon.log)")
        #expect(Self.json(missedFile)?["backlog"] as? Bool == true)
        #expect(try Self.backlogVariable(of: missedFile) == "1")
        #expect(await daemon.stop() < .seconds(5))
    }

    /// What the hook that wrote `file` (`EVENT-N.json`) had in `ROCFAULT_BACKLOG`.
    static func backlogVariable(of file: URL) throws -> String {
        let path = file.deletingPathExtension().appendingPathExtension("backlog")
        return try String(contentsOf: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `pid` is gone (or a zombie nobody reaped yet: it runs no more).
    /// The pids the hook writes to `file` (its shell, its child, the child that left its group, the
    /// orphan of a double fork), once all four are there or `deadline` passed (then fewer).
    static func hookPIDs(in file: URL, until deadline: ContinuousClock.Instant) async throws -> [Int32] {
        var pids: [Int32] = []
        while pids.count < 4 && ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            pids = text.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return pids
    }

    static func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    /// A daemon whose `--on-incident` hook starts three `sleep 600`: one in its group, one that left
    /// it (`setsid`), one orphaned by a double fork that also left it, and writes their pids after
    /// its shell's to `out/pids-EVENT-INCIDENT`, started after a warm-up read the backlog without
    /// hooks; returns it and `out`.
    static func daemonWithSleepingHook(state: URL, hookTimeout: String) async throws -> (DaemonProcess, URL) {
        let out = state.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let name = "\(out.path)/pids-$ROCFAULT_EVENT-$ROCFAULT_INCIDENT"
        let command =
            "sleep 600 & a=$!; setsid sleep 600 & b=$!; (setsid sleep 600 & echo $! > \(name).orphan); "
            + "echo \"$$ $a $b $(cat \(name).orphan)\" > \(name).tmp; mv \(name).tmp \(name); wait"
        try await readBacklogWithoutHooks(state)
        let daemon = try await DaemonProcess(
            stateDirectory: state,
            extra: ["--hooks-dir", "", "--on-incident", command, "--hook-timeout", hookTimeout]
        )
        try await daemon.waitUntilCaughtUp()
        return (daemon, out)
    }

    /// Writes a fault block naming `process` and returns the number of the incident the daemon
    /// records for it.
    static func recordFault(of process: Process, in daemon: DaemonProcess) async throws -> Int64 {
        let pid = process.processIdentifier
        try DaemonTests.writeFaultBlock(pid: pid, comm: "sleep", pasid: DaemonTests.uniquePASID())
        let listed = try await daemon.waitForIncidents(timeout: .seconds(5)) { $0.contains { $0.pid == pid } }
        return try #require(listed.first { $0.pid == pid }?.number, "\(daemon.log)")
    }

    @Test func aHangingHookIsKilledWithItsGroupAtTheTimeLimitAndTheDaemonGoesOn() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        // A 3 s limit leaves the second incident 2 s to be recorded while the hook still hangs (a
        // loaded 2-core runner took more than 1 s).
        let (daemon, out) = try await Self.daemonWithSleepingHook(state: state, hookTimeout: "3")

        let first = try ProcessRunner.sleeper()
        defer { first.terminate() }
        let started = ContinuousClock.now
        let number = try await Self.recordFault(of: first, in: daemon)
        let pidsFile = out.appendingPathComponent("pids-recorded-\(number)")
        let pids = try await Self.hookPIDs(in: pidsFile, until: started + .seconds(3))
        try #require(pids.count == 4, "the hook started: \(daemon.log)")
        defer { for pid in pids where !Self.isGone(pid) { kill(pid, SIGKILL) } }
        #expect(pids.allSatisfy { !Self.isGone($0) }, "the hook hangs")
        #expect(Set(pids.map { getpgid($0) }).count == 3, "two sleeps left the hook's group")

        let second = try ProcessRunner.sleeper()
        defer { second.terminate() }
        try DaemonTests.writeFaultBlock(pid: second.processIdentifier, comm: "sleep", pasid: DaemonTests.uniquePASID())
        let both = try await daemon.waitForIncidents(timeout: .seconds(2)) {
            $0.contains { $0.pid == second.processIdentifier }
        }
        #expect(both.contains { $0.pid == second.processIdentifier }, "recorded while a hook hangs")
        #expect(pids.allSatisfy { !Self.isGone($0) }, "the hook still hung when the second incident was recorded")

        try await daemon.waitForLog(
            "hook --on-incident for incident \(number) (recorded): killed, its 3 s time limit passed",
            timeout: .seconds(7)
        )
        let killedAfter = ContinuousClock.now - started
        #expect(killedAfter > .milliseconds(2900) && killedAfter < .seconds(6), "\(killedAfter)")
        try await Task.sleep(for: .milliseconds(200))
        #expect(pids.allSatisfy(Self.isGone), "the shell and its three sleeps were killed together")
        #expect(daemon.isRunning)
        let stopTime = await daemon.stop()
        #expect(stopTime < .seconds(8), "open incidents' final hooks get a short grace at stop: \(stopTime)")
    }

    /// A daemon killed by SIGKILL (no stop, no cgroup to kill what it left) takes its running hook
    /// with it: the hook's shell and the program it started are gone within seconds.
    @Test func aRunningHookDiesWithADaemonKilledBySIGKILL() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let (daemon, out) = try await Self.daemonWithSleepingHook(state: state, hookTimeout: "600")
        let sleeper = try ProcessRunner.sleeper()
        defer { sleeper.terminate() }
        let number = try await Self.recordFault(of: sleeper, in: daemon)
        let pidsFile = out.appendingPathComponent("pids-recorded-\(number)")
        let pids = try await Self.hookPIDs(in: pidsFile, until: .now + .seconds(5))
        try #require(pids.count == 4, "the hook started: \(daemon.log)")
        defer { for pid in pids where !Self.isGone(pid) { kill(pid, SIGKILL) } }
        #expect(pids.allSatisfy { !Self.isGone($0) }, "the hook runs")

        daemon.killHard()
        let killed = ContinuousClock.now
        while !pids.allSatisfy(Self.isGone) && ContinuousClock.now - killed < .seconds(5) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(pids.allSatisfy(Self.isGone), "the hook or what it started outlived the daemon")
    }

    @Test func pruneAndDeleteChangeTheStoreWhileTheDaemonRecords() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state, extra: ["--hooks-dir", ""])
        try await daemon.waitUntilCaughtUp()
        let path = state.appendingPathComponent("rocfault.sqlite").path
        let beside = try IncidentStore.open(at: path, mode: .readWrite)
        try beside.record(StoreBatch(incidents: [StoreFixture.memoryInUseEntry(id: "old-1", at: 0, pid: 1001)]))
        try beside.close()

        let pruned = try ProcessRunner.run(rocfault, ["prune", "--older-than", "30d", "--state-dir", state.path])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.hasPrefix("Deleted 1 final incident"))

        let sleeper = try ProcessRunner.sleeper()
        defer { sleeper.terminate() }
        try DaemonTests.writeFaultBlock(pid: sleeper.processIdentifier, comm: "sleep", pasid: DaemonTests.uniquePASID())
        let found = try await daemon.waitForIncidents(timeout: .seconds(5)) {
            $0.contains { $0.pid == sleeper.processIdentifier }
        }
        let open = try #require(found.first { $0.pid == sleeper.processIdentifier }, "\(daemon.log)")
        #expect(!found.contains { $0.pid == 1001 })
        #expect(!open.isFinal)

        let refused = try ProcessRunner.run(rocfault, ["delete", String(open.number), "--state-dir", state.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is still open"))
        let forced = try ProcessRunner.run(
            rocfault,
            ["delete", String(open.number), "--force", "--state-dir", state.path]
        )
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try daemon.incidents().allSatisfy { $0.number != open.number })
        #expect(daemon.isRunning)
        #expect(await daemon.stop() < .seconds(5))
    }
}
