import Foundation
import Glibc

/// A `systemd-journald` serving the standard sockets (`/run/systemd/journal/socket`), for tests
/// that write with `sd_journal_sendv`/`systemd-cat` and read the system journal live.
///
/// On a systemd machine the running journald is used. Where none runs (containers, this CI
/// VM), one is started by hand from `/lib/systemd/systemd-journald` and stopped when the last
/// user in this process releases it. Suites in one process share it (reference-counted); an
/// exclusive `flock` on ``lockPath`` serializes test processes, so one never stops a journald
/// another still uses.
///
/// Use it through the `.journald` trait (``JournaldTrait``), or `acquire()`/`release()`.
package actor TestJournald {
    /// The one instance of this process.
    package static let shared = TestJournald()

    /// The lock file that serializes journald users across processes.
    static let lockPath = "/run/rocfault-test-journald.lock"
    /// The journald binary on Debian.
    static let executable = "/lib/systemd/systemd-journald"
    /// journald's native protocol socket.
    package static let socketPath = "/run/systemd/journal/socket"

    private var users = 0
    private var ready: Task<Void, any Error>?
    private var lockDescriptor: Int32 = -1
    private var process: Process?

    /// Makes sure a journald serves the standard sockets until the matching ``release()``.
    package func acquire() async throws {
        users += 1
        if ready == nil { ready = Task { try await self.lockAndStart() } }
        do {
            try await ready?.value
        } catch {
            release()
            throw error
        }
    }

    /// Ends one use; the last one stops a journald started here and unlocks.
    package func release() {
        users -= 1
        guard users == 0 else { return }
        if let process, process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        process = nil
        if lockDescriptor >= 0 { close(lockDescriptor) }
        lockDescriptor = -1
        ready = nil
    }

    private func lockAndStart() async throws {
        lockDescriptor = open(Self.lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockDescriptor >= 0 else { throw StartError("cannot open \(Self.lockPath): errno \(errno)") }
        while flock(lockDescriptor, LOCK_EX | LOCK_NB) != 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        if !Self.isServing() { process = try await Self.start() }
    }

    /// Starts journald, trying again when an attempt exits or does not serve in time (a journald
    /// of another test process may still be shutting down and holding the sockets).
    private static func start() async throws -> Process {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw StartError("\(executable) is not installed")
        }
        var outcomes: [String] = []
        for _ in 0..<3 {
            let (process, outcome) = try await attemptStart()
            if let process { return process }
            outcomes.append(outcome)
            try await Task.sleep(for: .milliseconds(300))
        }
        throw StartError("systemd-journald did not start serving \(socketPath): " + outcomes.joined(separator: "; "))
    }

    private static func attemptStart() async throws -> (Process?, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        var environment = ProcessInfo.processInfo.environment
        environment["SYSTEMD_LOG_LEVEL"] = "warning"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while clock.now < deadline, process.isRunning {
            if isServing() { return (process, "") }
            try await Task.sleep(for: .milliseconds(20))
        }
        guard process.isRunning else { return (nil, "exited with status \(process.terminationStatus)") }
        process.terminate()
        process.waitUntilExit()
        return (nil, "not serving after 10 s")
    }

    /// Whether something accepts datagrams on journald's socket.
    package static func isServing() -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            path.copyBytes(from: Array(socketPath.utf8).prefix(path.count - 1))
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }

    /// journald could not be made available.
    struct StartError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
