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
            machine.hangStarted(Self.own(Self.started, at: t0), pid: 4242, now: t0)
        )
        let id = try #require(opened.first?.draft.id)
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
        _ = machine.hangStarted(Self.own(Self.started, at: t0), pid: 4242, now: t0)
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
        _ = machine.hangStarted(Self.own(Self.started, at: t0), pid: 4242, now: t0)
        let other = "GPU process python3 (pid 77) blocked in uninterruptible sleep for 130 s"
        _ = machine.read(Self.own(other, at: t0, pid: 77), source: "rocfaultd", now: t0)
        let finished = IngestStateMachineTests.staged(machine.tick(now: t0 + IngestStateMachineTests.quiet))
        #expect(finished.map(\.draft.pid) == [77])
    }
}
