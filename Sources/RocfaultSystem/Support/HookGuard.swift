import Glibc
import RocfaultPlatform

/// Makes an incident hook die with rocfaultd, however rocfaultd ends (`SIGKILL` included), outside
/// systemd's cgroup kill too, and makes the time limit reach what the hook started
/// (docs/daemon.md, "Incident hooks").
///
/// Each hook has a lifeline: a pipe whose write end only the daemon's process holds
/// (close-on-exec) and never writes to. The hook is started through a guard: rocfaultd's own
/// executable run as `rocfaultd-hook-guard HOOK ARGS...`, leading the hook's process group, with the
/// lifeline's read end on descriptor 3. The guard makes itself a child subreaper, starts the hook in
/// its group and waits in `poll()` on the lifeline and the hook's pidfd. The read end reports end of
/// file when the daemon's process ends (the kernel closes the write end) or when the daemon closes
/// it at the hook's time limit. The guard then kills every process below it, those that left the
/// group (`setsid`) or were orphaned by a double fork included (as subreaper it is their parent
/// then), and its process group. Nothing races: a daemon gone before the guard even started leaves
/// the end of file waiting, so the hook is killed at once (or never started). When the hook ends
/// first, the guard ends the same way (its exit status, or the same signal), so the daemon's
/// logging and timeouts see no difference.
package enum HookGuard {
    /// The guard's `argv[0]`, by which rocfaultd's `main` knows it runs as one.
    package static let argumentZero = "rocfaultd-hook-guard"
    /// The descriptor the guard reads the lifeline on.
    package static let lifelineDescriptor: Int32 = 3
    /// The guard's exit status when the hook could not be started (as a shell's).
    package static let cannotStartStatus: Int32 = 127

    /// Called first in rocfaultd's `main`: when this process was started as a guard, guards the
    /// hook and exits as it did; otherwise returns at once.
    package static func runIfStartedAsGuard() {
        let arguments = CommandLine.arguments
        guard arguments.first == argumentZero, arguments.count >= 2 else { return }
        guardHook(executable: arguments[1], arguments: Array(arguments.dropFirst(2)))
    }

    private static func guardHook(executable: String, arguments: [String]) -> Never {
        var probe = [pollfd(fd: lifelineDescriptor, events: Int16(POLLIN), revents: 0)]
        // The daemon is gone already (or the guard was started by hand, without a lifeline): no hook.
        if (try? Poller.poll(&probe, timeoutMilliseconds: 0)) != 0 { _exit(cannotStartStatus) }
        // Orphans below the guard (a double fork, a `setsid` whose parent ended) become its children,
        // so the sweep at the end of the lifeline still finds them.
        ChildSubreaper.become()
        guard let hook = spawnHook(executable: executable, arguments: arguments) else { _exit(cannotStartStatus) }
        let pidfd = PidFD.open(hook)
        var descriptors = [
            pollfd(fd: lifelineDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0),
        ]
        // Without a pidfd only the lifeline is watched, and the hook's end is learned by waiting.
        if pidfd < 0 { descriptors.removeLast() }
        while true {
            let ready = try? Poller.poll(&descriptors, timeoutMilliseconds: pidfd >= 0 ? -1 : 100)
            if ready == nil { usleep(100_000) }
            if let ready, ready > 0, descriptors[0].revents != 0 { killEverythingStarted() }
            if let ended = ProcessTermination.reap(hook, blocking: false) { endAs(ended) }
        }
    }

    /// How many times the sweep looks for processes below the guard that still run.
    private static let sweepRounds = 200

    /// The lifeline ended (the daemon died or cut it at the hook's time limit): SIGKILL to every
    /// process below the guard until none runs (one forked meanwhile shows up in the next round),
    /// then to the whole process group, this guard included.
    private static func killEverythingStarted() -> Never {
        let guardPID = getpid()
        for _ in 0..<sweepRounds {
            let living = ProcessTree.livingDescendants(of: guardPID)
            if living.isEmpty { break }
            for process in living { kill(process.pid, SIGKILL) }
            reapChildren()
            usleep(5_000)
        }
        kill(0, SIGKILL)
        _exit(137)
    }

    /// Reaps the guard's ended children (the hook and orphans it adopted) so they leave `/proc`.
    private static func reapChildren() {
        var status: Int32 = 0
        while waitpid(-1, &status, WNOHANG) > 0 {}
    }

    /// Ends the guard as the hook ended: with its exit status, or killed by the same signal (no
    /// core dump of the guard).
    private static func endAs(_ termination: ProcessTermination) -> Never {
        guard let signal = termination.signal else { _exit(termination.exitCode ?? cannotStartStatus) }
        if coreDumpingSignals.contains(signal) {
            // The unit's system call filter may refuse setrlimit: then no second core, only the status.
            var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
            guard setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore) == 0 else { _exit(128 + signal) }
        }
        Glibc.signal(signal, SIG_DFL)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signal)
        sigprocmask(SIG_UNBLOCK, &only, nil)
        raise(signal)
        _exit(128 + signal)
    }

    /// Signals whose default action dumps core.
    private static let coreDumpingSignals: Set<Int32> = [
        SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS,
    ]

    /// Starts the hook in the guard's process group, with the guard's stdin, stdout, stderr and
    /// environment and no other descriptor (the lifeline neither); nil when it cannot be started.
    private static func spawnHook(executable: String, arguments: [String]) -> Int32? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard SpawnCloseFrom.add(to: &actions, from: 3) else { return nil }
        return try? Spawn.start(executable, arguments: [executable] + arguments, actions: &actions)
    }
}

/// The daemon's end of one hook's lifeline (``HookGuard``): a pipe whose write end only this
/// process holds, open until the hook ended, the daemon cut it, or the process ended.
package final class HookLifeline {
    /// Given to the guard as its descriptor 3; closed here once the guard started (``release()``).
    package private(set) var readEnd: Int32
    private var writeEnd: Int32
    /// The guard's program: this process's own executable, as the kernel knows it (an upgrade that
    /// replaced the file on disk does not matter).
    package static let guardExecutable = "/proc/self/exe"

    /// Opens the pipe (both ends close-on-exec); nil when the system gives none.
    package init?() {
        var ends: [Int32] = [-1, -1]
        // Close-on-exec from the start: a program another thread starts meanwhile must not hold
        // the write end (it would keep the lifeline open after the daemon's death).
        guard let pipe2 = Self.pipe2, pipe2(&ends, O_CLOEXEC) == 0 else { return nil }
        // Kept off descriptor 3, where posix_spawn's dup2 onto itself would leave close-on-exec set.
        let readEnd = fcntl(ends[0], F_DUPFD_CLOEXEC, 10)
        close(ends[0])
        guard readEnd >= 0 else {
            close(ends[1])
            return nil
        }
        self.readEnd = readEnd
        self.writeEnd = ends[1]
    }

    /// Closes the daemon's copy of the read end: the guard has its own now.
    package func release() {
        guard readEnd >= 0 else { return }
        close(readEnd)
        readEnd = -1
    }

    /// Ends the lifeline: the guard kills the hook, its group and everything it started.
    package func cut() {
        guard writeEnd >= 0 else { return }
        close(writeEnd)
        writeEnd = -1
    }

    deinit {
        release()
        cut()
    }

    private typealias Pipe2Function = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    /// Swift's Glibc module does not export `pipe2` (glibc has had it since 2.9): looked up at run time.
    private static let pipe2: Pipe2Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "pipe2") else { return nil }
        return unsafeBitCast(symbol, to: Pipe2Function.self)
    }()
}
