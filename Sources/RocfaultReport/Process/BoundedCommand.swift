import Foundation
import RocfaultPlatform

#if canImport(Glibc)
import Glibc
#endif

/// Runs a diagnostic tool (`rocminfo --support`) with a time limit, capturing standard output and
/// error together. The tool runs in its own process group, which is killed when the limit passes,
/// so a hung GPU query never hangs the report.
public struct BoundedCommand: Sendable {
    /// How a run ended.
    public enum Outcome: Sendable, Hashable {
        /// Exited with this status.
        case exited(Int32)
        /// Killed by this signal (not by us).
        case signaled(Int32)
        /// Killed after the time limit.
        case timedOut
        /// Could not be started (not installed); the text says why.
        case notStarted(String)
    }

    /// What a run produced.
    public struct Result: Sendable, Hashable {
        /// How it ended.
        public var outcome: Outcome
        /// Standard output and error, interleaved, cut at ``BoundedCommand/maxOutput`` bytes.
        public var output: String
    }

    /// The program (a path, or a name looked up in `PATH` and `extraDirectories`) and arguments.
    public var arguments: [String]
    /// How long to wait.
    public var timeLimit: Duration
    /// Directories searched after `PATH` (`/opt/rocm/bin`).
    public var extraDirectories: [String]
    /// Output kept at most.
    public static let maxOutput = 1 << 20

    /// Creates a command.
    public init(_ arguments: [String], timeLimit: Duration, extraDirectories: [String] = []) {
        self.arguments = arguments
        self.timeLimit = timeLimit
        self.extraDirectories = extraDirectories
    }

    /// The executable's path, if it can be found.
    public func resolvedExecutable() -> String? {
        guard let name = arguments.first else { return nil }
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + extraDirectories
        return directories.map { $0 + "/" + name }.first { access($0, X_OK) == 0 }
    }

    /// Runs the command to completion or to the time limit.
    public func run() -> Result {
        guard let executable = resolvedExecutable() else {
            return Result(outcome: .notStarted("\(arguments.first ?? "") not found"), output: "")
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            return Result(outcome: .notStarted(String(cString: strerror(errno))), output: "")
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let pid: pid_t
        switch spawn(executable, output: pipeEnds[1]) {
        case .success(let spawned): pid = spawned
        case .failure(let message):
            close(pipeEnds[0])
            close(pipeEnds[1])
            return Result(outcome: .notStarted(message), output: "")
        }
        close(pipeEnds[1])
        let (output, timedOut) = collect(from: pipeEnds[0], pid: pid)
        close(pipeEnds[0])
        var status: Int32 = 0
        _ = try? SystemCall.retrying("waitpid") { waitpid(pid, &status, 0) }
        let text = String(decoding: output, as: UTF8.self)
        if timedOut { return Result(outcome: .timedOut, output: text) }
        let signal = status & 0x7f
        return Result(outcome: signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal), output: text)
    }

    private enum Spawned {
        case success(pid_t)
        case failure(String)
    }

    private func spawn(_ executable: String, output: Int32) -> Spawned {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        )
        let argv = CStringArray([executable] + arguments.dropFirst())
        let environment = CStringArray(ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" })
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv.pointers, environment.pointers)
        return status == 0 ? .success(pid) : .failure(String(cString: strerror(status)))
    }

    /// Reads until end of file or the deadline; on the deadline kills the process group.
    private func collect(from fd: Int32, pid: pid_t) -> ([UInt8], Bool) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeLimit
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero {
                kill(-pid, SIGKILL)
                return (output, true)
            }
            let ready = try? Poller.wait(for: [fd], timeoutMilliseconds: Poller.milliseconds(remaining))
            guard let ready, !ready.isEmpty else { continue }
            let read = try? SystemCall.retrying("read") { Glibc.read(fd, &buffer, buffer.count) }
            guard let count = read, count > 0 else { return (output, false) }
            if output.count < Self.maxOutput { output += buffer[0..<min(count, Self.maxOutput - output.count)] }
        }
    }
}
