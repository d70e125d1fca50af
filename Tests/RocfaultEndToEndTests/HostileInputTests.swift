import Foundation
import Glibc
import RocfaultTestKit
import Testing

/// Log text any local user can write, read back by root: it must never drive root's terminal, and a
/// report bundle must never carry another user's lines or secrets. Real journald, real daemon, real
/// unprivileged writers (`setpriv` to nobody).
@Suite(.journald, .kernelLogExclusive, .serialized)
struct HostileInputTests {
    let rocfault = ProcessRunner.executable("rocfault")
    static let rocrLine =
        "Memory critical error by agent node-0 (Agent handle: 0x55d) on address 0x7f09. Reason: Memory in use."

    /// `program arguments` run as nobody (uid and gid 65534, no groups), its stderr and stdout in the
    /// journal under `tag`; the journal's `_PID` is the returned process's pid.
    static func logAsNobody(
        tag: String,
        _ program: String,
        _ arguments: [String],
        wait: Bool = true
    ) throws
        -> Process
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments =
            ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/systemd-cat", "-t", tag, program]
            + arguments
        try process.run()
        if wait { process.waitUntilExit() }
        return process
    }

    /// The control bytes that move a terminal: ESC, BEL, CR, BS, and the one-byte CSI as UTF-8.
    static func rawControls(in text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var found = bytes.filter { [0x1B, 0x07, 0x0D, 0x08].contains($0) }
        for index in bytes.indices.dropLast() where bytes[index] == 0xC2 && bytes[index + 1] == 0x9B {
            found.append(0x9B)
        }
        return found
    }

    @Test func escapesFromAnUnprivilegedUsersJournalLineReachNoTerminal() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state, extra: ["--quiet-period", "2"])
        try await daemon.waitUntilCaughtUp()
        // A retitle, a screen clear, an OSC 8 link, a CSI in C1 form, a CR-overwritten progress
        // line and backspaces, around a line the ROCr rule matches; the tag (the incident's comm) too.
        let script = """
            import sys
            e = sys.stderr.buffer
            e.write(b"progress 10%\\rprogress 100%\\x1b[1A\\n")
            e.write(b"\\x1b]0;pwned\\x07\\x1b[2J\\x1b]8;;https://evil.example/\\x1b\\\\\(Self.rocrLine)\\x1b]8;;\\x1b\\\\ \\xc2\\x9b31m ok\\x08\\x08\\n")
            e.flush()
            """
        let tag = "evil\u{1B}[31mtag"
        let writer = try Self.logAsNobody(tag: tag, "/usr/bin/python3", ["-c", script])
        #expect(writer.terminationStatus == 0)
        let pid = writer.processIdentifier
        let incidents = try await daemon.waitForIncidents(timeout: .seconds(10)) { $0.contains { $0.pid == pid } }
        #expect(incidents.contains { $0.pid == pid && $0.failureClass == "memory-in-use" }, "\(daemon.log)")

        let export = state.appendingPathComponent("journal.export")
        // The export keeps the message bytes exactly (length-prefixed binary fields).
        let journal = try ProcessRunner.run("/bin/sh", ["-c", "journalctl -o export _PID=\(pid) > \(export.path)"])
        #expect(journal.status == 0, "\(journal.stderr)")
        #expect(try Data(contentsOf: export).range(of: Data("]0;pwned".utf8)) != nil)
        let environment = ["NO_COLOR": "1"]
        let outputs = [
            "check": try ProcessRunner.run(
                rocfault,
                ["check", "--explain", "--rules", ProcessRunner.rulesDirectory, export.path],
                environment: environment
            ),
            "list": try ProcessRunner.run(rocfault, ["list", "--state-dir", state.path], environment: environment),
            "show": try ProcessRunner.run(
                rocfault,
                ["show", "--last", "--no-pager", "--state-dir", state.path],
                environment: environment
            ),
        ]
        for (command, output) in outputs {
            #expect(output.status == 0, "\(command): \(output.stderr)")
            #expect(Self.rawControls(in: output.stdout).isEmpty, "\(command) printed raw controls:\n\(output.stdout)")
        }
        #expect(outputs["check"]!.stdout.contains("Verdict: USERSPACE, memory-in-use"))
        #expect(outputs["check"]!.stdout.contains("\\e]0;pwned\\x07\\e[2J\\e]8;;https://evil.example/\\e\\Memory"))
        #expect(outputs["check"]!.stdout.contains("\\x9b31m ok\\x08\\x08"))
        #expect(outputs["list"]!.stdout.contains("evil\\e[31mtag"))
        #expect(outputs["show"]!.stdout.contains("\\e]0;pwned\\x07"))
        #expect(outputs["show"]!.stdout.contains("progress 100%\\e[1A"))
        #expect(!outputs["show"]!.stdout.contains("progress 10%"))
        await daemon.stop()
    }

    @Test func aBundleHoldsNoStrangersLinesAndNoPlantedSecret() async throws {
        let state = try ProcessRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let daemon = try await DaemonProcess(stateDirectory: state, extra: ["--quiet-period", "2"])
        try await daemon.waitUntilCaughtUp()
        let marker = state.appendingPathComponent("strangers-logged").path
        let secrets = [
            "Zq8rT2vLm9XwP4kB7nYc1HdJ5sFg3QeA6uRt0VbN", "sk-proj-Q7fZ2kLm9XwP4kB7nYc1HdJ5sFg3QeA6uRt0VbNa",
            "hf_Vb7QeA6uRt0VbNZq8rT2vLm9XwP4kB7nYc1", "alice.example@example.org",
        ]
        let script = """
            import os, sys, time
            def say(text): print(text, file=sys.stderr, flush=True)
            say("loading model; aws=\(secrets[0])")
            say("openai=\(secrets[1]) fallback \(secrets[2]) owner \(secrets[3])")
            while not os.path.exists("\(marker)"): time.sleep(0.05)
            say("sampling step 3/20")
            say("\(Self.rocrLine)")
            """
        let gpuProcess = Process()
        gpuProcess.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-cat")
        gpuProcess.arguments = ["-t", "comfyui-e2e", "/usr/bin/python3", "-c", script]
        try gpuProcess.run()
        defer { if gpuProcess.isRunning { gpuProcess.terminate() } }
        try await Task.sleep(for: .milliseconds(500))
        // Another user's login and sudo command, and another program's line, between the GPU
        // process's own lines.
        let strangers = [
            ("sshd", "Accepted password for alice from 203.0.113.9 port 52144 ssh2"),
            (
                "sudo",
                "alice : TTY=pts/1 ; PWD=/home/alice/private-project ; USER=root ; COMMAND=/usr/bin/mysql -pS3cret"
            ),
        ]
        for (tag, line) in strangers { _ = try Self.logAsNobody(tag: tag, "/bin/echo", [line]) }
        try ProcessRunner.logLineToJournal(tag: "CRON", "(alice) CMD (rsync -a ~/mail alice@backup.example.net:)")
        try await Task.sleep(for: .milliseconds(300))
        FileManager.default.createFile(atPath: marker, contents: nil)
        gpuProcess.waitUntilExit()
        let pid = gpuProcess.processIdentifier
        let incidents = try await daemon.waitForIncidents(timeout: .seconds(10)) { $0.contains { $0.pid == pid } }
        #expect(incidents.contains { $0.pid == pid }, "\(daemon.log)")

        let report = try ProcessRunner.run(
            rocfault,
            ["report", "--last", "--preview", "--state-dir", state.path],
            environment: ["NO_COLOR": "1"]
        )
        #expect(report.status == 0, "\(report.stderr)")
        let leaks =
            secrets + [
                "Accepted password", "alice", "203.0.113.9", "private-project", "S3cret", "mysql", "CRON", "rsync",
            ]
        for leak in leaks { #expect(!report.stdout.contains(leak), "\(leak) is in the bundle") }
        #expect(report.stdout.contains("loading model; aws=[REDACTED]"), "\(report.stdout)")
        #expect(report.stdout.contains("sampling step 3/20"))
        let summary = try #require(report.stdout.split(separator: "\n").last)
        #expect(summary.hasPrefix("redacted: "), "\(summary)")
        #expect(summary.contains("API tokens") && summary.contains("1 email address"), "\(summary)")
        await daemon.stop()
    }
}
