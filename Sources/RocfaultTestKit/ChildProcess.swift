package import Glibc
import RocfaultPlatform

/// A real child process started with `posix_spawn` (exactly the given arguments and environment,
/// every signal unblocked and at its default), killed and reaped when released: the processes the
/// system and platform tests watch, sample, signal and decode.
///
/// Unlike the end-to-end tests' `LiveProcess` (Foundation's `Process`, for the built executables,
/// whose output it captures), it has no pipes and leaves the reaping to its test when asked to, so
/// a test can reap it through the code under test and read the real wait status.
///
/// It inherits only descriptors 0 to 2: a test run killed mid-way can leave its children behind,
/// and one holding the runner's other descriptors (the lock a `flock` wrapper took) would hold them
/// until it ends.
package final class ChildProcess: Sendable {
    /// The child's process id.
    package let pid: pid_t

    /// Spawns `executable` with exactly the given arguments and environment.
    package init(_ executable: String, _ arguments: [String], environment: [String] = []) {
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // The test runner's threads may block or ignore signals; children start clean, or a
        // shell's `wait` for SIGCHLD never returns.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        _ = SpawnCloseFrom.add(to: &actions, from: 3)
        var pid = pid_t()
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        precondition(status == 0, "posix_spawn \(executable) failed: \(status)")
        self.pid = pid
    }

    /// Kills and reaps the child unless it was reaped already (by ``waitForExit()`` or by the
    /// test through the code under test).
    deinit {
        guard isUnreapedChild else { return }
        kill(pid, SIGKILL)
        waitForExit()
    }

    /// Sends `number` to the child.
    package func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the child to end and reaps it. Every signal is blocked on this thread meanwhile,
    /// so no handler can interrupt the wait (process signals go to the other threads).
    package func waitForExit() {
        var all = sigset_t()
        sigfillset(&all)
        var previous = sigset_t()
        pthread_sigmask(SIG_SETMASK, &all, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    /// Whether the child still exists as this process's child (running, or ended and not reaped):
    /// a non-blocking `waitid` that leaves it as it is.
    private var isUnreapedChild: Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0
    }
}
