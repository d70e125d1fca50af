// Which hooks run when, for how long, and how many at once: a pure value (events and clock
// readings in, actions out). HookRunner around it only lists the hooks directory, spawns, kills,
// reaps and logs, on a thread of its own, so a hook never blocks the daemon's processing loop.

extension HookRunner {
    /// Which moment of an incident's life a hook is told about (`ROCFAULT_EVENT`).
    enum Event: String, Sendable, Hashable {
        /// The incident was stored for the first time.
        case recorded
        /// Its correlation window closed; it will not change any more.
        case final
    }

    /// One program to run for every incident event.
    struct Hook: Sendable, Hashable {
        /// What the log calls it: the file name, or `--on-incident`.
        var name: String
        /// The program.
        var executable: String
        /// Its arguments after the program name (`-c CMD` for `--on-incident`).
        var arguments: [String]
    }

    /// One run of one hook for one incident event.
    struct Job: Sendable, Hashable {
        var id: Int
        var hook: Hook
        /// The incident's number.
        var incident: Int64
        var event: Event
        /// All the incident's evidence is older than the daemon's start (`ROCFAULT_BACKLOG=1`).
        var backlog = false
        /// The incident's JSON document, given to the hook on stdin.
        var payload: [UInt8]
    }

    /// How a hook's process ended.
    enum Outcome: Sendable, Hashable {
        case exited(status: Int32)
        case signaled(signal: Int32)
    }

    /// A line for the daemon's log.
    struct LogLine: Sendable, Hashable {
        enum Level: Sendable, Hashable { case debug, notice, warning }
        var level: Level
        var message: String
    }

    /// The bounds hooks run within.
    struct Limits: Sendable, Hashable {
        /// A hook's process group is killed this long (µs) after it started.
        var timeout: Int64 = 30_000_000
        /// At most this many hooks run at once; the others wait in a queue.
        var maxRunning = 4
        /// At most this many wait; a job beyond is dropped (logged).
        var maxQueued = 64
        /// After the daemon is asked to stop, hooks still get this long (µs) in all.
        var stopGrace: Int64 = 3_000_000
    }

    /// The decisions.
    struct StateMachine {
        /// What the shell does.
        enum Action: Sendable, Hashable {
            /// Start the job's hook in a process group of its own, payload on stdin, then report
            /// ``spawned(jobID:pid:now:)`` or ``spawnFailed(jobID:reason:)``.
            case spawn(Job)
            /// Kill the process group of the job's hook (it ran out of time).
            case killGroup(jobID: Int, pid: Int32)
            /// Write this to the log.
            case log(LogLine)
        }

        /// A job handed to the shell: its process once spawned, its deadline, whether it was killed.
        struct Running: Sendable, Hashable {
            var job: Job
            var pid: Int32?
            var deadline: Int64?
            var killed = false
        }

        let limits: Limits
        private(set) var queue: [Job] = []
        private(set) var running: [Int: Running] = [:]
        private var nextJobID = 1
        /// Set once the daemon stops: no hook runs past it.
        private(set) var stopDeadline: Int64?

        init(limits: Limits) {
            self.limits = limits
        }

        /// Nothing runs and nothing waits.
        var isIdle: Bool { queue.isEmpty && running.isEmpty }

        /// When ``time(now:)`` must be delivered next; nil while no hook runs (the shell then sleeps
        /// until something happens, with no timer).
        var nextDeadline: Int64? {
            let deadlines = running.values.filter { !$0.killed }.compactMap(\.deadline)
            guard let earliest = deadlines.min() else { return queue.isEmpty ? nil : stopDeadline }
            return min(earliest, stopDeadline ?? .max)
        }

