import Logging
import RocfaultSystem
import Synchronization

#if canImport(Glibc)
import Glibc
import RocfaultPlatform
#endif

/// Runs the incident hooks (docs/daemon.md, "Incident hooks"): the executables in the hooks
/// directory and the `--on-incident` command, each with the incident's JSON on stdin, when an
/// incident is recorded and when it is final.
///
/// The processing loop only hands over the event (``submit(_:event:backlog:payload:hooks:)``); a thread of
/// this runner spawns, waits and kills. It sleeps in `poll()` on a wake pipe and the pidfds of the
/// running hooks, with a timeout only while a hook runs, so an idle daemon is never woken by it.
/// What runs when is decided by ``StateMachine``.
final class HookRunner: Sendable {
    /// Where hooks are looked for when `--hooks-dir` is not given.
    static let defaultDirectory = "/etc/rocfault/hooks.d"

    private struct Request: Sendable {
        var number: Int64
        var event: Event
        var backlog: Bool
        var payload: [UInt8]
        var hooks: [Hook]
    }

    private struct Inbox: Sendable {
        var requests: [Request] = []
        var stopping = false
    }

    let directory: String?
    let command: String?
    private let inbox = Mutex(Inbox())
    private let wake: WakePipe
    private let thread = Mutex<DedicatedThread?>(nil)

    /// Prepares a runner for `directory` (nil: none) and `command` (`/bin/sh -c`); nil when the
    /// system gives no pipe or thread (logged by the caller).
    init?(directory: String?, command: String?, limits: Limits, logger: Logger) {
        guard let wake = try? WakePipe() else { return nil }
        self.directory = directory
        self.command = command
        self.wake = wake
        let loop = UnsafeTransfer(HookLoop(machine: StateMachine(limits: limits), logger: logger))
        let started = DedicatedThread(name: "rocfault-hooks") { [self] in loop.value.run(runner: self) }
        guard let started else { return nil }
        thread.withLock { $0 = started }
    }

    /// The hooks to run now: the directory's executables by name (read each time, so hooks
    /// added or removed count at once), then the command.
    func currentHooks() -> [Hook] {
        var hooks = directory.map(Self.executables(in:)) ?? []
        if let command {
            hooks.append(Hook(name: "--on-incident", executable: "/bin/sh", arguments: ["-c", command, "on-incident"]))
        }
        return hooks
    }

    /// Hands an incident event to the runner's thread; returns at once.
    func submit(_ number: Int64, event: Event, backlog: Bool, payload: [UInt8], hooks: [Hook]) {
        let request = Request(number: number, event: event, backlog: backlog, payload: payload, hooks: hooks)
        inbox.withLock { $0.requests.append(request) }
        wake.wake()
    }

    /// Runs what was submitted, gives running hooks at most ``Limits/stopGrace`` more, and waits.
    func stop() {
        inbox.withLock { $0.stopping = true }
        wake.wake()
        let current = thread.withLock { value in
            defer { value = nil }
            return value
        }
        current?.join()
    }

    /// What was submitted since the last call, and whether the daemon stops (the runner's thread).
    private func takeSubmitted() -> Inbox {
        inbox.withLock { value in
            defer { value.requests.removeAll() }
            return value
        }
    }

