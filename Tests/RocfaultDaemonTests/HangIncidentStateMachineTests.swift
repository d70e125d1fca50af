import Foundation
import RocfaultCore
import Testing

@testable import RocfaultDaemon

private let t0 = IngestStateMachineTests.t0

/// A hang the daemon's watch saw is one incident that stays open while the process is stuck and
/// takes the end of the hang as its note: the shipped rules and a hand-driven clock.
struct HangIncidentStateMachineTests {
    typealias Machine = IngestLoop.StateMachine

    static func own(_ text: String, at time: Int64, pid: Int32 = 4242) -> LogRecord {
        LogRecord(
            text: text,
            origin: .userspace,
            format: .journalLive,
            location: SourceLocation(file: "rocfaultd", line: 0),
            realtimeMicroseconds: time,
            pid: pid,
            identifier: "llama-server",
            bootID: IngestStateMachineTests.boot
        )
    }

    static let started =
        "GPU process llama-server (pid 4242) busy-waiting for 120 s: 1 thread spinning in user mode, no I/O"

    static func cleared(_ outcome: String, after seconds: Int) -> String {
        "GPU process llama-server (pid 4242) is no longer hung (busy-wait) after \(seconds) s: the process \(outcome)"
    }

    @Test func aStandingHangOutlivesTheQuietPeriodAndARecoveryFinishesItWithTheNote() throws {
        var machine = IngestStateMachineTests.machine()
        let opened = IngestStateMachineTests.staged(
            machine.hangStarted(Self.own(Self.started, at: t0), pid: 4242, since: t0 - 120_000_000, now: t0)
        )
        let id = try #require(opened.first?.draft.id)
        #expect(
            !machine.tick(now: t0 + 1_000_000).contains(.scheduleTick(after: .seconds(1))),
            "no tick while only a hang is open"
        )
        let hour: Int64 = 3_600_000_000
        #expect(IngestStateMachineTests.staged(machine.tick(now: t0 + hour)).isEmpty, "held open while stuck")

