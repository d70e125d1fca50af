import Foundation

#if canImport(Glibc)
import Glibc
import RocfaultPlatform
#endif

/// Shows long output through a pager when standard output is a terminal, as journalctl does:
/// `$ROCFAULT_PAGER`, else `$PAGER`, else `less` (with `LESS=FRSXMK` unless set, so one screen of
/// output prints directly). An empty pager or `cat` writes directly.
enum Pager {
    static func show(_ text: String, enabled: Bool) {
        guard enabled, Terminal.standardOutput.isTerminal, let command = pagerCommand() else {
            Terminal.standardOutput.write(text)
            return
        }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            Terminal.standardOutput.write(text)
            return
        }
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRSXMK" }
        let pid = try? Spawn.start(
            "/bin/sh",
            arguments: ["/bin/sh", "-c", command],
            environment: environment.map { "\($0.key)=\($0.value)" },
            actions: &actions
        )
        close(ends[0])
        guard let pid else {
            close(ends[1])
            Terminal.standardOutput.write(text)
            return
        }
        let previous = signal(SIGPIPE, SIG_IGN)
        Terminal(fd: ends[1]).write(text)
        close(ends[1])
        var exit: Int32 = 0
        _ = try? SystemCall.retrying("waitpid") { waitpid(pid, &exit, 0) }
        signal(SIGPIPE, previous)
    }

    private static func pagerCommand() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let command = environment["ROCFAULT_PAGER"] ?? environment["PAGER"] ?? "less"
        let trimmed = command.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
    }
}
