#if canImport(Glibc)
import Glibc
#endif

/// The write end of the self-pipe, read by the signal handler. Set before handlers are installed.
nonisolated(unsafe) private var relayWriteFD: Int32 = -1

/// Turns signals into records on a pipe (the self-pipe trick), so the `run` loop can `poll` for
/// them with the child's output: each record is the signal number and its `si_code`, which tells a
/// terminal's Ctrl-C (`SI_KERNEL`, already delivered to the child's process group) from a `kill`.
final class SignalRelay {
    /// One delivered signal.
    struct Delivery {
        var signal: Int32
        /// `SI_USER` (0) for kill(2), `SI_KERNEL` (0x80) for the terminal, and so on.
        var code: Int32

        /// Whether the terminal sent it (so the foreground process group, the child too, got it).
        var fromTerminal: Bool { code == 0x80 }
    }

    /// The descriptor to poll for deliveries.
    let readFD: Int32
    private let signals: [Int32]
    private var previous: [Int32: sigaction] = [:]

    /// Installs handlers for `signals`.
    init(signals: [Int32]) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw CLIError.usage("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        readFD = ends[0]
        relayWriteFD = ends[1]
        self.signals = signals
        // A parent may have started rocfault with these signals blocked (test runners do); the
        // handlers must run, so unblock them for this thread.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in signals { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { number, info, _ in
                var record: (Int32, Int32) = (number, info?.pointee.si_code ?? 0)
                let saved = errno
                _ = withUnsafeBytes(of: &record) { write(relayWriteFD, $0.baseAddress, 8) }
                errno = saved
            }
            action.sa_flags = SA_SIGINFO | SA_RESTART
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[signal] = old
        }
    }

    /// Reads every delivery waiting on the pipe.
    func drain() -> [Delivery] {
        var deliveries: [Delivery] = []
        var record: (Int32, Int32) = (0, 0)
        while withUnsafeMutableBytes(of: &record, { read(readFD, $0.baseAddress, 8) }) == 8 {
            deliveries.append(Delivery(signal: record.0, code: record.1))
        }
        return deliveries
    }

    /// Puts the previous handlers back and closes the pipe.
    func restore() {
        for signal in signals {
            guard var old = previous[signal] else { continue }
            sigaction(signal, &old, nil)
        }
        previous.removeAll()
        close(relayWriteFD)
        close(readFD)
        relayWriteFD = -1
    }
}
