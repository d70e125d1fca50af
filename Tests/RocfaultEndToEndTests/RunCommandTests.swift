import Foundation
import RocfaultTestKit
import Testing

/// `rocfault run` with real child processes, a real pty and the real journal.
@Suite(.journald, .kernelLogExclusive) struct RunCommandTests {
    let rocfault = ProcessRunner.executable("rocfault")
    static let abortScript =
        "echo \"\(StoreFixture.memoryInUse)\" >&2; kill -ABRT $$"

    func environment(_ runs: URL) -> [String: String] {
        [
            "ROCFAULT_RUNS_DIR": runs.path, "ROCFAULT_STATE_DIR": runs.appendingPathComponent("no-daemon").path,
            "NO_COLOR": "1",
        ]
    }

    @Test func memoryInUseAbortGivesTheVerdictAndTheReportCommand() throws {
        let runs = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let result = try ProcessRunner.run(
            rocfault,
            ["run", "--rules", ProcessRunner.rulesDirectory, "--", "/bin/sh", "-c", Self.abortScript],
            environment: environment(runs)
        )
        #expect(result.status == 134)
        #expect(result.stderr.hasPrefix(StoreFixture.memoryInUse + "\n"), "the child's stderr is passed through first")
        #expect(result.stderr.contains("was killed by SIGABRT"))
        #expect(result.stderr.contains("Verdict: USERSPACE, memory-in-use"))
        #expect(result.stderr.contains("[rocr.memory-in-use]"))
        #expect(result.stderr.contains("ROCm/ROCm#6182"))
        #expect(result.stderr.contains("Advice: "))
        #expect(result.stderr.contains("Kernel log: "))
        let next = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("Next: rocfault report") })
        let command = next.dropFirst("Next: rocfault ".count).split(separator: " ").map(String.init)
        #expect(command == ["report", "--state-dir", runs.path, "1"])
        let report = try ProcessRunner.run(rocfault, command + ["--preview"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("Memory critical error by agent node-0"))
        #expect(report.stdout.contains("It died of SIGABRT."))
    }

    @Test func matchingLinesGoToTheJournalForTheDaemon() throws {
        let startedAt = Date()
        let runs = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let result = try ProcessRunner.run(
            rocfault,
            ["run", "--rules", ProcessRunner.rulesDirectory, "--no-save", "--", "/bin/sh", "-c", Self.abortScript],
            environment: environment(runs)
        )
        #expect(result.status == 134)
        let pid = try #require(result.stderr.firstMatch(of: /\(pid (\d+)\)/).map { String($0.1) })
        var entries: [[String: Any]] = []
        for _ in 0..<50 where entries.isEmpty {
            let journal = try ProcessRunner.run(
                "/usr/bin/journalctl",
                ["--no-pager", "-o", "json", "SYSLOG_IDENTIFIER=rocfault-run", "ROCFAULT_PID=\(pid)"]
                    + ProcessRunner.journalSince(startedAt)
            )
            entries = journal.stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            if entries.isEmpty { usleep(100_000) }
        }
        let lines = entries.filter { $0["ROCFAULT_RULE"] != nil }
        let entry = try #require(lines.first)
        #expect(lines.count == 1)
        let end = try #require(entries.first { $0["ROCFAULT_EXIT_SIGNAL"] != nil }, "how the child ended")
        #expect(end["ROCFAULT_EXIT_SIGNAL"] as? String == "6")
        let cmdline = (end["ROCFAULT_CMDLINE"] as? String).flatMap {
            try? JSONDecoder().decode([String].self, from: Data($0.utf8))
        }
        #expect(cmdline == ["/bin/sh", "-c", Self.abortScript])
        #expect(entry["MESSAGE"] as? String == StoreFixture.memoryInUse)
        #expect(entry["ROCFAULT_RULE"] as? String == "rocr.memory-in-use")
        #expect(entry["ROCFAULT_COMM"] as? String == "sh")
        #expect(entry["PRIORITY"] as? String == "3")
        #expect((entry["ROCFAULT_PROCESS_START"] as? String).flatMap(UInt64.init) != nil)
    }

    @Test func exitStatusAndStandardStreamsPassThrough() throws {
        let runs = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let cat = try ProcessRunner.run(
            rocfault,
            ["run", "--", "cat"],
            environment: environment(runs),
            stdin: "hello\nworld\n"
        )
        #expect(cat.status == 0)
        #expect(cat.stdout == "hello\nworld\n")
        #expect(cat.stderr.isEmpty)
        let failing = try ProcessRunner.run(
            rocfault,
            ["run", "sh", "-c", "echo plain failure >&2; exit 7"],
            environment: environment(runs)
        )
        #expect(failing.status == 7)
        #expect(failing.stderr == "plain failure\n", "no verdict without GPU evidence unless killed by a signal")
        let killed = try ProcessRunner.run(
            rocfault,
            ["run", "sh", "-c", "kill -KILL $$"],
            environment: environment(runs)
        )
        #expect(killed.status == 137)
        #expect(killed.stderr.contains("was killed by SIGKILL"))
        #expect(killed.stderr.contains("No GPU failure evidence in its standard error."))
        let stopped = try ProcessRunner.run(
            rocfault,
            ["run", "sh", "-c", "kill -TERM $$"],
            environment: environment(runs)
        )
        #expect(stopped.status == 143)
        #expect(stopped.stderr.isEmpty, "a stop signal without GPU errors is no crash")
        let missing = try ProcessRunner.run(
            rocfault,
            ["run", "--", "/nonexistent/program"],
            environment: environment(runs)
        )
        #expect(missing.status == 127)
        #expect(missing.stderr == "rocfault: cannot run /nonexistent/program: No such file or directory\n")
    }

    @Test func childArgumentsAreNotRocfaultOptions() throws {
        let runs = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let result = try ProcessRunner.run(
            rocfault,
            ["run", "printf", "%s|", "--json", "-S", "-1h", "--help"],
            environment: environment(runs)
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "--json|-S|-1h|--help|")
        let help = try ProcessRunner.run(rocfault, ["run", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: rocfault run"))
    }

    @Test func stderrIsATerminalWhenRocfaultsIs() throws {
        let probe = "if test -t 2; then echo ON-A-TTY >&2; else echo NOT-A-TTY >&2; fi"
        let runs = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let piped = try ProcessRunner.run(rocfault, ["run", "sh", "-c", probe], environment: environment(runs))
        #expect(piped.stderr == "NOT-A-TTY\n")
        let command = ShellWords.join([rocfault, "run", "sh", "-c", probe])
        let terminal = try ProcessRunner.run(
            "/usr/bin/script",
            ["-qec", command, "/dev/null"],
            environment: environment(runs)
        )
        #expect(terminal.status == 0, "\(terminal.stderr)")
        #expect(terminal.stdout.contains("ON-A-TTY"))
        #expect(!terminal.stdout.contains("NOT-A-TTY"))
    }

    @Test(arguments: [(SIGTERM, "TERM", Int32(9)), (SIGINT, "INT", Int32(5))])
    func signalsSentToRocfaultReachTheChild(signal: Int32, name: String, code: Int32) throws {
        let runs = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let script = "trap 'exit \(code)' \(name); echo ready >&2; while :; do sleep 0.05; done"
        let live = try LiveProcess(rocfault, ["run", "sh", "-c", script], environment: environment(runs))
        #expect(live.waitFor { _, stderr in stderr.contains("ready") })
        live.signal(signal)
        #expect(live.finish() == code)
    }
}

/// Quotes words for `sh -c`.
enum ShellWords {
    static func join(_ words: [String]) -> String {
        words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }
}

/// `rocfault run --stall-after`: silent children get a notice while they keep running; a later
/// kill records a hang.
extension RunCommandTests {
    /// Runs `rocfault run --stall-after 2` on a child, waits for the notice (or `patience`), then
    /// stops rocfault with SIGTERM (passed on to the child). Returns stderr and when the notice came.
    func runUntilNotice(_ child: [String], patience: Duration) throws -> (stderr: String, noticeAfter: Duration?) {
        let runs = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rocfault)
        process.arguments =
            ["run", "--rules", ProcessRunner.rulesDirectory, "--no-journal", "--stall-after", "2", "--"]
            + child
        process.environment = ProcessInfo.processInfo.environment.merging(environment(runs)) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        let clock = ContinuousClock()
        let started = clock.now
        try process.run()
        let collected = PipeReader(err.fileHandleForReading)
        var noticeAfter: Duration?
        while clock.now - started < patience, process.isRunning {
            if collected.text.contains("and no progress:") {
                noticeAfter = clock.now - started
                break
            }
            usleep(50_000)
        }
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        collected.waitForEnd()
        return (collected.text, noticeAfter)
    }

    @Test func silentBusyLoopGetsANoticeAndAKillRecordsAHang() throws {
        let (stderr, after) = try runUntilNotice(["/bin/sh", "-c", "while :; do :; done"], patience: .seconds(12))
        let noticeAfter = try #require(after, "no notice in: \(stderr)")
        #expect(noticeAfter < .seconds(6))
        #expect(stderr.contains(/for \d s and no progress: 1 thread spinning in user mode, no I\/O/))
        #expect(stderr.contains("state R"))
        #expect(stderr.contains("gdb -p "))
        #expect(stderr.contains("was killed by SIGTERM"))
        #expect(stderr.contains("Verdict: HANG"), "\(stderr)")
        #expect(stderr.contains("[rocfault.run.stall]"))
    }

    @Test func silentSleeperGetsANoticeNamingItsWait() throws {
        let (stderr, after) = try runUntilNotice(["sleep", "60"], patience: .seconds(12))
        let noticeAfter = try #require(after, "no notice in: \(stderr)")
        #expect(noticeAfter < .seconds(6))
        #expect(stderr.contains("no progress: 1 thread asleep ("))
        #expect(stderr.contains("state S, 0% CPU"))
        #expect(stderr.contains("Verdict: HANG"), "\(stderr)")
    }

    @Test func childThatKeepsPrintingGetsNoNotice() throws {
        let script = "i=0; while [ $i -lt 10 ]; do echo tick; i=$((i+1)); sleep 0.5; done"
        let (stderr, after) = try runUntilNotice(["/bin/sh", "-c", script], patience: .seconds(7))
        #expect(after == nil)
        #expect(!stderr.contains("no progress"), "\(stderr)")
    }

    @Test func stallAfterAnMmapLoadLineNamesTheKnownIssue() throws {
        let load = "load_tensors: loading model tensors, this can take a while... (mmap = true, direct_io = false)"
        let (stderr, after) = try runUntilNotice(
            ["/bin/sh", "-c", "echo '\(load)' >&2; while :; do :; done"],
            patience: .seconds(12)
        )
        #expect(after != nil, "no notice in: \(stderr)")
        #expect(stderr.contains("Last output: \"\(load)\""))
        #expect(stderr.contains("Known issue: Large model load stalls"))
        #expect(stderr.contains("--load-mode none"))
        #expect(stderr.contains("rocfault:strix-halo-mmap-stall"), "the final verdict keeps the known issue")
    }
}