    /// Regular files (symbolic links followed) with an execute bit, sorted by name; names starting
    /// with a dot or ending in `~`, `.dpkg-*` or `.rpm*` (editor and package-manager leftovers) are skipped.
    static func executables(in directory: String) -> [Hook] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") || name.hasSuffix("~") || name.contains(".dpkg-") || name.contains(".rpm") {
                continue
            }
            var info = stat()
            let path = directory + "/" + name
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o111 != 0 else { continue }
            names.append(name)
        }
        return names.sorted().map { Hook(name: $0, executable: directory + "/" + $0, arguments: []) }
    }

    /// The runner's thread: owns the state machine and the processes; never shared.
    private final class HookLoop {
        var machine: StateMachine
        let logger: Logger
        var processes: [Int: HookProcess] = [:]

        init(machine: StateMachine, logger: Logger) {
            self.machine = machine
            self.logger = logger
        }

        func run(runner: HookRunner) {
            var stopping = false
            while true {
                let taken = runner.takeSubmitted()
                for request in taken.requests {
                    perform(
                        machine.incident(
                            request.number,
                            event: request.event,
                            backlog: request.backlog,
                            payload: request.payload,
                            hooks: request.hooks,
                            now: Self.now()
                        )
                    )
                }
                if taken.stopping && !stopping {
                    stopping = true
                    perform(machine.stop(now: Self.now()))
                }
                perform(machine.time(now: Self.now()))
                if stopping && machine.isIdle { return }
                waitForWork(wake: runner.wake)
            }
        }

        /// Sleeps until a submission, a hook's end or the next deadline (no timeout while none runs).
        private func waitForWork(wake: WakePipe) {
            let jobs = processes.keys.sorted()
            var descriptors = [pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0)]
            descriptors += jobs.map { pollfd(fd: processes[$0]!.pidfd, events: Int16(POLLIN), revents: 0) }
            var timeout: Int32 = -1
            if let deadline = machine.nextDeadline {
                timeout = Int32(clamping: max(0, (deadline - Self.now() + 999) / 1000))
            }
            guard (try? Poller.poll(&descriptors, timeoutMilliseconds: timeout)) ?? 0 > 0 else { return }
            if descriptors[0].revents != 0 { wake.drain() }
            for (index, job) in jobs.enumerated() where descriptors[index + 1].revents != 0 {
                guard let status = processes[job]?.reap() else { continue }
                processes.removeValue(forKey: job)
                let outcome: Outcome =
                    status.signal.map { .signaled(signal: $0) } ?? .exited(status: status.exitStatus ?? 0)
                perform(machine.exited(jobID: job, outcome: outcome, now: Self.now()))
            }
        }

        private func perform(_ actions: [StateMachine.Action]) {
            for action in actions {
                switch action {
                case .spawn(let job): spawn(job)
                case .killGroup(let job, _): processes[job]?.killGroup()
                case .log(let line):
                    switch line.level {
                    case .debug: logger.debug("\(line.message)")
                    case .notice: logger.notice("\(line.message)")
                    case .warning: logger.warning("\(line.message)")
                    }
                }
            }
        }

        private func spawn(_ job: Job) {
            var environment = Self.inheritedEnvironment()
            environment += [
                "ROCFAULT_EVENT=\(job.event.rawValue)", "ROCFAULT_INCIDENT=\(job.incident)",
                "ROCFAULT_BACKLOG=\(job.backlog ? 1 : 0)",
            ]
            do {
                let process = try HookProcess.spawn(
                    executable: job.hook.executable,
                    arguments: job.hook.arguments + [job.event.rawValue, String(job.incident)],
                    environment: environment,
                    input: job.payload,
                    guarded: true
                )
                processes[job.id] = process
                perform(machine.spawned(jobID: job.id, pid: process.pid, now: Self.now()))
            } catch {
                perform(machine.spawnFailed(jobID: job.id, reason: error.description, now: Self.now()))
            }
        }

        /// The daemon's environment without any `ROCFAULT_EVENT`/`ROCFAULT_INCIDENT` of its own.
        private static func inheritedEnvironment() -> [String] {
            var result: [String] = []
            var cursor = environ
            while let entry = cursor.pointee {
                let text = String(cString: entry)
                if !["ROCFAULT_EVENT=", "ROCFAULT_INCIDENT=", "ROCFAULT_BACKLOG="].contains(where: text.hasPrefix) {
                    result.append(text)
                }
                cursor += 1
            }
            return result
        }

        /// Monotonic microseconds.
        static func now() -> Int64 { SystemClock.monotonicMicroseconds() }
    }
}

extension RocfaultDaemonCommand {
    /// Called first in rocfaultd's `main`: a process started as a hook's guard guards the hook and
    /// exits (``HookGuard``); any other returns at once.
    package static func guardHookIfStartedAsGuard() { HookGuard.runIfStartedAsGuard() }
}
