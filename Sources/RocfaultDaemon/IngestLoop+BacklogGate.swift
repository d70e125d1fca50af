import RocfaultCore

extension IngestLoop {
    /// Whether an incident's announcement runs the hooks, and whether they are told it was found in
    /// the backlog: part of the state machine, a pure value (docs/daemon.md, "Incident hooks").
    ///
    /// An incident is from the backlog when all its evidence is older than this run's start (the
    /// daemon read it from the journal or the kernel ring as it started). On the very first start on
    /// a state directory (no source position stored), such incidents are the boot's history before
    /// rocfaultd was installed: they are recorded and announced in the journal, but run no hooks. On
    /// a later start they were missed while the daemon was down: the hooks run, told `backlog`.
    struct BacklogGate: Equatable {
        /// When this run started; unknown (as in tests of other parts): nothing is from the backlog.
        var startedAt = EventTime()
        /// No source position was stored: the daemon never read this machine's logs before.
        var firstStart = false
        /// Backlog incidents of a first start whose hooks were not run (and will not be).
        private(set) var silenced: Set<String> = []

        /// Whether evidence last seen at `lastSeen` is older than the start: by the wall clock when
        /// both have one, else by the boot's clock; an unknown time is not from the backlog.
        func isBacklog(_ lastSeen: EventTime) -> Bool {
            if let seen = lastSeen.realtimeMicroseconds, let start = startedAt.realtimeMicroseconds {
                return seen < start
            }
            if let seen = lastSeen.monotonicMicroseconds, let start = startedAt.monotonicMicroseconds {
                return seen < start
            }
            return false
        }

        /// The hooks a commit of the incident `id` runs as recorded: at its first announcement,
        /// unless it is a first start's backlog (then it is silenced, `silenced` true); or later, once
        /// a silenced incident gains evidence after the start.
        mutating func recordedHooks(
            for id: String,
            lastSeen: EventTime,
            firstAnnouncement: Bool
        ) -> (hooks: [StateMachine.Action], silenced: Bool) {
            let backlog = isBacklog(lastSeen)
            if firstAnnouncement && firstStart && backlog {
                silenced.insert(id)
                return ([], true)
            }
            if firstAnnouncement { return ([.runHooks(incidentID: id, final: false, backlog: backlog)], false) }
            if !backlog, silenced.remove(id) != nil {
                return ([.runHooks(incidentID: id, final: false, backlog: false)], false)
            }
            return ([], false)
        }

        /// The hooks the incident's final announcement runs: none for a silenced one.
        mutating func finalHooks(for id: String, lastSeen: EventTime) -> [StateMachine.Action] {
            guard silenced.remove(id) == nil else { return [] }
            return [.runHooks(incidentID: id, final: true, backlog: isBacklog(lastSeen))]
        }
    }
}