        let end = t0 + hour + 1
        let record = Self.own(Self.cleared("recovered", after: 3600), at: end)
        let staged = IngestStateMachineTests.staged(machine.hangCleared(record, pid: 4242, exited: false, now: end))
        let final = try #require(staged.last)
        #expect(final.draft.id == id, "an hour later the note still joins the hang's incident")
        #expect(final.final)
        let incident = IngestStateMachineTests.classify(final.draft)
        #expect(incident.verdict.side == .hang)
        #expect(incident.verdict.failureClass == .stall)
        #expect(incident.ruleCounts["rocfaultd.gpu-process-busy-wait"] == 1)
        #expect(incident.ruleCounts["rocfaultd.gpu-process-hang-cleared"] == 1)
        #expect(machine.engine.openIncidents.isEmpty)
    }

    @Test func anExitLeavesTheIncidentOpenForTheSignalThatKilledIt() throws {
        var machine = IngestStateMachineTests.machine()
        _ = machine.hangStarted(Self.own(Self.started, at: t0), pid: 4242, since: t0 - 120_000_000, now: t0)
        let end = t0 + 5_000_000
        let record = Self.own(Self.cleared("exited while stuck", after: 125), at: end)
        let staged = IngestStateMachineTests.staged(machine.hangCleared(record, pid: 4242, exited: true, now: end))
        #expect(staged.allSatisfy { !$0.final })
        let finished = IngestStateMachineTests.staged(machine.tick(now: end + IngestStateMachineTests.quiet))
        #expect(finished.map(\.final) == [true], "final a quiet period after the exit")
        #expect(finished.first?.draft.evidence.contains { $0.ruleID == "rocfaultd.gpu-process-hang-cleared" } == true)
    }

    @Test func anIncidentOfAnotherProcessIsNotHeld() {
        var machine = IngestStateMachineTests.machine()
        _ = machine.hangStarted(Self.own(Self.started, at: t0), pid: 4242, since: t0 - 120_000_000, now: t0)
        let other = "GPU process python3 (pid 77) blocked in uninterruptible sleep for 130 s"
        _ = machine.read(Self.own(other, at: t0, pid: 77), source: "rocfaultd", now: t0)
        let finished = IngestStateMachineTests.staged(machine.tick(now: t0 + IngestStateMachineTests.quiet))
        #expect(finished.map(\.draft.pid) == [77])
    }

    /// Ubuntu's Strix Halo mmap stall: KFD says why as the copy starts to wait, naming no process;
    /// the hang the watch reports a threshold later takes that line as its cause, and the kernel's
    /// hung-task report of the process, with amdgpu frames, joins it as context: a hang, not a fault.
    @Test func kfdMemoryLimitLinesAndAHungTaskReportJoinTheHang() throws {
        var machine = IngestStateMachineTests.machine()
        let t0 = t0 + 1_000_000_000  // kernel lines need a monotonic time after the test boot
        let limit = "amdgpu: SVM mapping failed, exceeds resident system memory limit"
        let early = t0 - 100_000_000
        _ = machine.read(IngestStateMachineTests.kernel(limit, at: early), source: "kmsg", now: early)
        _ = machine.tick(now: early + IngestStateMachineTests.quiet)
        let stale =
            "workqueue: svm_range_restore_work [amdgpu] hogged CPU for >10000us 4 times, consider switching to WQ_UNBOUND"
        let tooEarly = t0 - 400_000_000
        _ = machine.read(IngestStateMachineTests.kernel(stale, at: tooEarly), source: "kmsg", now: early)
        #expect(machine.recentStallCauses.count == 2)

        let since = t0 - 120_000_000
        var actions = machine.hangStarted(Self.own(Self.started, at: t0), pid: 4242, since: since, now: t0)
        let later = t0 + 2_000_000
        for line in [
            "INFO: task llama-server:4242 blocked for more than 122 seconds.",
            "      Not tainted 6.17.0-1004-oem #4-Ubuntu",
            "Call Trace:",
            " <TASK>",
            " dma_fence_wait_timeout+0x10b/0x130",
            " svm_range_restore_work+0x1a2/0x5b0 [amdgpu]",
        ] {
            actions += machine.read(IngestStateMachineTests.kernel(line, at: later), source: "kmsg", now: later)
        }
        actions += machine.commitDue(now: later + 20_000)
        let draft = try #require(IngestStateMachineTests.staged(actions).last { $0.draft.pid == 4242 }?.draft)
        let incident = IngestStateMachineTests.classify(draft)
        #expect(incident.verdict.side == .hang, "amdgpu frames in a hung task are no kernel fault")
        #expect(incident.ruleCounts["amdkfd.svm-mapping-limit"] == 1)
        #expect(incident.ruleCounts["amdkfd.svm-restore-hogged-cpu"] == nil, "printed long before the hang")
        #expect(incident.ruleCounts["kernel.hung-task"] == 1)
        let report = incident.evidence.first { $0.ruleID == "kernel.hung-task" }
        #expect(report?.kind == .hang, "its amdgpu frames make the report hang evidence")
        #expect(report?.lines.contains { $0.text.contains("svm_range_restore_work") } == true)
        #expect(incident.verdict.knownIssues.contains("rocfault:strix-halo-mmap-stall"))
    }

    @Test func aCauseLineDuringAHangJoinsItWhenOneProcessHangs() throws {
        var machine = IngestStateMachineTests.machine()
        let t0 = t0 + 1_000_000_000
        _ = machine.hangStarted(Self.own(Self.started, at: t0), pid: 4242, since: t0 - 120_000_000, now: t0)
        let later = t0 + 600_000_000
        let limit = "amdgpu: SVM mapping failed, exceeds resident system memory limit"
        let staged = IngestStateMachineTests.staged(
            machine.read(IngestStateMachineTests.kernel(limit, at: later), source: "kmsg", now: later)
        )
        #expect(staged.map(\.draft.pid) == [4242], "ten minutes into the hang, still its cause")
        #expect(staged.first?.draft.ruleCounts["amdkfd.svm-mapping-limit"] == 1)

        _ = machine.hangStarted(Self.own(Self.started, at: later, pid: 77), pid: 77, since: later, now: later)
        let ambiguous = IngestStateMachineTests.staged(
            machine.read(IngestStateMachineTests.kernel(limit, at: later + 1), source: "kmsg", now: later + 1)
        )
        #expect(!ambiguous.contains { $0.draft.pid == 4242 }, "two processes hang: the line is not given to the first")
    }
}
