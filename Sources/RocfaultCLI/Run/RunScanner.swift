import RocfaultCore
import RocfaultPlatform

/// Matches the child's stderr lines (and kernel records of the run window) with the rule set
/// through the daemon's engine, and classifies what it found when the run ends.
struct RunScanner {
    private var engine: LiveEngine
    private var parser: LogLineParser
    private let ruleSet: RuleSet
    private let pid: Int32
    private let comm: String
    private var lineNumber = 0
    private var drafts: [String: IncidentDraft] = [:]
    private(set) var context: [String: [LogRecord]] = [:]
    /// Matches per rule id over the run.
    private(set) var ruleHits: [String: Int] = [:]
    /// The last lines that showed the job's phase (stall-class context, such as a load with mmap);
    /// they decide nothing alone, so they join the evidence only with a stall notice.
    private var phaseLines: [String] = []

    init(ruleSet: RuleSet, pid: Int32, comm: String, now: Int64) {
        var configuration = Correlator.Configuration()
        configuration.nonDecidingEvidenceOpensIncidents = false
        self.engine = LiveEngine(ruleSet: ruleSet, configuration: configuration)
        self.parser = LogLineParser(file: "stderr", timeContext: TimeContext.now())
        self.ruleSet = ruleSet
        self.pid = pid
        self.comm = comm
    }

    /// Scans one stderr line; returns the ids of the rules it matched.
    mutating func scan(stderrLine text: String, now: Int64) -> [String] {
        lineNumber += 1
        guard var record = parser.parse(text, lineNumber: lineNumber) else { return [] }
        record.origin = .userspace
        record.pid = pid
        record.identifier = comm
        record.location = SourceLocation(file: "stderr", line: lineNumber)
        if record.realtimeMicroseconds == nil { record.realtimeMicroseconds = now }
        if record.monotonicMicroseconds == nil {
            record.monotonicMicroseconds = SystemClock.now().monotonicMicroseconds
        }
        let output = engine.ingest(record, source: "stderr", now: now)
        let matched = output.matches.map(\.rule.id)
        for id in matched { ruleHits[id, default: 0] += 1 }
        if output.matches.contains(where: { $0.rule.kind == .context && $0.rule.failureClass == .stall }) {
            phaseLines = Array((phaseLines + [text]).suffix(4))
        }
        absorb(output)
        return matched
    }

    /// Scans a stall notice's headline, then the phase lines again so they join its incident
    /// (known issues such as the mmap load stall need both). Returns the headline's rule ids.
    mutating func scan(stallHeadline headline: String, now: Int64) -> [String] {
        let matched = scan(stderrLine: headline, now: now)
        for line in phaseLines { _ = scan(stderrLine: line, now: now) }
        return matched
    }

    /// Adds a kernel record read for the run window.
    mutating func scan(kernelRecord record: LogRecord, now: Int64) {
        absorb(engine.ingest(record, source: "kmsg", now: now))
    }

    /// Ends the run: every incident, classified, strongest first, each with the coverage `ledger`
    /// judges at its time (as of the run's `end`).
    mutating func finish(now: Int64, ledger: KernelLogCoverageLedger, end: EventTime) -> [Incident] {
        absorb(engine.finishAll(now: now))
        let classifier = IncidentClassifier(ruleSet: ruleSet)
        let incidents = drafts.values.map { draft in
            let time = KernelLogCoverageLedger.incidentTime(firstSeen: draft.firstSeen, lastSeen: draft.lastSeen)
            let kernelLog = ledger.coverage(at: time, bootID: nil, now: end).value
            return classifier.classify(draft, context: IncidentContext(kernelLog: kernelLog), isFinal: true)
        }
        return incidents.sorted { lhs, rhs in
            let left = (lhs.verdict.side.precedence, lhs.verdict.failureClass.rank, lhs.evidence.count)
            let right = (rhs.verdict.side.precedence, rhs.verdict.failureClass.rank, rhs.evidence.count)
            return left != right ? left > right : lhs.id < rhs.id
        }
    }

    private mutating func absorb(_ output: LiveEngine.Output) {
        for draft in output.updated + output.finalized { drafts[draft.id] = draft }
        context.merge(output.context) { $1 }
    }
}
