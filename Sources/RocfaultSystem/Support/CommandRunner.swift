import Glibc
import RocfaultPlatform

/// Runs a helper program (`dpkg-query`, `rpm`) with a deadline and captures its standard output.
///
/// The child gets `/dev/null` for stdin and stderr and a fixed, minimal environment. Waiting uses
/// `poll()` on the output pipe and a pidfd of the child, so a hung helper is killed on time
/// instead of blocking the caller.
enum CommandRunner {
    /// What a finished command produced.
    struct Output: Sendable, Hashable {
        /// The exit status, or `nil` when it died from a signal.
        var status: Int32?
        /// Its standard output.
        var stdout: String
    }

    /// The first of `candidates` that is an executable file.
    static func find(_ candidates: [String]) -> String? {
        candidates.first { access($0, X_OK) == 0 }
    }

    /// Runs `executable` with `arguments`; `nil` when it cannot start or misses the deadline.
    static func run(
        _ executable: String,
        _ arguments: [String],
        timeout: Duration,
        outputLimit: Int = 1 << 20
    )
        -> Output?
    {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        ends.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        defer { close(ends[0]) }
        let pid = spawn(executable, arguments, stdoutFD: ends[1])
        close(ends[1])
        guard let pid else { return nil }
        let deadline = SystemClock.monotonic() + timeout
        let output = collect(from: ends[0], until: deadline, limit: outputLimit)
        guard let status = reap(pid, until: deadline, killFirst: output == nil) else { return nil }
        return output.map { Output(status: status.exited ? status.code : nil, stdout: $0) }
    }

    private static func spawn(_ executable: String, _ arguments: [String], stdoutFD: Int32) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutFD, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var attributes = cleanSignalAttributes()
        defer { posix_spawnattr_destroy(&attributes) }
        var pid = pid_t()
        guard posix_spawn(&pid, executable, &actions, &attributes, argv, envp) == 0 else { return nil }
        return pid
    }

    /// Spawn attributes that unblock every signal and restore default handlers in the child, so
    /// it does not inherit the caller's masks (a blocked SIGCHLD hangs a shell's `wait`).
    private static func cleanSignalAttributes() -> posix_spawnattr_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return attributes
    }

    /// Reads until end of file; `nil` when the deadline passes first.
    private static func collect(from fd: Int32, until deadline: Duration, limit: Int) -> String? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            guard let wait = millisecondsLeft(until: deadline) else { return nil }
            guard let ready = try? Poller.wait(for: [fd], timeoutMilliseconds: wait), !ready.isEmpty else { return nil }
            let read = try? SystemCall.retrying("read") {
                chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            }
            guard let count = read, count > 0 else { break }
            if bytes.count < limit { bytes.append(contentsOf: chunk[0..<min(count, limit - bytes.count)]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Waits for the child to end by the deadline, killing it when it does not (or when asked).
    /// Returns `nil` when it had to be killed.
    private static func reap(_ pid: pid_t, until deadline: Duration, killFirst: Bool) -> (exited: Bool, code: Int32)? {
        var killed = killFirst
        if killed { kill(pid, SIGKILL) }
        let pidfd = PidFD.open(pid)
        if pidfd >= 0 {
            let ended = try? Poller.wait(for: [pidfd], timeoutMilliseconds: millisecondsLeft(until: deadline) ?? 0)
            if !killed, ended?.isEmpty ?? true {
                kill(pid, SIGKILL)
                killed = true
            }
            close(pidfd)
        }
        var status: Int32 = 0
        guard (try? SystemCall.retrying("waitpid", { waitpid(pid, &status, 0) })) != nil else { return nil }
        guard !killed else { return nil }
        return (status & 0x7f == 0, (status >> 8) & 0xff)
    }

    private static func millisecondsLeft(until deadline: Duration) -> Int32? {
        let left = deadline - SystemClock.monotonic()
        guard left > .zero else { return nil }
        let (seconds, attoseconds) = left.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }
}
