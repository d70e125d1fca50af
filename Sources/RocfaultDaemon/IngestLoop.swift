import Logging
import RocfaultCore
import RocfaultSources
import RocfaultStore
import RocfaultSystem

#if canImport(Glibc)
import Glibc
#endif

/// The daemon's processing loop: one task drains the event hub, feeds the engine, classifies, and
/// commits incidents together with the source cursors that produced them, so a restart neither
/// loses nor repeats anything.
final class IngestLoop {
    let configuration: DaemonConfiguration
    /// Replaced by a fresh one when the database turns out damaged (IngestLoop+StoreFailure.swift).
    var store: IncidentStore
    let hub: EventHub
    let clock = DaemonClock()
    let bootID: String
    let logger: Logger
    let notifier: SystemdNotifier
    let announcer: IncidentAnnouncer
    let gfxTarget: String?
    let ownPID = getpid()
    /// This process's uid, read once (it was read for every journal entry).
    let ownUID = getuid()
    /// Every decision: what to stage, commit, announce and when (see IngestLoop+StateMachine).
    var machine: StateMachine
    var classifier: IncidentClassifier

    /// What the kernel log was read for, in every run and boot the store knows plus this run:
    /// kmsg for this boot (or journal kernel lines without kmsg), the journal's for the previous boot.
    var coverageLedger = KernelLogCoverageLedger()
    var kmsg = KmsgState()
    var journalKernel: [String: CoverageInterval] = [:]
    var pending = PendingBatch()
    var processes: [Int32: GPUProcess] = [:]
    /// GPU processes that exited lately, for an exit status that arrives after the exit.
    var exitedProcesses = RecentlyExited()
    /// GPU processes that hang now, with the wall-clock time (µs) their hang began.
    var hungProcesses: [Int32: (hang: ProcessHang, since: Int64)] = [:]
    var kmsgOpened = false
    var contextLines: [String: [String: [EvidenceLine]]] = [:]
    var lastRetention: Int64 = 0
    var memory = MemoryReleaseState()
    var storeFailures = StoreWriteFailures()
    var matchLimits = MatchLimitLog()
    /// `--metrics-file`: the Prometheus textfile writer (IngestLoop+Metrics.swift).
    let metrics: MetricsWriter?
    /// Runs the incident hooks (IngestLoop+Hooks.swift); nil when none can run.
    var hooks: HookRunner?
    /// When this run started and whether it is the first (IngestLoop+Hooks.swift), set before the readers start.
    var backlog = BacklogGate()
    /// Incidents of a first start's backlog whose hooks were not run, so far.
    var hooksNotRun = 0
    /// When the last "hooks not run" line was logged (µs, monotonic), so a long backlog read in many
    /// commits gives one line a minute rather than one a commit.
    var hooksNotRunLoggedAt: Int64?
    /// Device coredumps being captured (IngestLoop+Devcoredump) and the KFD event streams by GPU id.
    var devcoredumpCapture = DevcoredumpCapture()
    var devcoredumpCopies: [String: [UInt8]] = [:]
    var kfdStreams: [UInt32: KFDEventStream] = [:]
    /// The AMD GPUs with their firmware versions, read at start and on GPU device events (IngestLoop+GPUs).
    var gpus = KnownGPUs()

    struct KmsgState {
        var active = false
        /// Which journal copies of kernel lines kmsg delivers (this run and earlier ones).
        var journalCopies = JournalKernelCopyFilter()
        var interval: CoverageInterval?
        /// The time of the last record read (or where reading resumed), where a loss would start.
        var lastTime: EventTime?
        var pendingGap: KmsgGap?
        var readRecords: UInt64 = 0
        var lostRecords: UInt64 = 0
    }

    /// Incidents taken up from the last run: their stored coverage stands while no evidence joined
    /// them (this run's readers did not read the kernel log at their time; the last run's did).
    var resumedCoverage: [String: (lastSeen: EventTime, kernelLog: KernelLogCoverage)] = [:]
    /// The incidents of the batch just stored, by id, while their announcements go out.
    var lastCommitted: [String: IncidentEntry] = [:]
    /// The numbers the store gave the incidents of the last commit, for their announcements.
    var lastNumbers: [String: Int64] = [:]

    struct PendingBatch {
        var incidents: [String: IncidentEntry] = [:]
        var processes: [ProcessKey: ProcessRecord] = [:]
        var coverage: [CoverageInterval] = []
        var gaps: [CoverageGap] = []
        var cursors: [String: String] = [:]

        var isEmpty: Bool {
            incidents.isEmpty && processes.isEmpty && coverage.isEmpty && gaps.isEmpty && cursors.isEmpty
        }
    }

