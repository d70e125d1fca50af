import RocfaultCore
import RocfaultPlatform
import RocfaultSystem

#if canImport(Glibc)
import Glibc
#endif

/// Runs one command for `rocfault run`: passes its stderr through (a pty when rocfault's stderr is a
/// terminal, else a pipe) while scanning every line, relays signals, and collects the outcome.
struct RunSession {
    let arguments: [String]
    let ruleSet: RuleSet
    let writesJournal: Bool
    /// Silence after which a stall notice is printed; `nil` turns the watch off.
    var stallAfter: Duration?

    /// After the child exits, output is still read until it has been quiet this long...
    private static let quietAfterExit: Duration = .milliseconds(200)
    /// ...or at most this long (a grandchild may hold the pipe open).
    private static let drainLimit: Duration = .seconds(2)

    /// Runs the command until it ends. The child is left a zombie (see ``ChildProcess/ended(_:)``):
    /// the caller reaps it once rocfaultd had its chance to check the child's journal lines.
    func execute() throws -> RunOutcome {
        let channel = try StderrChannel.open()
        let relay = try SignalRelay(signals: [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGCHLD])
        defer { relay.restore() }
        let kernel = RunKernelWatch()
        let start = SystemClock.now()
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn(arguments, stderrFD: channel.childEnd)
        } catch {
            channel.closeAll()
            throw error
        }
        channel.closeChildEnd()
        defer { close(channel.readEnd) }
        let comm = String((arguments[0].split(separator: "/").last ?? Substring(arguments[0])).prefix(15))
        let startTime = ProcStat(path: "/proc/\(pid)/stat")?.startTime
        let journal = RunJournal(
            enabled: writesJournal,
            pid: pid,
            comm: comm,
            startTime: startTime,
            runID: "\(pid)-\(start.realtimeMicroseconds ?? 0)"
        )
        var scanner = RunScanner(ruleSet: ruleSet, pid: pid, comm: comm, now: start.realtimeMicroseconds ?? 0)
        var pump = StderrPump(channel: channel, scanner: scanner, journal: journal)
        var stall = stallAfter.map { RunStallMonitor(threshold: $0, pid: pid, comm: comm) }
        let termination = loop(pid: pid, relay: relay, pump: &pump, stall: &stall)
        stall?.finish(termination, pump: &pump)
        scanner = pump.finish()
        let end = SystemClock.now()
        let (incidents, coverage) = Self.judge(kernel, scanner: &scanner, end: end)
        journal.recordEnd(termination, arguments: arguments, executable: ChildProcess.resolve(arguments[0]))
        return RunOutcome(
            arguments: arguments,
            pid: pid,
            comm: comm,
            processStartTime: startTime,
            termination: termination,
            start: start,
            end: end,
            incidents: incidents,
            context: scanner.context,
            kernelLog: coverage,
            kmsgUnavailable: kernel.unavailableReason,
            journalNote: journal.note
        )
    }

    /// The run's incidents, each judged by the ledger of what `kernel` read (as the daemon judges
    /// its incidents), and the run's coverage: its strongest incident's, or the end of the run's.
    private static func judge(
        _ kernel: RunKernelWatch,
        scanner: inout RunScanner,
        end: EventTime
    ) -> (incidents: [Incident], coverage: KernelLogCoverage) {
        let ledger = kernel.finish(into: &scanner, end: end)
        let incidents = scanner.finish(now: end.realtimeMicroseconds ?? 0, ledger: ledger, end: end)
        return (incidents, incidents.first?.verdict.kernelLog ?? ledger.coverage(at: end, bootID: nil, now: end).value)
    }

    private func loop(
        pid: pid_t,
        relay: SignalRelay,
        pump: inout StderrPump,
        stall: inout RunStallMonitor?
    ) -> ChildProcess.Termination {
        let clock = ContinuousClock()
        var termination: ChildProcess.Termination?
        var exitedAt: ContinuousClock.Instant?
        var lastOutput = clock.now
        while true {
            if termination == nil, let ended = ChildProcess.ended(pid) {
                termination = ended
                exitedAt = clock.now
            }
            if let exitedAt, let termination {
                let now = clock.now
                if !pump.isOpen || now - exitedAt > Self.drainLimit || now - lastOutput > Self.quietAfterExit {
                    return termination
                }
            }
            var descriptors = [pollfd(fd: relay.readFD, events: Int16(POLLIN), revents: 0)]
            if pump.isOpen { descriptors.append(pollfd(fd: pump.fd, events: Int16(POLLIN), revents: 0)) }
            let timeout: Int32 = termination == nil ? stall?.pollTimeout(limit: 1000) ?? 1000 : 50
            do { try Poller.poll(&descriptors, timeoutMilliseconds: timeout) } catch {
                return termination ?? .exited(1)
            }
            if descriptors[0].revents != 0 { relay.drain().forEach { forward($0, to: pid, pump: pump) } }
            if descriptors.count > 1 && descriptors[1].revents != 0 && pump.readAvailable() {
                lastOutput = clock.now
                stall?.output(pump: pump)
            }
            if termination == nil { stall?.tick(pump: pump) }
        }
    }

    /// Passes a signal on: a terminal's Ctrl-C already reached the child (same process group);
    /// a `kill` of rocfault is forwarded; a window size change is copied to the child's pty.
    private func forward(_ delivery: SignalRelay.Delivery, to pid: pid_t, pump: StderrPump) {
        switch delivery.signal {
        case SIGCHLD:
            return
        case SIGWINCH:
            pump.channel.pseudoTerminal?.copyWindowSize(from: 2)
            kill(pid, SIGWINCH)
        case SIGINT, SIGQUIT:
            if !delivery.fromTerminal { kill(pid, delivery.signal) }
        default:
            kill(pid, delivery.signal)
        }
    }
}
