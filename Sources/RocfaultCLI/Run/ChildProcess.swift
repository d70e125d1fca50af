import Foundation

#if canImport(Glibc)
import Glibc
import RocfaultPlatform
#endif

/// Starts the command `rocfault run` watches: standard input and output shared with rocfault,
/// standard error redirected to `stderrFD`, default signal handling and an empty signal mask.
enum ChildProcess {
    /// How the child ended: the platform's one decoded wait status.
    typealias Termination = ProcessTermination

    /// Spawns `arguments` (the program is looked up in `PATH`), or throws a one-line error (exit 127
    /// for a missing program, 126 for one that cannot be run, as shells do).
    static func spawn(_ arguments: [String], stderrFD: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if stderrFD != 2 { posix_spawn_file_actions_adddup2(&actions, stderrFD, 2) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGCHLD, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        do {
            return try Spawn.start(
                arguments[0],
                arguments: arguments,
                environment: ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" },
                actions: &actions,
                attributes: &attributes,
                searchPath: true
            )
        } catch {
            throw CLIError(
                message: "cannot run \(arguments[0]): \(error.message)",
                exitCode: error.errno == ENOENT ? 127 : 126
            )
        }
    }

    /// How `pid` ended, once it has, without reaping it: the exited child stays a zombie, so its
    /// `/proc` entry (owner, start time) still answers rocfaultd's check of `run`'s journal lines
    /// (see `RocfaultFieldTrust`) and its pid is not reused until ``reap(_:blocking:)``.
    static func ended(_ pid: pid_t) -> Termination? { ProcessTermination.peek(pid) }

    /// Reaps the child: waits for it when `blocking`, else `nil` while it runs.
    static func reap(_ pid: pid_t, blocking: Bool) -> Termination? {
        ProcessTermination.reap(pid, blocking: blocking)
    }

    /// The executable a name resolves to in `PATH`, for the process record.
    static func resolve(_ name: String) -> String? {
        if name.contains("/") {
            return name.hasPrefix("/") ? name : FileManager.default.currentDirectoryPath + "/" + name
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }
}
