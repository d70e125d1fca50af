import Foundation
import RocfaultCore
import RocfaultSources
import Testing

@testable import RocfaultDaemon

/// The daemon's decisions with the shipped rules and a hand-driven clock: every restart case is a
/// sequence of events, and what the daemon must do is the actions that come out.
struct IngestStateMachineTests {
    typealias Machine = IngestLoop.StateMachine

    static let rules: RuleSet = {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules")
        return try! RuleDirectoryLoader.load(directory: directory.path)
    }()

    static let quiet: Int64 = 30_000_000
    static let t0: Int64 = 1_795_000_000_000_000
    static let boot = "b0"

    static func machine(firstID: Int = 1) -> Machine {
        var configuration = Correlator.Configuration()
        configuration.quietPeriod = .seconds(30)
        configuration.nonDecidingEvidenceOpensIncidents = false
        return Machine(engine: LiveEngine(ruleSet: rules, configuration: configuration, firstID: firstID))
    }

    static func kernel(_ text: String, at time: Int64) -> LogRecord {
        LogRecord(
            text: text,
            origin: .kernel,
            format: .kmsg,
            location: SourceLocation(file: "/dev/kmsg", line: 0),
            monotonicMicroseconds: UInt64(time - t0 + 1_000_000),
            realtimeMicroseconds: time,
            bootID: boot
        )
    }

    static let header = "amdgpu 0000:c5:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:32771)"
    static let process = "amdgpu 0000:c5:00.0: amdgpu:  Process python3 pid 4242 thread python3 pid 4242"
    static let address = "amdgpu 0000:c5:00.0: amdgpu:   in page starting at address 0x00007f3a58f7f000 from client 10"

    static func staged(_ actions: [Machine.Action]) -> [(draft: IncidentDraft, final: Bool)] {
        actions.compactMap { action in
            if case .stage(let draft, let final) = action { return (draft, final) }
            return nil
        }
    }

    static func classify(_ draft: IncidentDraft) -> Incident {
        IncidentClassifier(ruleSet: rules).classify(
            draft,
            context: IncidentContext(kernelLog: .covered, gfxTarget: nil),
            isFinal: true
        )
    }

    /// What a run killed right after committing a page-fault header left in the store: an open
    /// incident with the header alone.
    static func headerLeftOpen() -> IncidentDraft {
        var first = machine()
        _ = first.read(kernel(header, at: t0), source: "kmsg", now: t0)
        let drafts = staged(first.commitDue(now: t0 + 50_000))
        return drafts.last!.draft
    }

