import CRocfaultScan

/// Checks saved logs: streams byte chunks through the prefilter, parses and matches candidate lines,
/// assembles and correlates evidence, and classifies the incidents. Pure: the caller reads the files.
///
/// Memory stays flat in input size: only candidate lines become records, and folded evidence is capped.
/// Not `Sendable`: it owns a ``RuleMatcher``; checks run in parallel each make their own checker
/// from one shared ``RuleSet``.
package struct LogChecker {
    private let ruleSet: RuleSet
    private let matcher: RuleMatcher
    private let classifier: IncidentClassifier
    private let timeContext: TimeContext
    private var correlator: Correlator
    private var inputs: [CheckInput] = []
    private var current: FileState?
    private var drafts: [IncidentDraft] = []
    private var ruleHits: [String: Int] = [:]
    private var omitted: [String: Int] = [:]
    private var unreadableKernelLogs: [String] = []
    private var devcoredumps: [CheckedDevcoredump] = []
    /// The latest time of a line that is not the kernel's (the end of the application logs), and its
    /// boot: what a check without an incident judges the kernel log's coverage at.
    private var latestOtherLine: (time: EventTime, bootID: String?)?
    /// How many incidents a check keeps: the newest; older ones are counted in
    /// ``CheckResult/omittedIncidents``.
    package static let incidentLimit = 200
    private let maxIncidents = LogChecker.incidentLimit
    /// The GPU makers of the machine the logs come from, as the user stated them (`check --gpu`) or
    /// as this machine's sysfs lists them for a check of its current boot. They stand in only when
    /// the input names no GPU maker itself: a line every vendor prints alike then counts for them.
    package var machineGPUVendors: Set<GPUVendor> = []

    private struct FileState: Sendable {
        var input: CheckInput
        var parser: LogLineParser
        var assembler: EvidenceAssembler
        var linesBefore = 0
        var fullParse: Bool?
    }

    /// Creates a checker.
    package init(ruleSet: RuleSet, timeContext: TimeContext, configuration: Correlator.Configuration = .init()) {
        self.ruleSet = ruleSet
        self.matcher = RuleMatcher(ruleSet: ruleSet)
        self.classifier = IncidentClassifier(ruleSet: ruleSet)
        self.timeContext = timeContext
        self.correlator = Correlator(configuration: configuration)
    }

    /// Starts the next input.
    package mutating func beginFile(_ name: String) {
        endFile()
        current = FileState(
            input: CheckInput(file: name),
            parser: LogLineParser(file: name, timeContext: timeContext),
            assembler: EvidenceAssembler(source: name, ruleSet: ruleSet)
        )
    }

    /// Consumes the next chunk of the current input. A chunk must end at a line boundary (just after
    /// a newline), except the last chunk of an input.
    package mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        guard var state = current, let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        current = nil
        if state.fullParse == nil {
            state.fullParse = Self.startsWithExportEntry(chunk)
            if state.fullParse == false && chunk.prefix(65536).contains(0) { state.input.content = .binary }
        }
        if state.fullParse == true {
            consumeEveryLine(chunk, base: base, state: &state)
        } else {
            consumeCandidates(chunk, base: base, state: &state)
        }
        current = state
    }

    /// Consumes one record read live (from the journal or the kernel log) as the next line of the
    /// current input.
    package mutating func consume(record: LogRecord) {
        guard var state = current else { return }
        current = nil
        state.linesBefore += 1
        state.input.lines = state.linesBefore
        state.input.parsedLines += 1
        handle(record, ordinal: state.linesBefore, state: &state)
        current = state
    }

    /// Adds an amdgpu device coredump given as the input `file`: its one kernel record (ring,
    /// process, fault, GPU, firmware) is the input's only line. The summary is kept for the result.
    package mutating func add(devcoredump: Devcoredump, file: String) {
        beginFile(file)
        consume(record: devcoredump.logRecord(source: file))
        endFile()
        devcoredumps.append(CheckedDevcoredump(file: file, dump: devcoredump))
    }

    /// Notes a kernel log source that exists but could not be read, with how to get access; with
    /// no kernel log read otherwise, the coverage is `unreadable` rather than `not-provided`.
    package mutating func noteUnreadableKernelLog(_ howToRead: String) {
        unreadableKernelLogs.append(howToRead)
    }

    /// Ends the current input; `readUntil` is the moment a live input was read up to.
    package mutating func endFile(readUntil: EventTime? = nil) {
        guard var state = current else { return }
        current = nil
        if let readUntil { state.input.kernelLog.readUntil = readUntil }
        if let record = state.parser.finish() { handle(record, ordinal: state.linesBefore, state: &state) }
        for observation in state.assembler.flush() { add(observation) }
        if state.input.lines == 0 { state.input.content = .empty }
        inputs.append(state.input)
    }

    /// Finishes the check and classifies everything found.
    package mutating func finish() -> CheckResult {
        endFile()
        drafts += correlator.finishAll()
        if drafts.count > maxIncidents { trimDrafts() }
        let ledger = coverageLedger()
        let machineEvidence = drafts.flatMap { $0.evidence.filter { $0.kind == .benign } }
        let named = classifier.namedVendors(in: drafts.flatMap(\.evidence))
        // Stated GPUs stand in only when they name one maker: with AMD and NVIDIA both in the
        // machine, a line that names neither is as undecided as without the statement.
        let stated = named.isEmpty && machineGPUVendors.count == 1
        let vendors = stated ? machineGPUVendors : named
        let devices = classifier.listedDevices(in: drafts.flatMap(\.evidence))
        let namesStack = classifier.namesAMDGPUStack(in: drafts.flatMap(\.evidence))
        let incidents = drafts.map { draft in
            let coverage = ledger.coverage(at: draft.lastSeen, bootID: draft.bootID)
            var context = IncidentContext(
                kernelLog: coverage.value,
                unansweredCallMeansHang: true,
                machineEvidence: machineEvidence,
                namedGPUVendors: vendors
            )
            context.vendorsReadFromInput = true
            context.statedGPUVendor = stated ? machineGPUVendors.first : nil
            context.listedGPUDevices = devices
            context.namesAMDGPUStack = namesStack
            var incident = classifier.classify(draft, context: context, isFinal: true)
            if incident.verdict.kernelLog == coverage.value { incident.verdict.kernelLogDetail = coverage }
            return incident
        }
        let ordered = incidents.sorted(by: Self.isStronger)
        let verdict = ordered.first?.verdict ?? Self.emptyVerdict(ledger: ledger, at: latestOtherLine)
        var result = CheckResult(
            verdict: verdict,
            incidents: ordered,
            inputs: inputs,
            ruleHits: ruleHits,
            omittedIncidents: omitted
        )
        if !devcoredumps.isEmpty { result.devcoredumps = devcoredumps }
        let limitHits = matcher.matchLimitHits()
        if !limitHits.isEmpty { result.matchLimitHits = limitHits }
        return result
    }

    private mutating func consumeCandidates(
        _ chunk: UnsafeRawBufferPointer,
        base: UnsafePointer<UInt8>,
        state: inout FileState
    ) {
        var scanned = 0
        var line = state.linesBefore
        sample(chunk, base: base, state: &state)
        ruleSet.prefilter.forEachCandidateLine(in: chunk) { range in
            line += rf_count_newlines(base + scanned, range.lowerBound - scanned)
            scanned = range.lowerBound
            parseLine(UnsafeRawBufferPointer(rebasing: chunk[range]), number: line + 1, state: &state)
        }
        state.linesBefore = line + rf_count_newlines(base + scanned, chunk.count - scanned)
        if chunk.last != UInt8(ascii: "\n") && !chunk.isEmpty { state.linesBefore += 1 }
        state.input.lines = state.linesBefore
    }

    private mutating func consumeEveryLine(
        _ chunk: UnsafeRawBufferPointer,
        base: UnsafePointer<UInt8>,
        state: inout FileState
    ) {
        var start = 0
        while start < chunk.count {
            let end = (start..<chunk.count).first { chunk[$0] == UInt8(ascii: "\n") } ?? chunk.count
            state.linesBefore += 1
            parseLine(UnsafeRawBufferPointer(rebasing: chunk[start..<end]), number: state.linesBefore, state: &state)
            start = end + 1
        }
        state.input.lines = state.linesBefore
    }

    /// Parses the first and last line of a chunk so the kernel-log span reaches the whole input even
    /// where no line is a candidate.
    private mutating func sample(_ chunk: UnsafeRawBufferPointer, base: UnsafePointer<UInt8>, state: inout FileState) {
        guard !chunk.isEmpty else { return }
        let firstEnd = (0..<min(chunk.count, 65536)).first { chunk[$0] == UInt8(ascii: "\n") } ?? chunk.count
        var lastEnd = chunk.count
        if chunk[lastEnd - 1] == UInt8(ascii: "\n") { lastEnd -= 1 }
        var lastStart = lastEnd
        while lastStart > 0 && chunk[lastStart - 1] != UInt8(ascii: "\n") && lastEnd - lastStart < 65536 {
            lastStart -= 1
        }
        for range in [0..<firstEnd, lastStart..<lastEnd] where !range.isEmpty {
            var probe = LogLineParser(file: state.input.file, timeContext: timeContext)
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: chunk[range]), as: UTF8.self)
            if let record = probe.parse(text, lineNumber: 0) {
                state.input.kernelLog.include(record, counting: false)
                noteOtherLineTime(of: record)
            }
        }
    }

    private mutating func parseLine(_ bytes: UnsafeRawBufferPointer, number: Int, state: inout FileState) {
        state.input.parsedLines += 1
        // The bytes as they are: decoding to a String first would turn a binary export field's
        // length prefix (any byte of 0x80 or more) into U+FFFD and break the field.
        let parsed = bytes.withMemoryRebound(to: UInt8.self) { state.parser.parse($0, lineNumber: number) }
        guard let record = parsed else { return }
        handle(record, ordinal: number, state: &state)
    }

    private mutating func handle(_ record: LogRecord, ordinal: Int, state: inout FileState) {
        state.input.kernelLog.include(record)
        noteOtherLineTime(of: record)
        let matches = matcher.matches(in: record.text)
        guard !matches.isEmpty || state.assembler.hasOpenHeaders else { return }
        for match in matches { ruleHits[match.rule.id, default: 0] += 1 }
        for observation in state.assembler.add(record: record, matches: matches, ordinal: ordinal) {
            add(observation)
        }
    }

    /// Keeps the latest time of a line that is not the kernel's.
    private mutating func noteOtherLineTime(of record: LogRecord) {
        guard record.origin != .kernel, let time = record.realtimeMicroseconds,
            time > latestOtherLine?.time.realtimeMicroseconds ?? .min
        else { return }
        let at = EventTime(realtimeMicroseconds: time, monotonicMicroseconds: record.monotonicMicroseconds)
        latestOtherLine = (at, record.bootID)
    }

    private mutating func add(_ observation: Observation) {
        drafts += correlator.add(observation, now: 0).finalized
        if drafts.count > 2 * maxIncidents { trimDrafts() }
    }

    /// Keeps the newest drafts so memory stays flat and the verdict speaks of the latest failures;
    /// the older ones are only counted, by side.
    private mutating func trimDrafts() {
        let order = Self.newestFirst(drafts)
        for index in order.dropFirst(maxIncidents) {
            let dropped = classifier.classify(
                drafts[index],
                context: IncidentContext(kernelLog: .covered),
                isFinal: true
            )
            omitted[dropped.verdict.side.rawValue, default: 0] += 1
        }
        drafts = order.prefix(maxIncidents).sorted().map { drafts[$0] }
    }

    /// The drafts' indices, newest last-seen time first; drafts without a wall-clock time count as
    /// older than every timed one, and among equals the later found is the newer.
    static func newestFirst(_ drafts: [IncidentDraft]) -> [Int] {
        drafts.indices.sorted { left, right in
            let lhs = drafts[left].lastSeen.realtimeMicroseconds ?? .min
            let rhs = drafts[right].lastSeen.realtimeMicroseconds ?? .min
            return lhs != rhs ? lhs > rhs : left > right
        }
    }

    /// What the inputs read of the kernel log, for judging each incident's time.
    private func coverageLedger() -> KernelLogCoverageLedger {
        var ledger = KernelLogCoverageLedger()
        for input in inputs {
            if let interval = input.kernelLog.ledgerInterval(source: input.file) { ledger.record(interval) }
        }
        for access in unreadableKernelLogs { ledger.noteUnreadable(access) }
        return ledger
    }

    private static func isStronger(_ lhs: Incident, _ rhs: Incident) -> Bool {
        let left = (lhs.verdict.side.precedence, lhs.verdict.failureClass.rank, lhs.evidence.count)
        let right = (rhs.verdict.side.precedence, rhs.verdict.failureClass.rank, rhs.evidence.count)
        return left > right
    }

    /// No incident: the ledger judges the kernel log at the end of the other logs (`last`); a kernel
    /// log given alone (no other line with a time) counts as read when any of it was.
    private static func emptyVerdict(
        ledger: KernelLogCoverageLedger,
        at last: (time: EventTime, bootID: String?)?
    ) -> Verdict {
        let kernelLog: KernelLogCoverage
        if let last, !ledger.intervals.isEmpty {
            kernelLog = ledger.coverage(at: last.time, bootID: last.bootID).value
        } else {
            kernelLog = !ledger.intervals.isEmpty ? .covered : ledger.unreadable.isEmpty ? .notProvided : .unreadable
        }
        var verdict = Verdict(
            side: .none,
            failureClass: .noEvidence,
            kernelLog: kernelLog,
            knownIssues: [],
            summary: "No GPU failure evidence: no rule matched any line of the input.",
            firstStep: FailureClass.noEvidence.guidance.firstStep
        )
        if kernelLog != .covered {
            verdict.kernelLogDetail = ledger.coverage(at: last?.time ?? EventTime(), bootID: last?.bootID)
        }
        return verdict
    }

    /// Whether a chunk's first line starts a `journalctl -o export` entry, whose fields span lines.
    private static func startsWithExportEntry(_ chunk: UnsafeRawBufferPointer) -> Bool {
        let firstLine = chunk.prefix { $0 != UInt8(ascii: "\n") }
        return LogLineParser.looksLikeExportEntryStart(firstLine)
    }
}
