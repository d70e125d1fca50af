import Glibc

/// A real child process started with `posix_spawn`, killed and reaped when released.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    private var reaped = false

    /// Spawns `executable` with exactly the given arguments and environment.
    init(_ executable: String, _ arguments: [String], environment: [String] = []) {
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
        var pid = pid_t()
        let status = posix_spawn(&pid, executable, nil, &attributes, argv, envp)
        precondition(status == 0, "posix_spawn \(executable) failed: \(status)")
        self.pid = pid
    }

    deinit {
        if !reaped {
            kill(pid, SIGKILL)
            _ = waitForExit()
        }
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Reaps the child; returns the raw wait status.
    @discardableResult
    func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
        return status
    }

    /// Polls `condition` every 10 ms for up to `timeout` seconds.
    static func eventually(timeout: Double = 2, _ condition: () -> Bool) -> Bool {
        var waited = 0.0
        while waited < timeout {
            if condition() { return true }
            usleep(10_000)
            waited += 0.01
        }
        return condition()
    }
}