    @Test func anIncidentLeftOpenIsFinishedAQuietPeriodAfterTheStartAndAnnouncedFinalOnly() {
        let left = Self.headerLeftOpen()
        var machine = Self.machine(firstID: 2)
        let start = Self.t0 + 3_600_000_000
        #expect(machine.start(resuming: [left], now: start) == [.scheduleTick(after: .seconds(1))])
        #expect(Self.staged(machine.tick(now: start + Self.quiet - 1)).isEmpty)
        let finished = Self.staged(machine.tick(now: start + Self.quiet))
        #expect(finished.map(\.draft.id) == [left.id])
        #expect(finished.map(\.final) == [true])
        #expect(
            machine.committed() == [
                .announce(incidentID: left.id, final: true),
                .runHooks(incidentID: left.id, final: true, backlog: false),
                .forgetContext(incidentID: left.id),
            ],
            "announced as recorded by the killed run; only the final announcement is left"
        )
        #expect(machine.engine.openIncidents.isEmpty)
    }

    @Test func anIncidentLeftOpenIsFinalWhenTheRestartedDaemonStops() {
        var machine = Self.machine(firstID: 2)
        _ = machine.start(resuming: [Self.headerLeftOpen()], now: Self.t0)
        let actions = machine.stop(now: Self.t0 + 1)
        #expect(Self.staged(actions).map(\.final) == [true])
        #expect(actions.last == .commit)
    }

    @Test func theRestOfABlockCutByARestartJoinsItsIncident() {
        let left = Self.headerLeftOpen()
        #expect(left.pid == nil && left.pasid == 32771)
        var machine = Self.machine(firstID: 2)
        _ = machine.start(resuming: [left], now: Self.t0 + 5_000_000)
        var actions = machine.read(Self.kernel(Self.process, at: Self.t0 + 1), source: "kmsg", now: Self.t0 + 5_000_001)
        actions += machine.read(Self.kernel(Self.address, at: Self.t0 + 2), source: "kmsg", now: Self.t0 + 5_000_002)
        actions += machine.commitDue(now: Self.t0 + 6_000_000)
        let drafts = Self.staged(actions)
        #expect(Set(drafts.map(\.draft.id)) == [left.id], "the continuation lines opened an incident of their own")
        let joined = try! #require(drafts.last?.draft)
        #expect(joined.pid == 4242)
        #expect(joined.pasid == 32771)
        #expect(joined.evidence.count == 1)
        #expect(joined.evidence.first?.lines.map(\.text) == [Self.header, Self.process, Self.address])
        let incident = Self.classify(joined)
        #expect(incident.verdict.side == .kernel)
        #expect(incident.verdict.failureClass == .pageFault)
        #expect(machine.engine.openIncidents.count == 1)
    }

    @Test func aCommitWaitsForTheRestOfABlockThenClosesIt() {
        var machine = Self.machine()
        _ = machine.read(Self.kernel(Self.header, at: Self.t0), source: "kmsg", now: Self.t0)
        #expect(machine.commitDue(now: Self.t0 + 1_000) == [.scheduleCommit(after: .milliseconds(10))])
        let actions = machine.commitDue(now: Self.t0 + 20_000)
        #expect(Self.staged(actions).count == 1)
        #expect(actions.last == .commit)
    }

    @Test func aNewIncidentIsAnnouncedOnceAndAFailedCommitKeepsItStaged() {
        var machine = Self.machine()
        _ = machine.read(Self.kernel(Self.header, at: Self.t0), source: "kmsg", now: Self.t0)
        _ = machine.commitDue(now: Self.t0 + 20_000)
        #expect(machine.commitFailed() == [.scheduleCommit(after: .seconds(1))])
        #expect(
            machine.committed() == [
                .announce(incidentID: "1", final: false), .runHooks(incidentID: "1", final: false, backlog: false),
            ]
        )
        #expect(machine.committed().isEmpty)
        _ = machine.tick(now: Self.t0 + 20_000 + Self.quiet)
        #expect(
            machine.committed() == [
                .announce(incidentID: "1", final: true), .runHooks(incidentID: "1", final: true, backlog: false),
                .forgetContext(incidentID: "1"),
            ]
        )
    }

    /// A daemon started `start` µs after t0, first on this state directory or not.
    static func started(at start: Int64, firstStart: Bool) -> Machine {
        var machine = machine()
        let gate = IngestLoop.BacklogGate(startedAt: EventTime(realtimeMicroseconds: start), firstStart: firstStart)
        _ = machine.start(resuming: [], now: start, backlog: gate)
        return machine
    }

    /// Installing rocfaultd on a machine that already failed: the boot's old incidents are recorded
    /// and announced in the journal, but no hook tells the user of them (one count); an incident
    /// after the start runs the hooks.
    @Test func aFirstStartsBacklogIncidentsRunNoHooksAndLaterOnesDo() {
        let start = Self.t0 + 600_000_000
        var machine = Self.started(at: start, firstStart: true)
        _ = machine.read(Self.kernel(Self.header, at: Self.t0), source: "kmsg", now: start + 1)
        _ = machine.commitDue(now: start + 50_000)
        #expect(machine.committed() == [.announce(incidentID: "1", final: false), .hooksNotRun(incidents: 1)])
        _ = machine.tick(now: start + 50_000 + Self.quiet)
        #expect(machine.committed() == [.announce(incidentID: "1", final: true), .forgetContext(incidentID: "1")])

        let live = Self.header.replacingOccurrences(of: "pasid:32771", with: "pasid:32999")
        _ = machine.read(Self.kernel(live, at: start + 60_000_000), source: "kmsg", now: start + 60_000_001)
        _ = machine.commitDue(now: start + 60_100_000)
        #expect(
            machine.committed() == [
                .announce(incidentID: "2", final: false), .runHooks(incidentID: "2", final: false, backlog: false),
            ]
        )
        _ = machine.tick(now: start + 60_100_000 + Self.quiet)
        #expect(machine.committed().contains(.runHooks(incidentID: "2", final: true, backlog: false)))
    }

    /// A restart (positions stored): what happened while the daemon was down runs the hooks, told
    /// it was found in the backlog.
    @Test func aRestartsBacklogIncidentsRunTheHooksMarkedBacklog() {
        let start = Self.t0 + 600_000_000
        var machine = Self.started(at: start, firstStart: false)
        _ = machine.read(Self.kernel(Self.header, at: Self.t0), source: "kmsg", now: start + 1)
        _ = machine.commitDue(now: start + 50_000)
        #expect(
            machine.committed() == [
                .announce(incidentID: "1", final: false), .runHooks(incidentID: "1", final: false, backlog: true),
            ]
        )
        _ = machine.tick(now: start + 50_000 + Self.quiet)
        #expect(
            machine.committed() == [
                .announce(incidentID: "1", final: true), .runHooks(incidentID: "1", final: true, backlog: true),
                .forgetContext(incidentID: "1"),
            ]
        )
    }

    /// A first start's backlog incident that gains evidence after the start is news: the hooks run
    /// for it as recorded then, and as final.
    @Test func aSilencedBacklogIncidentThatGoesOnAfterTheStartRunsTheHooks() {
        let start = Self.t0 + 5_000_000
        var machine = Self.started(at: start, firstStart: true)
        _ = machine.read(Self.kernel(Self.header, at: Self.t0), source: "kmsg", now: start + 1)
        _ = machine.commitDue(now: start + 50_000)
        #expect(machine.committed() == [.announce(incidentID: "1", final: false), .hooksNotRun(incidents: 1)])
        let again = machine.read(
            Self.kernel(Self.header, at: start + 1_000_000),
            source: "kmsg",
            now: start + 1_000_001
        )
        let joined = Self.staged(again + machine.commitDue(now: start + 2_000_000))
        #expect(Set(joined.map(\.draft.id)) == ["1"], "the same address space's next fault joins the incident")
        #expect(machine.committed() == [.runHooks(incidentID: "1", final: false, backlog: false)])
        _ = machine.tick(now: start + 2_000_000 + Self.quiet)
        #expect(machine.committed().contains(.runHooks(incidentID: "1", final: true, backlog: false)))
    }

    @Test func theBacklogIsJudgedByTheWallClockElseByTheBootsClock() {
        let gate = IngestLoop.BacklogGate(
            startedAt: EventTime(realtimeMicroseconds: 2_000, monotonicMicroseconds: 500),
            firstStart: true
        )
        #expect(gate.isBacklog(EventTime(realtimeMicroseconds: 1_999, monotonicMicroseconds: 900)))
        #expect(!gate.isBacklog(EventTime(realtimeMicroseconds: 2_000, monotonicMicroseconds: 100)))
        #expect(gate.isBacklog(EventTime(monotonicMicroseconds: 499)))
        #expect(!gate.isBacklog(EventTime(monotonicMicroseconds: 500)))
        #expect(!gate.isBacklog(EventTime()), "an unknown time is news")
        #expect(!IngestLoop.BacklogGate().isBacklog(EventTime(realtimeMicroseconds: 1)), "no start time: no backlog")
    }

    static func death(signal: Int32?, tail: [String] = [], file: String? = nil) -> Machine.ProcessDeath {
        Machine.ProcessDeath(
            pid: 5150,
            comm: "python3",
            signal: signal,
            realtime: t0,
            bootID: boot,
            outputFile: file,
            outputTail: tail
        )
    }

    @Test(arguments: [Int32(6), 11, 7, 4, 8])
    func aGPUProcessKilledByACrashSignalIsAUserspaceAbort(signal: Int32) {
        var machine = Self.machine()
        let drafts = Self.staged(machine.processDied(Self.death(signal: signal), now: Self.t0))
        let draft = try! #require(drafts.last?.draft)
        #expect(draft.pid == 5150)
        let incident = Self.classify(draft)
        #expect(incident.verdict.side == .userspace)
        #expect(incident.verdict.failureClass == .abort)
        let line = try! #require(incident.evidence.first?.lines.first?.text)
        #expect(line.contains("(\(signal))"))
        #expect(line.contains("rocfault run"), "says how to capture the messages next time")
    }

    @Test(arguments: [Int32?.none, 15, 9, 2])
    func anExitOrAStopSignalIsNoIncident(signal: Int32?) {
        var machine = Self.machine()
        #expect(machine.processDied(Self.death(signal: signal), now: Self.t0).isEmpty)
        #expect(machine.engine.openIncidents.isEmpty)
    }

    @Test func theLastLinesOfItsOutputFileAreItsEvidence() {
        var machine = Self.machine()
        let rocr =
            "Memory critical error by agent node-0 (Agent handle: 0x560304d08f00) on address 0x7f091de3f000. Reason: Memory in use."
        let death = Self.death(signal: 6, tail: ["loading model", rocr], file: "/var/log/job.err")
        let drafts = Self.staged(machine.processDied(death, now: Self.t0))
        #expect(Set(drafts.map(\.draft.id)) == ["1"])
        let incident = Self.classify(try! #require(drafts.last?.draft))
        #expect(incident.verdict.side == .userspace)
        #expect(incident.verdict.failureClass == .memoryInUse)
        let lines = incident.evidence.flatMap(\.lines)
        #expect(lines.contains { $0.text == rocr && $0.location.file == "/var/log/job.err" })
        #expect(lines.contains { $0.text.contains("was killed by signal SIGABRT (6)") })
    }

    @Test func aSignalDeathJoinsTheKernelFaultOfItsProcess() {
        var machine = Self.machine()
        _ = machine.read(Self.kernel(Self.header, at: Self.t0), source: "kmsg", now: Self.t0)
        _ = machine.read(
            Self.kernel(Self.process.replacingOccurrences(of: "4242", with: "5150"), at: Self.t0 + 1),
            source: "kmsg",
            now: Self.t0 + 1
        )
        _ = machine.commitDue(now: Self.t0 + 50_000)
        let drafts = Self.staged(machine.processDied(Self.death(signal: 6), now: Self.t0 + 100_000))
        #expect(Set(drafts.map(\.draft.id)) == ["1"])
        let incident = Self.classify(try! #require(drafts.last?.draft))
        #expect(incident.verdict.side == .kernel)
        #expect(incident.verdict.failureClass == .pageFault)
    }
}

extension IngestStateMachineTests {
    @Test func aCoreDumpRecordOfTheProcessJoinsItsSignalDeath() {
        var machine = Self.machine()
        _ = machine.processDied(Self.death(signal: 6), now: Self.t0)
        let coredump = LogRecord(
            text: "Process 5150 (python3) of user 0 dumped core.",
            origin: .userspace,
            format: .journalLive,
            location: SourceLocation(file: "journal", line: 0),
            realtimeMicroseconds: Self.t0 + 2_000_000,
            pid: 999,
            identifier: "systemd-coredump",
            bootID: Self.boot
        )
        var actions = machine.read(coredump, source: "journal", now: Self.t0 + 2_000_000)
        actions += machine.commitDue(now: Self.t0 + 2_100_000)  // the record opens a block for its stack
        let drafts = Self.staged(actions)
        #expect(drafts.map(\.draft.id) == ["1"])
        #expect(drafts.last?.draft.evidence.map(\.ruleID).contains("coredump.dumped-core") == true)
    }
}
