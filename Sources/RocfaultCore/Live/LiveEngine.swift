/// The engine behind the daemon: records from live sources in, incident drafts out, time from an
/// injected clock. Pure: the daemon does the reading, the storing and the clock.
///
/// Not `Sendable`: it owns a ``RuleMatcher`` (match data), so it stays on the thread that made it.
package struct LiveEngine {
    /// What one call changed.
    package struct Output: Sendable {
        /// Incidents opened or updated, as they stand now (record them at once).
        package var updated: [IncidentDraft] = []
        /// Incidents whose window closed (record them as final).
        package var finalized: [IncidentDraft] = []
        /// Lines read just before each new piece of evidence was complete (the evidence's own lines left
        /// out), keyed by incident id and rule id joined with U+001F, so a report still has context
        /// after the journal rotates.
        package var context: [String: [LogRecord]] = [:]
        /// After ``LiveEngine/ingest(_:source:now:)``: whether the source has a multi-line block
        /// waiting for more lines (as ``LiveEngine/hasOpenBlocks(source:)`` would say).
        package var sourceHasOpenBlocks = false
        /// After ``LiveEngine/ingest(_:source:now:owner:)``: the rules the record matched, so a caller
        /// that counts or shows them does not match the line a second time.
        package var matches: [RuleMatch] = []

        mutating func absorb(_ changes: Correlator.Changes) {
            updated += changes.updated
            finalized += changes.finalized
        }

        /// Whether anything changed.
        package var isEmpty: Bool { updated.isEmpty && finalized.isEmpty }
    }

    private var matcher: RuleMatcher
    private var correlator: Correlator
    private var sources: [String: LiveSourceState] = [:]
    private let contextLines: Int

    /// Creates an engine. Incident ids count up from `firstID` (continue after the store's largest).
    package init(ruleSet: RuleSet, configuration: Correlator.Configuration, firstID: Int = 1, contextLines: Int = 5) {
        self.matcher = RuleMatcher(ruleSet: ruleSet)
        self.correlator = Correlator(configuration: configuration, firstID: firstID)
        self.contextLines = contextLines
    }

    /// The rule set in use.
    package var rules: RuleSet { matcher.ruleSet }

    /// How often each rule's pattern gave up at the match limit since the rules were loaded.
    package func matchLimitHits() -> [String: Int] { matcher.matchLimitHits() }

    /// Incidents still gathering evidence.
    package var openIncidents: [IncidentDraft] { correlator.openIncidents }

    /// Whether a source has a multi-line block waiting for more lines.
    package func hasOpenBlocks(source: String) -> Bool { sources[source]?.assembler?.hasOpenHeaders ?? false }

    /// Tells the engine which process owns a GPU address space.
    package mutating func learnPASID(_ pasid: UInt32, owner pid: Int32) { correlator.learnPASID(pasid, owner: pid) }

    /// Takes up incidents an earlier run left open; they finish a quiet period after `now`.
    package mutating func resume(_ drafts: [IncidentDraft], now: Int64) { correlator.resume(drafts, now: now) }

    /// Feeds one record from a source at clock reading `now`.
    ///
    /// With `owner`, evidence from the record that names no process is that process's (a kernel
    /// line that names a stall's cause, joined to the hang the daemon saw).
    package mutating func ingest(_ record: LogRecord, source: String, now: Int64, owner: Int32? = nil) -> Output {
        let matches = matcher.matches(in: record.text)
        if !matches.isEmpty, sources[source]?.assembler == nil {
            let assembler = EvidenceAssembler(source: source, ruleSet: matcher.ruleSet)
            withState(of: source) { $0.assembler = assembler }
        }
        let (observations, context, open) = withState(of: source) { state -> ([Observation], [LogRecord], Bool) in
            state.ordinal += 1
            defer { state.recent.append(record) }
            guard !matches.isEmpty || state.assembler?.hasOpenHeaders == true else { return ([], [], false) }
            let found = state.assembler!.add(record: record, matches: matches, ordinal: state.ordinal)
            return (found, found.isEmpty ? [] : state.recent.records, state.assembler!.hasOpenHeaders)
        }
        var output = Output()
        output.sourceHasOpenBlocks = open
        output.matches = matches
        for var observation in joiningCutBlocks(observations, now: now, into: &output) {
            if observation.pid == nil { observation.pid = owner }
            add(observation, context: context, now: now, into: &output)
        }
        return output
    }

    /// Continuation lines whose header was cut off (by a restart) join the header's incident. A line
    /// continues one block: once one of its matches joined, its matches for other headers (the same
    /// `Process ... pid` line ends page-fault and ring-timeout blocks) are dropped. Observations of
    /// several lines may come together (continuations held for a newest-first header, flushed at
    /// once), so this is decided line by line. Returns the observations left to correlate as usual.
    private mutating func joiningCutBlocks(
        _ observations: [Observation],
        now: Int64,
        into output: inout Output
    ) -> [Observation] {
        var joinedLines: Set<LineKey> = []
        for observation in observations where observation.continues != nil {
            let key = LineKey(observation)
            guard !joinedLines.contains(key), let changes = correlator.joinCutBlock(observation, now: now) else {
                continue
            }
            output.absorb(changes)
            joinedLines.insert(key)
        }
        guard !joinedLines.isEmpty else { return observations }
        return observations.filter { $0.continues == nil || !joinedLines.contains(LineKey($0)) }
    }

    /// Which line an observation was made of.
    private struct LineKey: Hashable {
        var location: SourceLocation?
        var text: String?
        var realtime: Int64?
        var monotonic: UInt64?

        init(_ observation: Observation) {
            let line = observation.evidence.lines.first
            location = line?.location
            text = line?.text
            realtime = line?.realtimeMicroseconds
            monotonic = line?.monotonicMicroseconds
        }
    }

    /// Ends open multi-line blocks of a source (it went quiet, or is about to be committed).
    package mutating func flush(source: String, now: Int64) -> Output {
        var output = Output()
        guard sources[source]?.assembler != nil else { return output }
        let (observations, context) = withState(of: source) { state in
            (state.assembler!.flush(), state.recent.records)
        }
        for observation in joiningCutBlocks(observations, now: now, into: &output) {
            add(observation, context: context, now: now, into: &output)
        }
        return output
    }

    /// Ends every source's open blocks.
    package mutating func flushAll(now: Int64) -> Output {
        var output = Output()
        for source in sources.keys.sorted() {
            let flushed = flush(source: source, now: now)
            output.updated += flushed.updated
            output.finalized += flushed.finalized
            output.context.merge(flushed.context) { $1 }
        }
        return output
    }

    /// Whether some open incident can become final by quiet time (one not held open by a hang).
    package var hasIncidentsToFinish: Bool { correlator.hasIncidentsToFinish }

    /// Keeps a hanging process's incidents open (see ``Correlator/hold(pid:)``).
    package mutating func hold(pid: Int32) { correlator.hold(pid: pid) }

    /// Stops holding a process's incidents; with `finishing` they are final now.
    package mutating func release(pid: Int32, finishing: Bool) -> Output {
        var output = Output()
        output.absorb(correlator.release(pid: pid, finishing: finishing))
        return output
    }

    /// Finalises incidents that have been quiet long enough.
    package mutating func tick(now: Int64) -> Output {
        var output = Output()
        output.absorb(correlator.tick(now: now))
        return output
    }

    /// Finalises everything (shutdown).
    package mutating func finishAll(now: Int64) -> Output {
        var output = flushAll(now: now)
        output.finalized += correlator.finishAll()
        return output
    }

    /// Switches to a new rule set; open blocks are closed first under the old one.
    package mutating func replaceRules(_ newRules: RuleSet, now: Int64) -> Output {
        let output = flushAll(now: now)
        matcher = RuleMatcher(ruleSet: newRules)
        for source in sources.keys { sources[source]?.assembler = nil }
        return output
    }

    /// Runs `body` on a source's state in place.
    private mutating func withState<Result>(
        of source: String,
        _ body: (inout LiveSourceState) -> Result
    ) -> Result {
        // Four times the context kept: lines of other processes are left out of it (IncidentLineScope).
        body(&sources[source, default: LiveSourceState(keeping: contextLines * 4 + 1)])
    }

    /// Correlates an observation; `context` is what the source read before it (its own lines are
    /// left out of the context kept with the evidence, and so are lines of processes other than the
    /// incident's: see ``IncidentLineScope``).
    private mutating func add(
        _ observation: Observation,
        context: [LogRecord],
        now: Int64,
        into output: inout Output
    ) {
        let changes = correlator.add(observation, now: now)
        output.absorb(changes)
        if let incident = changes.updated.first {
            let key = incident.id + "\u{1F}" + observation.evidence.ruleID
            let evidenceTexts = Set(observation.evidence.lines.map(\.text))
            let scope = IncidentLineScope(pid: incident.pid, evidence: incident.evidence)
            let kept = context.filter { scope.admits($0) && !evidenceTexts.contains($0.text) }
            output.context[key] = Array(kept.suffix(contextLines))
        }
    }
}
