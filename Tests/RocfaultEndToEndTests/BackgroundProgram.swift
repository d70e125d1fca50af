import Foundation
import Glibc
import RocfaultTestKit

/// A real server program (systemd-journal-remote, node_exporter, prometheus) run for one test,
/// with its output in a log file; stopped by the test, killed if the test fails first.
final class BackgroundProgram {
    let process = Process()
    let logFile: URL

    init(_ path: String, _ arguments: [String], logFile: URL) throws {
        self.logFile = logFile
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    deinit { stop() }

    /// What it printed so far.
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// SIGTERM, then SIGKILL after 5 s; waits for the end.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        _ = eventually(within: .seconds(5), every: .milliseconds(20)) { !process.isRunning }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw DaemonTestError("socket: \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw DaemonTestError("bind: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Polls `url` until it answers 200 with a body that `accept` takes, or the timeout passes.
    static func fetch(_ url: String, timeout: Duration, until accept: (String) -> Bool) async -> String? {
        let deadline = ContinuousClock.now + timeout
        var last: String?
        while ContinuousClock.now < deadline {
            if let result = try? ProcessRunner.run("/usr/bin/curl", ["-sf", "--max-time", "2", url]), result.status == 0
            {
                last = result.stdout
                if accept(result.stdout) { return result.stdout }
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return last.flatMap { accept($0) ? $0 : nil }
    }
}
