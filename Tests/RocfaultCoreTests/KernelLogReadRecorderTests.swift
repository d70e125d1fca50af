import Testing

@testable import RocfaultCore

/// `rocfault run`'s reading of `/dev/kmsg` goes into the ledger, which judges the run's incidents.
@Suite struct KernelLogReadRecorderTests {
    static let second: Int64 = 1_000_000
    /// Opened at 2025-12-05T14:00:00Z, 100 s after boot.
    static let opened = EventTime(realtimeMicroseconds: 1_764_943_200 * second, monotonicMicroseconds: 100_000_000)

    /// `seconds` after the opening, on the wall clock only (a line of the child's stderr).
    static func wall(_ seconds: Int64) -> EventTime {
        EventTime(realtimeMicroseconds: opened.realtimeMicroseconds! + seconds * second)
    }

    /// `seconds` after the opening, on the kernel's clock only (a kmsg record).
    static func kernel(_ seconds: Int64) -> UInt64 { UInt64(100 + seconds) * 1_000_000 }

    @Test func aHoleMakesAGapOnlyWhereItLiesAndTheRunIsCoveredElsewhere() {
        var recorder = KernelLogReadRecorder(source: "kmsg", opened: Self.opened)
        recorder.read(monotonicMicroseconds: Self.kernel(1))
        recorder.lost(reason: "overrun")
        recorder.read(monotonicMicroseconds: Self.kernel(3))
        let end = EventTime(
            realtimeMicroseconds: Self.wall(10).realtimeMicroseconds,
            monotonicMicroseconds: Self.kernel(10)
        )
        let ledger = recorder.finish(at: end)
        #expect(ledger.intervals.count == 1)
        let inHole = ledger.coverage(at: Self.wall(2), bootID: nil, now: end)
        #expect(inHole.value == .gap)
        #expect(inHole.reason == .linesLost)
        #expect(inHole.lossReason == "overrun")
        // Wall-clock stderr times and kernel times meet on the opening's offset.
        #expect(ledger.coverage(at: Self.wall(5), bootID: nil, now: end).value == .covered)
        #expect(
            ledger.coverage(at: EventTime(monotonicMicroseconds: Self.kernel(2)), bootID: nil, now: end).value == .gap
        )
        #expect(
            ledger.coverage(at: EventTime(monotonicMicroseconds: Self.kernel(4)), bootID: nil, now: end).value
                == .covered
        )
        // Before the reader was opened nothing was read: never covered.
        #expect(ledger.coverage(at: Self.wall(-5), bootID: nil, now: end).value == .gap)
    }

    @Test func aHoleAtTheEndRunsToTheEnd() {
        var recorder = KernelLogReadRecorder(source: "kmsg", opened: Self.opened)
        recorder.read(monotonicMicroseconds: Self.kernel(1))
        recorder.lost(reason: "sequence-jump")
        let end = Self.wall(10)
        let ledger = recorder.finish(at: end)
        #expect(ledger.losses.count == 1)
        #expect(ledger.coverage(at: Self.wall(9), bootID: nil, now: end).value == .gap)
        #expect(ledger.coverage(at: Self.wall(0), bootID: nil, now: end).value == .covered)
    }

    @Test func aReaderNeverOpenedIsUnreadableWithTheWayToAccessOrNotProvided() {
        var denied = KernelLogReadRecorder(source: "kmsg", opened: Self.opened)
        denied.noteUnreadable("run `sudo rocfault run`")
        let unreadable = denied.finish(at: Self.wall(10), opened: false).coverage(at: Self.wall(5), bootID: nil)
        #expect(unreadable.value == .unreadable)
        #expect(unreadable.access == ["run `sudo rocfault run`"])
        var missing = KernelLogReadRecorder(source: "kmsg", opened: Self.opened)
        #expect(
            missing.finish(at: Self.wall(10), opened: false).coverage(at: Self.wall(5), bootID: nil).value
                == .notProvided
        )
    }
}
