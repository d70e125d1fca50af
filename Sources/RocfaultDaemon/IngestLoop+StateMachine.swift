import RocfaultCore

// The state machine lives in RocfaultDaemon rather than RocfaultCore although it does no I/O: what
// it decides (when to commit, when to tick, what to announce, which exits are incidents) is the
// daemon's own policy. The part `check` and `run` share, the LiveEngine, stays in RocfaultCore.

extension IngestLoop {
    /// The daemon's decisions as a pure value: events and clock readings in, actions out. The
    /// IngestLoop around it only reads, classifies, stores, announces and arms timers.
    ///
    /// One life across restarts: incidents a killed run left open are resumed at start and become
    /// final a quiet period later; a multi-line block cut by the restart joins its incident (the
    /// engine's correlator does the joining); a GPU process killed by a fatal signal is an incident
    /// even when nothing it printed was read.
    struct StateMachine {
        /// What the shell does.
        enum Action: Equatable {
            /// Keep these lines as context of the evidence `ruleID` of incident `incidentID`.
            case keepContext(incidentID: String, ruleID: String, lines: [LogRecord])
            /// Classify the draft and stage it for the next commit (as final, or as it stands).
            case stage(IncidentDraft, final: Bool)
            /// Deliver ``IngestLoop/StateMachine/commitDue(now:)`` after a delay (one timer at a time).
            case scheduleCommit(after: Duration)
            /// Deliver ``IngestLoop/StateMachine/tick(now:)`` after a delay (one timer at a time).
            case scheduleTick(after: Duration)
            /// Write everything staged in one transaction now, then report ``committed()`` or
            /// ``commitFailed()``.
            case commit
            /// Write the incident to the journal as recorded or as final.
            case announce(incidentID: String, final: Bool)
            /// The incident is final and stored: its context lines may go.
            case forgetContext(incidentID: String)
            /// Run the hooks for the incident as recorded or as final; `backlog`: all its evidence
            /// is older than this run's start (``BacklogGate``).
            case runHooks(incidentID: String, final: Bool, backlog: Bool)
            /// Log that the hooks of this many more incidents of a first start's backlog were not run.
            case hooksNotRun(incidents: Int)
        }

        /// A watched GPU process ended, with what the shell could learn about it.
        struct ProcessDeath: Equatable {
            var pid: Int32
            var comm: String
            /// The signal that killed it; nil when it exited normally or the status is unknown.
            var signal: Int32?
            var coreDumped = false
            /// When it ended, microseconds since the epoch.
            var realtime: Int64
            var bootID: String
            /// The regular file its stdout or stderr went to, when one did.
            var outputFile: String?
            /// The last lines of that file, oldest first.
            var outputTail: [String] = []
        }

        /// Signals that mean a crash (rather than a request to stop): their deaths are incidents.
        static let crashSignals: [Int32: String] = [4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 11: "SIGSEGV"]

        private(set) var engine: LiveEngine
        /// Staged but not yet committed: incident id and whether it is final.
        private(set) var staged: [String: Bool] = [:]
        /// Incidents announced as recorded and not yet as final.
        private(set) var announced: Set<String> = []
        /// When each source last read a line that left a multi-line block open.
        private var lastInput: [String: Int64] = [:]
        /// The latest kernel lines that name a stall's cause without naming a process (KFD's
        /// memory-limit lines), for the hang that the watch reports a threshold later.
        private(set) var recentStallCauses: [LogRecord] = []
        /// The processes that hang now (their incidents are held open).
        private(set) var hanging: Set<Int32> = []
        /// Which announcements run the hooks.
        private(set) var backlog = BacklogGate()
        /// The latest evidence time of each staged incident, for ``backlog``.
        private var stagedLastSeen: [String: EventTime] = [:]

        init(engine: LiveEngine) { self.engine = engine }

        /// How long after its last line a block still waits for more before a commit closes it.
        static let blockSettling: Int64 = 10_000

        /// Start with the incidents an earlier run left open: they were announced as recorded then,
        /// and are finished (and announced final) a quiet period from now unless evidence joins them.
        /// `backlog` holds the start's time and whether it is the first (``BacklogGate``).
        mutating func start(
            resuming open: [IncidentDraft],
            now: Int64,
            backlog: BacklogGate = BacklogGate()
        ) -> [Action] {
            self.backlog = backlog
            engine.resume(open, now: now)
            announced.formUnion(open.map(\.id))
            return scheduleTickIfOpen()
        }

