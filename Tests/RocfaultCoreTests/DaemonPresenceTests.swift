import Testing

@testable import RocfaultCore

/// Whether rocfaultd runs, judged from its pid record and `/proc`; how far a source is behind.
@Suite struct DaemonPresenceTests {
    static let boot = "76b574ed751c4b58a3da0586af7ed976"
    static let record = DaemonRecord(
        pid: 812,
        startedMicroseconds: 1_796_524_446_385_794,
        bootID: boot,
        startTicks: 1_265_437
    )

    @Test func recordRoundTripsAndRejectsGarbage() {
        #expect(DaemonRecord(text: Self.record.text) == Self.record)
        var stopped = Self.record
        stopped.stoppedMicroseconds = 1_796_524_451_330_979
        #expect(DaemonRecord(text: stopped.text) == stopped)
        #expect(DaemonRecord(text: "") == nil)
        #expect(DaemonRecord(text: "pid=-4\nstarted=1\nboot=b\nstart-ticks=2\n") == nil)
        #expect(DaemonRecord(text: "pid=12\nstarted=1\nstart-ticks=2\n") == nil, "no boot")
    }

    @Test func judgesRunningStoppedVanishedAndUnknown() {
        let alive = DaemonPresence.ProcessNow(startTicks: 1_265_437, state: "S")
        #expect(
            DaemonPresence.judge(record: Self.record, currentBootID: Self.boot, process: alive)
                == .running(Self.record, health: .healthy)
        )
        let stuck = DaemonPresence.ProcessNow(startTicks: 1_265_437, state: "D")
        #expect(
            DaemonPresence.judge(record: Self.record, currentBootID: Self.boot, process: stuck)
                == .running(Self.record, health: .stuckInKernel)
        )
        let reused = DaemonPresence.ProcessNow(startTicks: 9_999_999, state: "S")
        #expect(
            DaemonPresence.judge(record: Self.record, currentBootID: Self.boot, process: reused)
                == .vanished(Self.record, rebooted: false),
            "the pid now names another process"
        )
        #expect(
            DaemonPresence.judge(record: Self.record, currentBootID: Self.boot, process: nil)
                == .vanished(Self.record, rebooted: false)
        )
        #expect(
            DaemonPresence.judge(record: Self.record, currentBootID: "another-boot", process: alive)
                == .vanished(Self.record, rebooted: true)
        )
        var stopped = Self.record
        stopped.stoppedMicroseconds = 1
        #expect(DaemonPresence.judge(record: stopped, currentBootID: Self.boot, process: alive) == .stopped(stopped))
        #expect(DaemonPresence.judge(record: nil, currentBootID: Self.boot, process: nil) == .unknown)
    }

    @Test func sourceProgressAgainstTheSourceEnd() {
        let cursor = "\(Self.boot):17396"
        #expect(SourceProgress.kmsg(cursor: cursor, currentBootID: Self.boot, newestSequence: 17396) == .upToDate)
        #expect(
            SourceProgress.kmsg(cursor: cursor, currentBootID: Self.boot, newestSequence: 17400) == .recordsBehind(4)
        )
        #expect(SourceProgress.kmsg(cursor: cursor, currentBootID: "other", newestSequence: 5) == .earlierBoot)
        #expect(SourceProgress.kmsg(cursor: cursor, currentBootID: Self.boot, newestSequence: nil) == .notMeasured)
        #expect(SourceProgress.kmsg(cursor: "garbage", currentBootID: Self.boot, newestSequence: 1) == .notMeasured)
        #expect(
            SourceProgress.journal(cursorIsNewest: false, cursorMicroseconds: 1_000_000, newestMicroseconds: 2_500_000)
                == .upToDate,
            "within the commit slack"
        )
        #expect(
            SourceProgress.journal(cursorIsNewest: false, cursorMicroseconds: 0, newestMicroseconds: 90_000_000)
                == .secondsBehind(90)
        )
        #expect(
            SourceProgress.journal(cursorIsNewest: true, cursorMicroseconds: nil, newestMicroseconds: nil) == .upToDate
        )
        #expect(
            SourceProgress.journal(cursorIsNewest: false, cursorMicroseconds: nil, newestMicroseconds: 5)
                == .notMeasured
        )
    }
}
