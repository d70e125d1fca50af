/// Groups observations into incidents by process, address space and time; a pure state machine
/// driven by an injected clock.
///
/// An observation joins an open incident of the same pid (or pasid); failing that, the most recent
/// open incident without a conflicting pid or GPU (the PCI addresses kernel lines name) whose
/// evidence is within ``Configuration/attachWindow`` on a shared clock. Otherwise it opens a new
/// incident. An incident is final once no evidence reached it for ``Configuration/quietPeriod`` of
/// clock time (``tick(now:)``), or at ``finishAll()``.
package struct Correlator: Sendable {
    /// Tuning.
    package struct Configuration: Sendable {
        /// Evidence further apart than this (on a clock both carry) belongs to separate incidents.
        package var window: Duration = .seconds(60)
        /// How close in time evidence must be to join an incident it shares neither pid nor pasid
        /// with (a runtime abort right after a kernel fault that named no process).
        package var attachWindow: Duration = .seconds(10)
        /// Clock time without new evidence after which an incident is final.
        package var quietPeriod: Duration = .seconds(30)
        /// Whether evidence that decides no side (benign, not-amd, context) may open an incident.
        /// Checks want it (to explain "not an AMD GPU failure"); the daemon does not.
        package var nonDecidingEvidenceOpensIncidents = true
        /// Open incidents kept at most; past it the least recently updated one is finalised early,
        /// so memory stays flat however long the input.
        package var maxOpenIncidents = 256
        /// Distinct evidence kept per incident; further repeats only count.
        package var maxEvidencePerIncident = 64
        /// Capture names that vary within one failure and are left out when folding repeats.
        package var volatileCaptures: Set<String> = [
            "address", "page", "seq", "signaled", "emitted", "doorbell", "srcid", "ring", "tid", "thread",
            "detail", "value", "queue", "handle",
        ]

        /// Default tuning.
        package init() {}
    }

    /// What a call changed.
    package struct Changes: Sendable {
        /// Incidents opened or updated by the call, as they stand now.
        package var updated: [IncidentDraft] = []
        /// Incidents that became final.
        package var finalized: [IncidentDraft] = []
    }

    private let configuration: Configuration
    private var open: [IncidentDraft] = []
    private var nextNumber: Int
    private var pasidOwners: [UInt32: Int32] = [:]
    private var touches = 0
    private var held: Set<Int32> = []

    /// Creates a correlator; incident ids count up from `firstID`.
    package init(configuration: Configuration = Configuration(), firstID: Int = 1) {
        self.configuration = configuration
        self.nextNumber = firstID
    }

    /// Incidents still gathering evidence.
    package var openIncidents: [IncidentDraft] { open }

    /// Tells the correlator which process owns an address space (from the KFD process list).
    package mutating func learnPASID(_ pasid: UInt32, owner pid: Int32) { pasidOwners[pasid] = pid }

    /// Takes up incidents that an earlier run left open (stopped before their quiet period ended):
    /// they gather evidence again and become final after a quiet period counted from `now`.
    package mutating func resume(_ drafts: [IncidentDraft], now: Int64) {
        for var draft in drafts where !open.contains(where: { $0.id == draft.id }) {
            draft.lastActivity = now
            touches += 1
            draft.touch = touches
            draft.foldKeys = draft.evidence.map(foldKey)
            draft.pciAddresses = IncidentDraft.pciAddresses(of: draft.evidence)
            open.append(draft)
        }
    }

    /// Keeps the incidents of a process open, and its evidence joining them however late, while
    /// it hangs (the daemon's hang watch saw it stuck): the end of the hang belongs to the incident.
    package mutating func hold(pid: Int32) { held.insert(pid) }

    /// Whether some open incident can become final by quiet time (one not held open by a hang).
    package var hasIncidentsToFinish: Bool { open.contains { !($0.pid.map(held.contains) ?? false) } }

    /// Stops holding a process's incidents; with `finishing` they are final now, otherwise a quiet
    /// period after their last evidence (a death that follows may still join).
    package mutating func release(pid: Int32, finishing: Bool) -> Changes {
        held.remove(pid)
        var changes = Changes()
        guard finishing else { return changes }
        open.removeAll { draft in
            guard draft.pid == pid else { return false }
            changes.finalized.append(draft)
            return true
        }
        return changes
    }

    /// Adds an observation at clock reading `now` (microseconds).
    package mutating func add(_ observation: Observation, now: Int64) -> Changes {
        var observation = observation
        if observation.pid == nil, let pasid = observation.pasid, let owner = pasidOwners[pasid] {
            observation.pid = owner
        }
        let devices = IncidentDraft.pciAddresses(of: [observation.evidence])
        if let index = incidentIndex(for: observation, devices: devices) {
            var draft = open[index]
            fold(observation, devices: devices, into: &draft, now: now)
            open[index] = draft
            return Changes(updated: [draft])
        }
        let decides = observation.evidence.kind.decidesSide != nil
        guard decides || configuration.nonDecidingEvidenceOpensIncidents else { return Changes() }
        var draft = IncidentDraft(id: String(nextNumber))
        nextNumber += 1
        fold(observation, devices: devices, into: &draft, now: now)
        open.append(draft)
        var changes = Changes(updated: [draft])
        if open.count > configuration.maxOpenIncidents {
            let stalest = open.indices.min { open[$0].touch < open[$1].touch } ?? 0
            changes.finalized.append(open.remove(at: stalest))
        }
        return changes
    }

    /// Finalises incidents that have been quiet for the quiet period.
    package mutating func tick(now: Int64) -> Changes {
        let quiet = configuration.quietPeriod.microseconds
        var changes = Changes()
        open.removeAll { draft in
            guard now - draft.lastActivity >= quiet, !(draft.pid.map(held.contains) ?? false) else { return false }
            changes.finalized.append(draft)
            return true
        }
        return changes
    }

    /// Finalises every open incident (end of input).
    package mutating func finishAll() -> [IncidentDraft] {
        defer { open.removeAll() }
        return open
    }

    /// Joins a continuation line whose header was read before a cut (a restart, or a commit between
    /// the lines) to the header's evidence in its open incident; nil when no open incident has such
    /// a header still missing this line's part (then ``add(_:now:)`` it as evidence of its own).
    package mutating func joinCutBlock(_ observation: Observation, now: Int64) -> Changes? {
        guard let header = observation.continues else { return nil }
        let ruleID = observation.evidence.ruleID
        for index in open.indices.reversed() {
            guard
                let evidenceIndex = open[index].evidence.lastIndex(where: { evidence in
                    evidence.ruleID == header && !evidence.lines.contains { $0.ruleID == ruleID }
                }),
                isWithinWindow(observation.time, of: open[index], window: configuration.attachWindow)
            else { continue }
            var joined = open[index]
            joined.evidence[evidenceIndex].lines += observation.evidence.lines
            joined.pciAddresses.formUnion(IncidentDraft.pciAddresses(of: [observation.evidence]))
            joined.evidence[evidenceIndex].captures.merge(observation.evidence.captures) { existing, _ in existing }
            joined.ruleCounts[ruleID, default: 0] += observation.evidence.count
            if joined.pid == nil, let pid = observation.pid {
                joined.pid = pid
                joined.comm = observation.comm ?? joined.comm
            }
            joined.lastActivity = now
            touches += 1
            joined.touch = touches
            open[index] = joined
            return Changes(updated: [joined])
        }
        return nil
    }

    /// The open incident an observation joins; `devices` are the PCI addresses its kernel lines name.
    private func incidentIndex(for observation: Observation, devices: Set<String>) -> Int? {
        let time = observation.time
        if let pid = observation.pid,
            let index = open.lastIndex(where: { $0.pid == pid && (held.contains(pid) || isWithinWindow(time, of: $0)) })
        {
            return index
        }
        if let pasid = observation.pasid,
            let index = open.lastIndex(where: { $0.pasid == pasid && isWithinWindow(time, of: $0) })
        {
            return index
        }
        return open.indices.reversed().first { index in
            let draft = open[index]
            let pidFits = observation.pid == nil || draft.pid == nil
            // Two GPUs failing together are two incidents: a line naming one device does not join
            // the incident of another (lines naming none still join either).
            let deviceFits =
                devices.isEmpty || draft.pciAddresses.isEmpty || !devices.isDisjoint(with: draft.pciAddresses)
            // A pasid names one process: evidence of a known process does not join a fault of an
            // address space whose owner is unknown (device-wide events with neither still do).
            let pasidFits =
                observation.pasid == nil
                ? draft.pasid == nil || observation.pid == nil
                : draft.pasid == nil || draft.pasid == observation.pasid
            return pidFits && pasidFits && deviceFits
                && isWithinWindow(observation.time, of: draft, window: configuration.attachWindow)
        }
    }

    private func isWithinWindow(_ time: EventTime, of draft: IncidentDraft, window: Duration? = nil) -> Bool {
        let window = (window ?? configuration.window).microseconds
        if let realtime = time.realtimeMicroseconds, let first = draft.firstSeen.realtimeMicroseconds,
            let last = draft.lastSeen.realtimeMicroseconds
        {
            return realtime >= first - window && realtime <= last + window
        }
        if let monotonic = time.monotonicMicroseconds, let first = draft.firstSeen.monotonicMicroseconds,
            let last = draft.lastSeen.monotonicMicroseconds
        {
            let value = Int64(clamping: monotonic)
            return value >= Int64(clamping: first) - window && value <= Int64(clamping: last) + window
        }
        return true
    }

    private mutating func fold(
        _ observation: Observation,
        devices: Set<String>,
        into draft: inout IncidentDraft,
        now: Int64
    ) {
        draft.lastActivity = now
        touches += 1
        draft.touch = touches
        draft.sources.insert(observation.source)
        draft.bootID = draft.bootID ?? observation.bootID
        if draft.pid == nil, let pid = observation.pid {
            draft.pid = pid
            draft.comm = observation.comm
        }
        if draft.comm == nil { draft.comm = observation.comm }
        if draft.pasid == nil { draft.pasid = observation.pasid }
        extend(&draft, with: observation.time)
        let evidence = observation.evidence
        draft.pciAddresses.formUnion(devices)
        trackProgress(observation.progress, of: evidence, in: &draft)
        draft.ruleCounts[evidence.ruleID, default: 0] += evidence.count
        if evidence.failureClass == .apiTrace {
            trackTrace(evidence, in: &draft)
            return
        }
        let key = foldKey(evidence)
        if let index = draft.foldKeys.firstIndex(of: key) {
            draft.evidence[index].count += evidence.count
        } else if draft.evidence.count < configuration.maxEvidencePerIncident {
            draft.evidence.append(evidence)
            draft.foldKeys.append(key)
        }
    }

    /// Remembers the phase still open and an interrupt that came after GPU work, for the
    /// end-of-input stall check of saved logs.
    private func trackProgress(_ mark: ProgressMark?, of evidence: Evidence, in draft: inout IncidentDraft) {
        switch mark {
        case .starts: draft.openPhase = evidence
        case .done: draft.openPhase = nil
        case .interrupt:
            if draft.sawGPUWork { draft.interruption = draft.interruption ?? evidence }
            return
        case .killed: draft.stopCause = draft.stopCause ?? evidence
        case nil: break
        }
        if evidence.kind != .notAMD { draft.sawGPUWork = true }
    }

    private func trackTrace(_ evidence: Evidence, in draft: inout IncidentDraft) {
        let api = evidence.captures["api"]
        if evidence.captures["status"] == nil {
            draft.unansweredCall = evidence
        } else if draft.unansweredCall?.captures["api"] == api {
            draft.unansweredCall = nil
        }
    }

    private func foldKey(_ evidence: Evidence) -> String {
        let stable = evidence.captures.filter { !configuration.volatileCaptures.contains($0.key) }
        let parts = stable.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return ([evidence.ruleID, evidence.kind.rawValue] + parts).joined(separator: "\u{1F}")
    }

    private func extend(_ draft: inout IncidentDraft, with time: EventTime) {
        if let realtime = time.realtimeMicroseconds {
            draft.firstSeen.realtimeMicroseconds = min(draft.firstSeen.realtimeMicroseconds ?? realtime, realtime)
            draft.lastSeen.realtimeMicroseconds = max(draft.lastSeen.realtimeMicroseconds ?? realtime, realtime)
        }
        if let monotonic = time.monotonicMicroseconds {
            draft.firstSeen.monotonicMicroseconds = min(draft.firstSeen.monotonicMicroseconds ?? monotonic, monotonic)
            draft.lastSeen.monotonicMicroseconds = max(draft.lastSeen.monotonicMicroseconds ?? monotonic, monotonic)
        }
    }
}

extension Duration {
    /// The duration in whole microseconds.
    var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
