#if canImport(Glibc)
import Glibc
#endif

/// Runs a helper program (`rocminfo --support`, `dpkg-query`, `rpm`) with a time limit and captures
/// its output: the one spawn with a deadline.
///
/// The child gets `/dev/null` for stdin, its own process group (killed as a whole when the limit
/// passes, so a hung GPU query never hangs the caller), default signal handlers and an empty
/// signal mask. Waiting polls the output pipe and then a pidfd of the child, both against the one
/// deadline, so a child that closes its output and keeps running is killed on time too.
package struct BoundedCommand: Sendable {
    /// How a run ended.
    package enum Outcome: Sendable, Hashable {
        /// Ended by itself: an exit code, or a signal not sent by us.
        case ended(ProcessTermination)
        /// Killed after the time limit.
        case timedOut
        /// Could not be started (not installed); the text says why.
        case notStarted(String)
    }

    /// What a run produced.
    package struct Result: Sendable, Hashable {
        /// How it ended.
        package var outcome: Outcome
        /// Standard output (and standard error, when merged), cut at the output limit.
        package var output: String

        /// Creates a result.
        package init(outcome: Outcome, output: String) {
            self.outcome = outcome
            self.output = output
        }
    }

    /// Where the child's standard error goes.
    package enum ErrorStream: Sendable, Hashable {
        /// Into the captured output, interleaved with standard output.
        case merged
        /// To `/dev/null`.
        case discarded
    }

    /// The program (a path, or a name looked up in `PATH` and `extraDirectories`) and arguments.
    package var arguments: [String]
    /// How long to wait, from start to reaped child.
    package var timeLimit: Duration
    /// Directories searched after `PATH` (`/opt/rocm/bin`).
    package var extraDirectories: [String]
    /// Where standard error goes.
    package var errorStream: ErrorStream
    /// The child's environment (`NAME=value`); `nil` passes this process's on.
    package var environment: [String]?
    /// Output kept at most.
    package var outputLimit: Int
    /// The default output limit.
    package static let maxOutput = 1 << 20

    /// Creates a command.
    package init(
        _ arguments: [String],
        timeLimit: Duration,
        extraDirectories: [String] = [],
        errorStream: ErrorStream = .merged,
        environment: [String]? = nil,
        outputLimit: Int = maxOutput
    ) {
        self.arguments = arguments
        self.timeLimit = timeLimit
        self.extraDirectories = extraDirectories
        self.errorStream = errorStream
        self.environment = environment
        self.outputLimit = outputLimit
    }

    /// The executable's path, if it can be found.
    package func resolvedExecutable() -> String? {
        guard let name = arguments.first else { return nil }
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + extraDirectories
        return directories.map { $0 + "/" + name }.first { access($0, X_OK) == 0 }
    }

    /// Runs the command to completion or to the time limit.
    package func run() -> Result {
        guard let executable = resolvedExecutable() else {
            return Result(outcome: .notStarted("\(arguments.first ?? "") not found"), output: "")
        }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            return Result(outcome: .notStarted(String(cString: strerror(errno))), output: "")
        }
        ends.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        defer { close(ends[0]) }
        let spawned = spawn(executable, output: ends[1])
        close(ends[1])
        guard case .success(let pid) = spawned else {
            if case .failure(let message) = spawned { return Result(outcome: .notStarted(message), output: "") }
            return Result(outcome: .notStarted(executable), output: "")
        }
        let deadline = SystemClock.monotonic() + timeLimit
        let (output, complete) = collect(from: ends[0], until: deadline)
        let termination = reap(pid, until: deadline, killFirst: !complete)
        let text = String(decoding: output, as: UTF8.self)
        return Result(outcome: termination.map(Outcome.ended) ?? .timedOut, output: text)
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
        switch errorStream {
        case .merged: posix_spawn_file_actions_adddup2(&actions, output, 2)
        case .discarded: posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        // A process group of its own, so the whole group is killed at the limit.
        var attributes = SpawnAttributes.clean(newProcessGroup: true)
        defer { posix_spawnattr_destroy(&attributes) }
        do {
            let pid = try Spawn.start(
                executable,
                arguments: [executable] + arguments.dropFirst(),
                environment: environment,
                actions: &actions,
                attributes: &attributes
            )
            return .success(pid)
        } catch {
            return .failure(error.message)
        }
    }

    /// Reads until end of file (`true`) or the deadline (`false`).
    private func collect(from fd: Int32, until deadline: Duration) -> ([UInt8], Bool) {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let left = deadline - SystemClock.monotonic()
            guard left > .zero else { return (output, false) }
            let ready = try? Poller.wait(for: [fd], timeoutMilliseconds: Poller.milliseconds(left))
            guard let ready else { return (output, false) }
            if ready.isEmpty { continue }
            let read = try? SystemCall.retrying("read") {
                chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            }
            guard let count = read, count > 0 else { return (output, true) }
            if output.count < outputLimit { output += chunk[0..<min(count, outputLimit - output.count)] }
        }
    }

    /// Waits for the child to end by the deadline, killing its process group when it does not (or
    /// when asked). Returns how it ended, or `nil` when it had to be killed.
    private func reap(_ pid: pid_t, until deadline: Duration, killFirst: Bool) -> ProcessTermination? {
        var killed = killFirst
        if !killed {
            let pidfd = PidFD.open(pid)
            let left = Poller.milliseconds(max(.zero, deadline - SystemClock.monotonic()))
            let ended = pidfd < 0 ? [0] : try? Poller.wait(for: [pidfd], timeoutMilliseconds: left)
            if pidfd >= 0 { close(pidfd) }
            killed = ended?.isEmpty ?? true
        }
        if killed { kill(-pid, SIGKILL) }
        let termination = ProcessTermination.reap(pid, blocking: true)
        return killed ? nil : termination
    }
}