        /// A record was read from `source`.
        /// A line naming a stall's cause but no process belongs to the one process that hangs now.
        mutating func read(_ record: LogRecord, source: String, now: Int64) -> [Action] {
            let isCause = Self.namesAStallCause(record)
            let owner = isCause && hanging.count == 1 ? hanging.first : nil
            let output = engine.ingest(record, source: source, now: now, owner: owner)
            if output.sourceHasOpenBlocks { lastInput[source] = now }
            if isCause {
                recentStallCauses.append(record)
                if recentStallCauses.count > Self.stallCauseLimit { recentStallCauses.removeFirst() }
            }
            return output.isEmpty ? [] : stage(output)
        }

        /// The process scan found which process owns a GPU address space.
        mutating func learnPASID(_ pasid: UInt32, owner pid: Int32) { engine.learnPASID(pasid, owner: pid) }

        /// A reader's batch is processed: commit shortly.
        func batchDone() -> [Action] { [.scheduleCommit(after: .milliseconds(10))] }

        /// The commit timer fired: commit, unless a source is in the middle of a block (its lines
        /// arrive within microseconds); then wait a moment for the rest.
        mutating func commitDue(now: Int64) -> [Action] {
            let busy = lastInput.contains { source, time in
                engine.hasOpenBlocks(source: source) && now - time < Self.blockSettling
            }
            if busy { return [.scheduleCommit(after: .milliseconds(10))] }
            return stage(engine.flushAll(now: now)) + [.commit]
        }

        /// The tick timer fired: finish incidents quiet for the quiet period.
        mutating func tick(now: Int64) -> [Action] {
            stage(engine.tick(now: now)) + [.scheduleCommit(after: .milliseconds(1))]
        }

        /// A source delivered everything it will (the previous boot's scan): close its blocks.
        mutating func sourceFinished(_ source: String, now: Int64) -> [Action] {
            stage(engine.flush(source: source, now: now)) + [.scheduleCommit(after: .milliseconds(1))]
        }

        /// The staged incidents are stored: announce new ones, and final ones as final; the hooks
        /// run for them as ``BacklogGate`` decides.
        mutating func committed() -> [Action] {
            var actions: [Action] = []
            var silenced = 0
            for (id, final) in staged.sorted(by: { $0.key < $1.key }) {
                let recorded = announced.insert(id).inserted
                if recorded { actions.append(.announce(incidentID: id, final: false)) }
                let lastSeen = stagedLastSeen[id] ?? EventTime()
                let hooks = backlog.recordedHooks(for: id, lastSeen: lastSeen, firstAnnouncement: recorded)
                actions += hooks.hooks
                if hooks.silenced { silenced += 1 }
                if final {
                    actions.append(.announce(incidentID: id, final: true))
                    actions += backlog.finalHooks(for: id, lastSeen: lastSeen)
                    actions.append(.forgetContext(incidentID: id))
                    announced.remove(id)
                }
            }
            staged.removeAll()
            stagedLastSeen.removeAll()
            return actions + (silenced > 0 ? [.hooksNotRun(incidents: silenced)] : [])
        }

        /// Storing failed: keep everything staged and try again in a second.
        func commitFailed() -> [Action] { [.scheduleCommit(after: .seconds(1))] }

        /// New rules: blocks open under the old ones are closed first.
        mutating func replaceRules(_ rules: RuleSet, now: Int64) -> [Action] {
            stage(engine.replaceRules(rules, now: now))
        }

        /// Stopping: every open incident becomes final and everything is committed.
        mutating func stop(now: Int64) -> [Action] {
            stage(engine.finishAll(now: now)) + [.commit]
        }

        /// Stages what the engine produced and keeps the tick armed while incidents are open.
        private mutating func stage(_ output: LiveEngine.Output) -> [Action] {
            var actions: [Action] = []
            for (key, lines) in output.context.sorted(by: { $0.key < $1.key }) {
                let parts = key.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                actions.append(.keepContext(incidentID: parts[0], ruleID: parts[1], lines: lines))
            }
            for draft in output.updated + output.finalized { stagedLastSeen[draft.id] = draft.lastSeen }
            for draft in output.updated {
                staged[draft.id] = staged[draft.id] ?? false
                actions.append(.stage(draft, final: false))
            }
            for draft in output.finalized {
                staged[draft.id] = true
                actions.append(.stage(draft, final: true))
            }
            return actions + scheduleTickIfOpen()
        }

