#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair for the child's standard error, set up like the real terminal (modes and
/// window size), so progress bars and colours behave as without rocfault.
///
/// Glibc's Swift module does not declare the POSIX pty functions, so they are looked up in libc.
struct PseudoTerminal {
    /// The side rocfault reads.
    let master: Int32
    /// The side the child writes (its fd 2).
    let slave: Int32

    private typealias IntFunction = @convention(c) (Int32) -> Int32
    private typealias NameFunction = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    /// Opens a pair shaped like `terminal`.
    static func open(like terminal: Int32) -> PseudoTerminal? {
        let libc = dlopen(nil, RTLD_NOW)
        guard let openSymbol = dlsym(libc, "posix_openpt"), let grantSymbol = dlsym(libc, "grantpt"),
            let unlockSymbol = dlsym(libc, "unlockpt"), let nameSymbol = dlsym(libc, "ptsname_r")
        else { return nil }
        let master = unsafeBitCast(openSymbol, to: IntFunction.self)(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { return nil }
        var name = [CChar](repeating: 0, count: 256)
        guard unsafeBitCast(grantSymbol, to: IntFunction.self)(master) == 0,
            unsafeBitCast(unlockSymbol, to: IntFunction.self)(master) == 0,
            unsafeBitCast(nameSymbol, to: NameFunction.self)(master, &name, name.count) == 0
        else {
            close(master)
            return nil
        }
        let slave = Glibc.open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else {
            close(master)
            return nil
        }
        var modes = termios()
        if tcgetattr(terminal, &modes) == 0 { tcsetattr(slave, TCSANOW, &modes) }
        let pair = PseudoTerminal(master: master, slave: slave)
        pair.copyWindowSize(from: terminal)
        return pair
    }

    /// Gives the child's terminal the real terminal's size (at start and on SIGWINCH).
    func copyWindowSize(from terminal: Int32) {
        var size = winsize()
        if ioctl(terminal, UInt(TIOCGWINSZ), &size) == 0 { _ = ioctl(slave, UInt(TIOCSWINSZ), &size) }
    }
}
