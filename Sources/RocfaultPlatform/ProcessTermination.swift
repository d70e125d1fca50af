#if canImport(Glibc)
package import Glibc
#endif

/// How a process ended: its exit code, or the signal that killed it and whether a core was
/// dumped. The one decoder of wait statuses (`waitpid`, `waitid`, the kernel's process events),
/// used by ``BoundedCommand``, `rocfault run`'s child, the daemon's hooks and its exit watcher.
package enum ProcessTermination: Sendable, Hashable {
    /// Exited by itself with this code (0...255).
    case exited(Int32)
    /// Killed by this signal; `coreDumped` when the kernel wrote a core file.
    case signaled(Int32, coreDumped: Bool)

    /// Decodes a `waitpid`-style status: the signal in the low 7 bits (0x80 set when a core was
    /// dumped), else the exit code in bits 8 to 15. The kernel's process events carry the same form.
    package init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal, coreDumped: status & 0x80 != 0)
    }

    /// Decodes what `waitid(WEXITED)` filled in; `nil` when it reported no ended child (`WNOHANG`
    /// with the child still running leaves `si_pid` at 0).
    package init?(childInfo info: siginfo_t) {
        guard info._sifields._sigchld.si_pid != 0 else { return nil }
        let status = info._sifields._sigchld.si_status
        switch info.si_code {
        case Int32(CLD_EXITED): self = .exited(status)
        case Int32(CLD_DUMPED): self = .signaled(status, coreDumped: true)
        default: self = .signaled(status, coreDumped: false)
        }
    }

    /// The status a shell reports for it: the exit code, or 128 plus the signal.
    package var shellStatus: Int32 {
        switch self {
        case .exited(let code): code
        case .signaled(let signal, _): 128 + signal
        }
    }

    /// The exit code; `nil` for a signal death.
    package var exitCode: Int32? {
        if case .exited(let code) = self { return code }
        return nil
    }

    /// The signal that killed it; `nil` when it exited.
    package var signal: Int32? {
        if case .signaled(let signal, _) = self { return signal }
        return nil
    }

    /// Whether a core file was written (only for a signal death).
    package var coreDumped: Bool {
        if case .signaled(_, let dumped) = self { return dumped }
        return false
    }

    /// How child `pid` ended, once it has, without reaping it: the ended child stays a zombie, so
    /// its `/proc` entry still answers and its pid is not reused until ``reap(_:blocking:)``.
    /// `nil` while it runs or when it is not a child of this process.
    package static func peek(_ pid: pid_t) -> ProcessTermination? {
        var info = siginfo_t()
        let result = try? SystemCall.retrying("waitid") {
            waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        }
        guard result == 0, info._sifields._sigchld.si_pid == pid else { return nil }
        return ProcessTermination(childInfo: info)
    }

    /// Reaps child `pid` and returns how it ended: waits for it when `blocking`, else `nil` while
    /// it runs. `nil` as well when it is not a child of this process (already reaped).
    package static func reap(_ pid: pid_t, blocking: Bool) -> ProcessTermination? {
        var status: Int32 = 0
        let result = try? SystemCall.retrying("waitpid") { waitpid(pid, &status, blocking ? 0 : WNOHANG) }
        return result == pid ? ProcessTermination(waitStatus: status) : nil
    }
}