        private func scheduleTickIfOpen() -> [Action] {
            // An incident held open by a standing hang needs no tick: its end arrives as an event.
            engine.hasIncidentsToFinish ? [.scheduleTick(after: .seconds(1))] : []
        }
    }
}

extension IngestLoop.StateMachine {
    /// The source of the hang watch's own lines.
    static let hangSource = "rocfaultd:hangs"

    /// The hang watch saw a GPU process stuck past the threshold: its line (`record`) opens or
    /// joins the process's incident, which stays open while the hang lasts.
    ///
    /// KFD's memory-limit lines read since shortly before the hang began (`since`, wall clock µs)
    /// name no process; they join the hang as its cause, attributed to the hung process.
    mutating func hangStarted(_ record: LogRecord, pid: Int32, since: Int64, now: Int64) -> [Action] {
        engine.hold(pid: pid)
        hanging.insert(pid)
        var actions = read(record, source: Self.hangSource, now: now)
        let earliest = since - Self.stallCauseLead
        for cause in recentStallCauses where (cause.realtimeMicroseconds ?? 0) >= earliest {
            let output = engine.ingest(cause, source: Self.hangSource, now: now, owner: pid)
            actions += output.isEmpty ? [] : stage(output)
        }
        return actions + batchDone()
    }

    /// How long before a hang began a cause line may have been printed (the kernel reports the
    /// failed pinning as the copy starts to wait; the watch sees the wait a scan later).
    static let stallCauseLead: Int64 = 120_000_000
    /// Cause lines kept at most.
    static let stallCauseLimit = 32

    /// Whether a kernel line names a stall's cause: KFD's memory-limit lines
    /// (`amdkfd.svm-mapping-limit`, `amdkfd.svm-restore-hogged-cpu`).
    static func namesAStallCause(_ record: LogRecord) -> Bool {
        record.origin == .kernel && record.pid == nil
            && (record.text.contains("exceeds resident system memory limit")
                || record.text.contains("svm_range_restore_work [amdgpu] hogged CPU"))
    }

    /// The hang ended: its line joins the incident as a note. A recovered process's incident is
    /// final now; a dead one's a quiet period later, so the signal that killed it can still join.
    mutating func hangCleared(_ record: LogRecord, pid: Int32, exited: Bool, now: Int64) -> [Action] {
        hanging.remove(pid)
        let read = read(record, source: Self.hangSource, now: now)
        return read + stage(engine.release(pid: pid, finishing: !exited)) + batchDone()
    }

    /// A watched GPU process ended. Killed by a crash signal, it is an incident even when nothing
    /// it printed was read: the last lines of the file its output went to (when it went to one)
    /// are read as its lines, then a line of our own names the signal; the `rocfaultd.gpu-process-
    /// signal` rule makes that userspace `abort` evidence, which joins any kernel evidence of the
    /// process (then the incident is kernel-side).
    mutating func processDied(_ death: ProcessDeath, now: Int64) -> [Action] {
        guard let signal = death.signal, let name = Self.crashSignals[signal] else { return [] }
        // One source for every death (a source per process would keep state for each dead one);
        // each death's lines are read and their blocks closed within this call.
        let source = "rocfaultd:exits"
        var actions: [Action] = []
        let file = death.outputFile ?? "rocfaultd"
        for line in death.outputTail {
            // Line 0: the file's own line numbers are unknown (only its end was read).
            let record = Self.record(line, of: death, location: SourceLocation(file: file, line: 0))
            actions += read(record, source: source, now: now)
        }
        let core = death.coreDumped ? ", core dumped" : ""
        let capture =
            death.outputTail.isEmpty
            ? "none of its output was read; to capture it next time, start it with `rocfault run`, as a service unit, or with systemd-coredump"
            : "the last lines of \(file) are its output"
        let text =
            "GPU process \(death.comm) (pid \(death.pid)) was killed by signal \(name) (\(signal))\(core); \(capture)"
        actions += read(
            Self.record(text, of: death, location: SourceLocation(file: "rocfaultd", line: 0)),
            source: source,
            now: now
        )
        return actions + sourceFinished(source, now: now)
    }

    private static func record(_ text: String, of death: ProcessDeath, location: SourceLocation) -> LogRecord {
        LogRecord(
            text: text,
            origin: .userspace,
            format: .journalLive,
            location: location,
            realtimeMicroseconds: death.realtime,
            pid: death.pid,
            identifier: death.comm,
            bootID: death.bootID
        )
    }
}
