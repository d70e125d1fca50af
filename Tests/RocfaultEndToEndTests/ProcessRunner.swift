import Foundation

/// Runs the built executables as real child processes.
enum ProcessRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The directory holding the test bundle, where SwiftPM also puts the executables.
    static let productsDirectory: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        if directory.lastPathComponent == "MacOS" || directory.pathExtension == "xctest" {
            directory = directory.deletingLastPathComponent()
        }
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("rocfault").path),
            directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let rulesDirectory = packageRoot.appendingPathComponent("Rules").path

    static func executable(_ name: String) -> String { productsDirectory.appendingPathComponent(name).path }

    /// Runs a program to completion with the given arguments, environment additions and stdin.
    static func run(
        _ program: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        stdin: String? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self)
        )
    }

    /// journalctl's arguments for entries written since `date` (a second of slack): pids wrap at
    /// 32768 here and the journal keeps every test run of the boot, so a match on a pid alone can
    /// find an earlier run's process.
    static func journalSince(_ date: Date) -> [String] {
        ["--since", "@\(Int(date.timeIntervalSince1970) - 1)"]
    }

    /// A running `sleep 30`: a real process for fault lines to name; the caller terminates it.
    static func sleeper() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["30"]
        try process.run()
        return process
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rocfault-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `program arguments` with its stdout and stderr going to the journal under `tag`
    /// (`systemd-cat`, which execs it: the journal's `_PID` is the returned pid). Waits for it to end.
    @discardableResult
    static func logToJournal(tag: String, _ program: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-cat")
        process.arguments = ["-t", tag, program] + arguments
        try process.run()
        process.waitUntilExit()
        return process
    }

    /// Writes one line to the journal from a short-lived shell under `tag`; returns the shell's pid.
    @discardableResult
    static func logLineToJournal(tag: String, _ line: String) throws -> Int32 {
        try logToJournal(tag: tag, "/bin/sh", ["-c", "echo '\(line)' >&2"]).processIdentifier
    }

    /// Sends one entry with extra fields straight to journald's native socket (as `rocfault run`
    /// does for its child's lines).
    static func sendToJournal(_ fields: [String: String]) throws {
        let payload = fields.map { "\($0.key)=\($0.value)\n" }.sorted().joined()
        let script =
            "import socket, sys; s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); "
            + "s.sendto(sys.argv[1].encode(), '/run/systemd/journal/socket')"
        let result = try run("/usr/bin/python3", ["-c", script, payload])
        guard result.status == 0 else { throw DaemonTestError("journal send failed: \(result.stderr)") }
    }
}
