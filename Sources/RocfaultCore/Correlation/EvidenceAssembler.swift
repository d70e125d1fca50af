/// Turns rule matches on a stream of records into observations, attaching continuation lines
/// (`continues:` rules) to the header they belong to.
///
/// One assembler serves one source: records must arrive in source order with increasing ordinals
/// (line numbers for files, a running count for live sources).
package struct EvidenceAssembler: Sendable {
    private struct OpenHeader: Sendable {
        var observation: Observation
        var ordinal: Int
        var reach: Int
    }

    private let source: String
    private let headerReach: [String: Int]
    /// Headers whose own kind decides nothing: a `hang` or `kernel` continuation promotes them, and
    /// without them it does not count.
    private let nonDecidingHeaders: Set<String>
    /// The class each header rule gives its block, restored when a block tied to another vendor
    /// turns out to run in AMD's driver after all.
    private let headerClasses: [String: FailureClass]
    private var open: [String: OpenHeader] = [:]
    /// Continuation lines read before any header of theirs, held for their window: in newest-first
    /// input (`journalctl -r`) the header comes after them and collects them.
    private var waiting: [WaitingContinuation] = []

    private struct WaitingContinuation: Sendable {
        var observation: Observation
        var match: RuleMatch
        var record: LogRecord
        var ordinal: Int
    }

    /// Creates an assembler for a source, using the rule set's continuation windows.
    package init(source: String, ruleSet: RuleSet) {
        self.source = source
        var reach: [String: Int] = [:]
        for rule in ruleSet.rules {
            guard let header = rule.continues else { continue }
            reach[header] = max(reach[header] ?? 0, rule.within)
        }
        headerReach = reach
        nonDecidingHeaders = Set(ruleSet.rules.filter { $0.kind.decidesSide == nil }.map(\.id))
        headerClasses = Dictionary(
            ruleSet.rules.filter { reach[$0.id] != nil }.map { ($0.id, $0.failureClass) },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// Whether headers are waiting for continuation lines.
    package var hasOpenHeaders: Bool { !open.isEmpty || !waiting.isEmpty }

    /// Adds a record's matches. Returns the observations that are complete now.
    package mutating func add(record: LogRecord, matches: [RuleMatch], ordinal: Int) -> [Observation] {
        var finished = closeHeaders(before: ordinal) + closeBlocks(endedBy: matches)
        var attachedAny = false
        var orphans: [RuleMatch] = []
        for match in matches {
            guard let header = match.rule.continues else { continue }
            if var target = open[header], ordinal - target.ordinal <= match.rule.within {
                attach(match, record: record, to: &target.observation)
                open[header] = target
                attachedAny = true
            } else {
                orphans.append(match)
            }
        }
        // A continuation with no header stands alone, unless the line already continued another block
        // (the same `Process ... pid` line ends page-fault and ring-timeout blocks alike).
        // A continuation that needs its header says nothing alone, and does not wait for a header
        // that comes later: in input of either order it would attach to a block it is not part of.
        let standalone =
            matches.filter { $0.rule.continues == nil } + (attachedAny ? [] : orphans.filter { !$0.rule.needsHeader })
        for match in standalone {
            var observation = Self.observation(for: match, record: record, source: source)
            observation.continues = match.rule.continues
            // Orphans that need their header were dropped above, so only `kernel` and `hang` ones
            // of a header that decides nothing reach here.
            if let header = match.rule.continues, nonDecidingHeaders.contains(header),
                Self.promotingKinds.contains(match.rule.kind)
            {
                observation.evidence.kind = .context
                let shows = match.rule.kind == .hang ? "a wait" : "the driver's part"
                observation.evidence.note = "shows \(shows) only after \(header), which is missing"
            }
            if let reach = headerReach[match.rule.id] {
                if let previous = open.removeValue(forKey: match.rule.id) { finished.append(previous.observation) }
                collectWaiting(for: match.rule.id, ordinal: ordinal, into: &observation)
                open[match.rule.id] = OpenHeader(observation: observation, ordinal: ordinal, reach: reach)
            } else if match.rule.continues != nil, !attachedAny {
                waiting.append(
                    WaitingContinuation(observation: observation, match: match, record: record, ordinal: ordinal)
                )
            } else {
                finished.append(observation)
            }
        }
        return finished
    }

    /// Closes every open header (end of input, or the source went quiet).
    package mutating func flush() -> [Observation] {
        let finished = waiting.map(\.observation) + open.values.sorted { $0.ordinal < $1.ordinal }.map(\.observation)
        open.removeAll()
        waiting.removeAll()
        return finished
    }

    private mutating func closeHeaders(before ordinal: Int) -> [Observation] {
        let stale = waiting.filter { ordinal - $0.ordinal > $0.match.rule.within }
        waiting.removeAll { ordinal - $0.ordinal > $0.match.rule.within }
        let expired = open.filter { ordinal - $0.value.ordinal > $0.value.reach }
        for key in expired.keys { open.removeValue(forKey: key) }
        return stale.map(\.observation) + expired.values.sorted { $0.ordinal < $1.ordinal }.map(\.observation)
    }

    /// Closes the open blocks a report's closing line ends (the rules' `ends`): a frame after it
    /// belongs to something else. Lines waiting for a later header are left alone; in newest-first
    /// input they come before it.
    private mutating func closeBlocks(endedBy matches: [RuleMatch]) -> [Observation] {
        matches.flatMap(\.rule.ends).compactMap { open.removeValue(forKey: $0)?.observation }
    }

    /// Attaches the waiting continuations of `header` that lie within their window before it.
    private mutating func collectWaiting(for header: String, ordinal: Int, into observation: inout Observation) {
        var kept: [WaitingContinuation] = []
        for item in waiting {
            if item.match.rule.continues == header, ordinal - item.ordinal <= item.match.rule.within {
                attach(item.match, record: item.record, to: &observation)
            } else {
                kept.append(item)
            }
        }
        waiting = kept
    }

    private func attach(_ match: RuleMatch, record: LogRecord, to observation: inout Observation) {
        observation.evidence.lines.append(EvidenceLine(record: record, ruleID: match.rule.id))
        if nonDecidingHeaders.contains(observation.evidence.ruleID) {
            tieToVendor(&observation.evidence, by: match, record: record)
        }
        Self.promote(&observation.evidence, by: match, record: record)
        observation.evidence.captures.merge(match.captures) { existing, _ in existing }
        Self.applyAttribution(match.captures, record: record, to: &observation)
    }

    /// A `not-amd` continuation in a block whose header decides nothing (a frame of another vendor's
    /// GPU driver in a hung task's stack) says whose GPU the block is about: the block is not-amd,
    /// whatever generic wait frame promoted it before, and no such frame promotes it again. AMD's
    /// driver wins both ways: a block that names amdgpu or amdkfd, or that a kernel-side continuation
    /// promoted, is not tied, and a block tied before such a line comes is untied.
    private func tieToVendor(_ evidence: inout Evidence, by match: RuleMatch, record: LogRecord) {
        let showsAMDDriver = Self.namesAMDDriver(record.text) || match.rule.kind == .kernel
        if showsAMDDriver, evidence.kind == .notAMD {
            evidence.kind = .context
            evidence.failureClass = headerClasses[evidence.ruleID] ?? evidence.failureClass
            evidence.note = nil
            return
        }
        guard match.rule.kind == .notAMD, evidence.kind != .notAMD, evidence.kind != .kernel,
            match.rule.origin.accepts(record.origin), !evidence.lines.contains(where: { Self.namesAMDDriver($0.text) })
        else { return }
        evidence.kind = .notAMD
        evidence.failureClass = match.rule.failureClass
        let driver = match.captures["driver"].map { " (\($0))" } ?? ""
        evidence.note = "the stack runs in another vendor's GPU driver\(driver) (\(match.rule.id))"
    }

    /// Whether a line names AMD's kernel driver (a module tag, a function of amdgpu or amdkfd). The
    /// verdict's wording asks the same of a lower-cased line.
    static func namesAMDDriver(_ text: String) -> Bool {
        text.contains("amdgpu") || text.contains("amdkfd")
    }

    /// The continuation kinds that promote a header that decides nothing.
    static let promotingKinds: Set<EvidenceKind> = [.hang, .kernel]

    /// Whether a continuation promotes a header that decides nothing (and counts only with one): a
    /// promoting kind, or any deciding kind when the rule says it needs its header.
    static func promotes(_ rule: Rule) -> Bool {
        promotingKinds.contains(rule.kind) || (rule.needsHeader && rule.kind.decidesSide != nil)
    }

    /// A block whose header decides nothing is promoted by a continuation of a promoting kind: a
    /// hung-task report or a `sched_yield` frame is a stall when a `hang` continuation attaches (an
    /// amdgpu wait in the hung task's stack, the ROCm runtime as the caller), and a kernel oops is a
    /// kernel-side failure when a `kernel` continuation attaches (a frame of the amdgpu driver in its
    /// stack). The first promotion names the block.
    private static func promote(_ evidence: inout Evidence, by match: RuleMatch, record: LogRecord) {
        let kind = match.rule.kind
        guard promotes(match.rule), evidence.kind.decidesSide == nil, evidence.kind != .notAMD,
            match.rule.origin.accepts(record.origin)
        else { return }
        evidence.kind = kind
        evidence.failureClass = match.rule.failureClass
        let frame = match.captures["function"].map { " in \($0)" } ?? ""
        switch kind {
        case .hang: evidence.note = "the stack waits\(frame) (\(match.rule.id)); no error was reported"
        case .kernel where match.captures["function"] != nil:
            evidence.note = "the kernel's crash report runs through the amdgpu driver\(frame) (\(match.rule.id))"
        case .kernel:
            // A continuation that is no stack frame (a RAS entry, the driver a Windows event names).
            evidence.note = "the block's \(match.rule.id) line decides it"
        default: evidence.note = "the failure is reported on the block's last line (\(match.rule.id))"
        }
    }

    static func observation(for match: RuleMatch, record: LogRecord, source: String) -> Observation {
        let counts = match.rule.origin.accepts(record.origin)
        let evidence = Evidence(
            ruleID: match.rule.id,
            kind: counts ? match.rule.kind : .context,
            failureClass: match.rule.failureClass,
            lines: [EvidenceLine(record: record, ruleID: match.rule.id)],
            captures: match.captures,
            note: counts ? nil : "written by a process into the kernel log; not counted as kernel evidence"
        )
        var observation = Observation(
            evidence: evidence,
            time: EventTime(
                realtimeMicroseconds: record.realtimeMicroseconds,
                monotonicMicroseconds: record.monotonicMicroseconds
            ),
            pid: record.origin == .userspace ? record.pid : nil,
            comm: record.origin == .userspace ? record.identifier : nil,
            pasid: nil,
            source: source,
            bootID: record.bootID,
            progress: counts ? match.rule.progress : nil
        )
        applyAttribution(match.captures, record: record, to: &observation)
        return observation
    }

    private static func applyAttribution(
        _ captures: [String: String],
        record: LogRecord,
        to observation: inout Observation
    ) {
        if let pid = captures["pid"].flatMap({ Int32($0) }), pid > 0 {
            observation.pid = pid
            observation.comm = captures["comm"].map(Self.trimmed) ?? observation.comm
        } else if observation.comm == nil, let comm = captures["comm"].map(Self.trimmed), !comm.isEmpty {
            observation.comm = comm
        }
        if observation.pasid == nil, let pasid = captures["pasid"].flatMap(Self.parsePASID), pasid != 0 {
            observation.pasid = pasid
        }
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }

    private static func parsePASID(_ text: String) -> UInt32? {
        if text.hasPrefix("0x") { return UInt32(text.dropFirst(2), radix: 16) }
        return UInt32(text)
    }
}
