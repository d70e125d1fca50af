#if canImport(Glibc)
import Glibc
#endif

/// Where the child's stderr goes: a pseudo-terminal when rocfault's stderr is a terminal, else a pipe.
struct StderrChannel {
    /// The end rocfault reads.
    let readEnd: Int32
    /// The end the child gets as fd 2.
    let childEnd: Int32
    /// The pty, when one is used.
    let pseudoTerminal: PseudoTerminal?

    static func open() throws -> StderrChannel {
        if isatty(2) == 1, let pty = PseudoTerminal.open(like: 2) {
            return StderrChannel(readEnd: pty.master, childEnd: pty.slave, pseudoTerminal: pty)
        }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw CLIError.usage("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return StderrChannel(readEnd: ends[0], childEnd: ends[1], pseudoTerminal: nil)
    }

    /// Closes rocfault's copy of the child's end, so end of file (or EIO on a pty) comes when the child is gone.
    func closeChildEnd() { close(childEnd) }

    func closeAll() {
        close(childEnd)
        close(readEnd)
    }
}