    init(
        configuration: DaemonConfiguration,
        store: IncidentStore,
        ruleSet: RuleSet,
        hub: EventHub,
        bootID: String,
        firstIncidentNumber: Int,
        gfxTarget: String?,
        logger: Logger,
        notifier: SystemdNotifier
    ) {
        self.configuration = configuration
        self.store = store
        self.hub = hub
        self.bootID = bootID
        self.logger = logger
        self.notifier = notifier
        self.gfxTarget = gfxTarget
        self.announcer = IncidentAnnouncer(logger: logger, gfxTarget: gfxTarget)
        self.machine = StateMachine(
            engine: LiveEngine(ruleSet: ruleSet, configuration: configuration.correlation, firstID: firstIncidentNumber)
        )
        self.classifier = IncidentClassifier(ruleSet: ruleSet)
        self.metrics = configuration.metricsFile.map { MetricsWriter(path: $0, startTime: DaemonClock().now()) }
    }

    /// The engine inside the state machine (read-only here).
    var engine: LiveEngine { machine.engine }

    /// Drains the hub until it finishes, then finalises and commits everything.
    func run() async {
        armMemoryReleaseAfterBurst()
        loadEarlierKmsgSpan()
        loadStoredCoverage()
        let leftOpen = loadOpenIncidents()
        perform(machine.start(resuming: leftOpen, now: clock.now(), backlog: backlog))
        startMetrics()
        for await event in hub.events { handle(event) }
        closeCoverage()
        perform(machine.stop(now: clock.now()))
        stopMetrics()
    }

    func handle(_ event: DaemonEvent) {
        switch event {
        case .kmsg(let batch):
            for kmsgEvent in batch { handleKmsg(kmsgEvent) }
            if let sequence = kmsg.interval?.lastSequence { pending.cursors["kmsg"] = "\(bootID):\(sequence)" }
            if let span = kmsg.journalCopies.storedSpan(bootID: bootID) { pending.cursors["kmsg-span"] = span }
            batchHandled()
        case .kmsgEnded(let reason): kmsgEnded(reason)
        case .journal(let batch, let previousBoot):
            for entry in batch { handleJournal(entry, previousBoot: previousBoot) }
            if !previousBoot, let last = batch.last { pending.cursors["journal"] = last.cursor }
            batchHandled()
        case .previousBootScanned(let boot): previousBootScanned(boot)
        case .journalEnded(let reason): logger.warning("journal reading ended: \(reason ?? "stopped")")
        case .processes(let found): handleProcesses(found)
        case .processExited(let pid, let realtime): processExited(pid: pid, realtime: realtime)
        case .processExitStatus(let status): processExitStatus(status)
        case .processHang(let transition): processHang(transition)
        case .commit: perform(machine.commitDue(now: clock.now()))
        case .tick: tick()
        case .watchdog: notifier.watchdog()
        case .reloadRules: reloadRules()
        case .releaseMemory: releaseMemoryUnlessBusy()
        case .writeMetrics: metricsFlushDue()
        case .deviceEvent(let device): handleDeviceEvent(device)
        case .kfdEvents(let gpuID, let chunk): handleKFDEvents(gpuID: gpuID, chunk: chunk)
        case .kfdEnded(let gpuID): kfdEnded(gpuID: gpuID)
        case .devcoredumpWork(let name, let outcome): devcoredumpWorkDone(name, outcome: outcome)
        }
        noteMetrics(after: event)
    }

    /// Feeds a record to the engine and schedules the commit that will store what it produced.
    func ingest(_ record: LogRecord, source: String) {
        let now = clock.now()
        memory.recordsRead += 1
        if record.origin == .kernel, record.text.utf8.count > 40, record.text.containsBytes(Self.hungTaskMarker) {
            noteHungTask(in: record)
        }
        perform(machine.read(record, source: source, now: now))
    }

    static let hungTaskMarker = Array(" blocked for more than ".utf8)

    /// A batch of input is processed: let its reader go on, and commit shortly.
    private func batchHandled() {
        hub.batchDone()
        perform(machine.batchDone())
    }

    func tick() {
        perform(machine.tick(now: clock.now()))
    }

    func reloadRules() {
        notifier.reloading()
        do {
            let rules = try RuleDirectoryLoader.load(directory: configuration.rulesDirectory)
            recordMatchLimitHits()
            matchLimits.rulesReplaced()
            perform(machine.replaceRules(rules, now: clock.now()))
            classifier = IncidentClassifier(ruleSet: rules)
            logger.notice("reloaded \(rules.rules.count) rules from \(configuration.rulesDirectory)")
        } catch {
            logger.error(
                "rule reload failed; keeping the \(engine.rules.rules.count) rules in use:\n\(error.description)"
            )
        }
        notifier.ready(status: "watching; \(engine.rules.rules.count) rules")
    }
}