        /// An incident was recorded or became final: one job per hook, queued, and started while
        /// fewer than ``Limits/maxRunning`` run.
        mutating func incident(
            _ number: Int64,
            event: Event,
            backlog: Bool = false,
            payload: [UInt8],
            hooks: [Hook],
            now: Int64
        ) -> [Action] {
            var actions: [Action] = []
            for hook in hooks {
                let job = Job(
                    id: nextJobID,
                    hook: hook,
                    incident: number,
                    event: event,
                    backlog: backlog,
                    payload: payload
                )
                nextJobID += 1
                guard queue.count < limits.maxQueued else {
                    let message = "\(describe(job)): dropped, \(queue.count) hooks already wait"
                    actions.append(.log(LogLine(level: .warning, message: message)))
                    continue
                }
                queue.append(job)
            }
            return actions + startQueued(now: now)
        }

        /// The shell started the job's process.
        mutating func spawned(jobID: Int, pid: Int32, now: Int64) -> [Action] {
            guard var entry = running[jobID] else { return [] }
            entry.pid = pid
            entry.deadline = min(now + limits.timeout, stopDeadline ?? .max)
            running[jobID] = entry
            return time(now: now)
        }

        /// The shell could not start the job's process.
        mutating func spawnFailed(jobID: Int, reason: String, now: Int64) -> [Action] {
            guard let entry = running.removeValue(forKey: jobID) else { return [] }
            let line = LogLine(level: .warning, message: "\(describe(entry.job)): cannot start: \(reason)")
            return [.log(line)] + startQueued(now: now)
        }

        /// The job's process ended (and was reaped).
        mutating func exited(jobID: Int, outcome: Outcome, now: Int64) -> [Action] {
            guard let entry = running.removeValue(forKey: jobID) else { return [] }
            var actions: [Action] = []
            if !entry.killed {
                actions.append(.log(Self.line(for: outcome, of: describe(entry.job))))
            }
            return actions + startQueued(now: now)
        }

        /// The clock moved: kill every hook past its deadline, and after a stop drop what still waits.
        mutating func time(now: Int64) -> [Action] {
            var actions: [Action] = []
            for (id, entry) in running.sorted(by: { $0.key < $1.key }) {
                guard !entry.killed, let pid = entry.pid, let deadline = entry.deadline, deadline <= now else {
                    continue
                }
                running[id]?.killed = true
                let stopping = (stopDeadline ?? .max) <= now
                let reason = stopping ? "the daemon is stopping" : "its \(seconds(limits.timeout)) s time limit passed"
                actions.append(.log(LogLine(level: .warning, message: "\(describe(entry.job)): killed, \(reason)")))
                actions.append(.killGroup(jobID: id, pid: pid))
            }
            if let stopDeadline, stopDeadline <= now, !queue.isEmpty {
                let dropped = queue.map { describe($0) }.joined(separator: "; ")
                actions.append(.log(LogLine(level: .warning, message: "not run, the daemon is stopping: \(dropped)")))
                queue.removeAll()
            }
            return actions
        }

        /// The daemon stops: hooks that run or wait get ``Limits/stopGrace`` more, in all.
        mutating func stop(now: Int64) -> [Action] {
            let deadline = now + limits.stopGrace
            stopDeadline = deadline
            for (id, entry) in running {
                if let current = entry.deadline { running[id]?.deadline = min(current, deadline) }
            }
            return time(now: now)
        }

        private mutating func startQueued(now: Int64) -> [Action] {
            var actions: [Action] = []
            while running.count < limits.maxRunning, !queue.isEmpty {
                let job = queue.removeFirst()
                running[job.id] = Running(job: job)
                actions.append(.spawn(job))
            }
            return actions
        }

        private func describe(_ job: Job) -> String {
            "hook \(job.hook.name) for incident \(job.incident) (\(job.event.rawValue))"
        }

        private func seconds(_ microseconds: Int64) -> String {
            microseconds % 1_000_000 == 0
                ? String(microseconds / 1_000_000) : String(Double(microseconds) / 1_000_000)
        }

        private static func line(for outcome: Outcome, of hook: String) -> LogLine {
            switch outcome {
            case .exited(let status) where status == 0:
                LogLine(level: .debug, message: "\(hook): done")
            case .exited(let status):
                LogLine(level: .warning, message: "\(hook): failed with exit status \(status)")
            case .signaled(let signal):
                LogLine(level: .warning, message: "\(hook): killed by signal \(signal)")
            }
        }
    }
}
