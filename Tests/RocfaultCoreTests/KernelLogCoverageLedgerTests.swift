import Testing

@testable import RocfaultCore

@Suite struct KernelLogCoverageLedgerTests {
    /// 2025-12-05T14:00:00Z.
    static let december5 = Int64(1_764_943_200) * 1_000_000
    /// 2025-11-20T08:00:00Z.
    static let november20 = Int64(1_763_625_600) * 1_000_000
    static let minute = Int64(60_000_000)
    static let boot = "boot-a"

    /// A time on both clocks, with boot (monotonic 0) at `december5 - 1 h`.
    static func time(minutes: Int64) -> EventTime {
        EventTime(
            realtimeMicroseconds: december5 + minutes * minute,
            monotonicMicroseconds: UInt64(3_600_000_000 + minutes * minute)
        )
    }

    static func kmsg(_ from: Int64, _ to: Int64?, boot: String? = boot) -> KernelLogCoverageLedger.Interval {
        KernelLogCoverageLedger.Interval(
            source: "kmsg",
            bootID: boot,
            from: time(minutes: from),
            to: to.map { time(minutes: $0) }
        )
    }

    @Test func nothingReadIsNotProvidedAndAnUnreadableSourceIsUnreadable() {
        var ledger = KernelLogCoverageLedger()
        let nothing = ledger.coverage(at: Self.time(minutes: 0), bootID: Self.boot)
        #expect(nothing.value == .notProvided)
        #expect(nothing.reason == .nothingRead)
        ledger.noteUnreadable("/dev/kmsg may be read only by root here")
        let denied = ledger.coverage(at: Self.time(minutes: 0), bootID: Self.boot)
        #expect(denied.value == .unreadable)
        #expect(denied.access == ["/dev/kmsg may be read only by root here"])
        #expect(denied.explanation.contains("only by root"))
        ledger.record(Self.kmsg(-10, 10))
        #expect(ledger.coverage(at: Self.time(minutes: 0), bootID: Self.boot).value == .covered)
    }

    @Test func insideCoveredWithItsEndsOutsideAGapNamingWhatIsMissing() {
        var ledger = KernelLogCoverageLedger()
        ledger.record(Self.kmsg(0, 60))
        for (minute, expected) in [
            (-1, KernelLogCoverage.gap), (0, .covered), (30, .covered), (60, .covered), (61, .gap),
        ] {
            #expect(
                ledger.coverage(at: Self.time(minutes: Int64(minute)), bootID: Self.boot).value == expected,
                "\(minute)"
            )
        }
        let before = ledger.coverage(at: Self.time(minutes: -5), bootID: Self.boot)
        #expect(before.reason == .beforeRead)
        #expect(
            before.missing
                == KernelLogCoverageSpan(bootID: Self.boot, from: Self.time(minutes: -5), to: Self.time(minutes: 0))
        )
        let after = ledger.coverage(at: Self.time(minutes: 70), bootID: Self.boot)
        #expect(after.reason == .afterRead)
        #expect(after.missing?.from == Self.time(minutes: 60))
        #expect(after.read.map(\.source) == ["kmsg"])
    }

    @Test func anotherDayIsAGapEvenWithTheSlackOfASavedLog() {
        var ledger = KernelLogCoverageLedger()
        ledger.record(
            KernelLogCoverageLedger.Interval(
                source: "kern.log",
                bootID: nil,
                from: EventTime(realtimeMicroseconds: Self.november20),
                to: EventTime(realtimeMicroseconds: Self.november20 + 72 * Self.minute),
                slackMicroseconds: KernelLogCoverageLedger.savedLogSlackMicroseconds
            )
        )
        let crash = EventTime(realtimeMicroseconds: Self.december5 + 3 * Self.minute)
        let detail = ledger.coverage(at: crash, bootID: nil)
        #expect(detail.value == .gap)
        #expect(detail.reason == .afterRead)
        #expect(detail.explanation.contains("2025-11-20 08:00:00 UTC–09:12:00 UTC (kern.log)"), "\(detail.explanation)")
        #expect(detail.explanation.contains("the incident at 2025-12-05 14:03:00 UTC is after its last line"))
        // The quiet tail after the last line counts for the stated slack, not beyond.
        let lastLine = Self.november20 + 72 * Self.minute
        #expect(
            ledger.coverage(at: EventTime(realtimeMicroseconds: lastLine + 9 * Self.minute), bootID: nil).value
                == .covered
        )
        #expect(
            ledger.coverage(at: EventTime(realtimeMicroseconds: lastLine + 11 * Self.minute), bootID: nil).value == .gap
        )
    }

    @Test func anotherBootNeverCoversEvenWhenTheWallClockWouldSaySo() {
        var ledger = KernelLogCoverageLedger()
        ledger.record(Self.kmsg(0, 60))
        let detail = ledger.coverage(at: Self.time(minutes: 30), bootID: "boot-b")
        #expect(detail.value == .gap)
        #expect(detail.reason == .otherBoot)
        #expect(detail.explanation.contains("another boot"))
        // A time without a boot is placed by the wall clock.
        #expect(
            ledger.coverage(at: EventTime(realtimeMicroseconds: Self.december5 + 30 * Self.minute), bootID: nil).value
                == .covered
        )
    }

    @Test func monotonicDecidesWithinOneBootAndTheWallClockOtherwise() {
        var ledger = KernelLogCoverageLedger()
        ledger.record(Self.kmsg(0, 60))
        // The wall clock says an hour before, the boot's monotonic clock says inside: monotonic wins.
        let skewed = EventTime(
            realtimeMicroseconds: Self.december5 - 60 * Self.minute,
            monotonicMicroseconds: Self.time(minutes: 30).monotonicMicroseconds
        )
        #expect(ledger.coverage(at: skewed, bootID: Self.boot).value == .covered)
        // Without the boot on one side the wall clock decides.
        #expect(ledger.coverage(at: skewed, bootID: nil).value == .gap)
        let monotonicOnly = EventTime(monotonicMicroseconds: Self.time(minutes: 30).monotonicMicroseconds)
        #expect(ledger.coverage(at: monotonicOnly, bootID: Self.boot).value == .covered)
        // A boot-relative time of an unnamed boot cannot be placed in a named boot's stretch.
        #expect(ledger.coverage(at: monotonicOnly, bootID: nil).value == .unaligned)
    }

    @Test func noSharedClockOrNoTimeIsUnalignedAndSaysWhatWouldAlign() {
        var ledger = KernelLogCoverageLedger()
        let relativeDmesg = KernelLogCoverageLedger.Interval(
            source: "dmesg.txt",
            bootID: nil,
            from: EventTime(monotonicMicroseconds: 4_000_000),
            to: EventTime(monotonicMicroseconds: 900_000_000)
        )
        ledger.record(relativeDmesg)
        let wallOnly = ledger.coverage(at: EventTime(realtimeMicroseconds: Self.december5), bootID: nil)
        #expect(wallOnly.value == .unaligned)
        #expect(wallOnly.reason == .noSharedClock)
        #expect(wallOnly.explanation.contains("dmesg -T"))
        let unknown = ledger.coverage(at: EventTime(), bootID: nil)
        #expect(unknown.value == .unaligned)
        #expect(unknown.reason == .incidentTimeUnknown)
        #expect(unknown.explanation.contains("4.000000 s after boot"))
        // One stretch on a shared clock is enough to tell: outside it is a gap, not unaligned.
        ledger.record(Self.kmsg(0, 60, boot: nil))
        #expect(
            ledger.coverage(at: EventTime(realtimeMicroseconds: Self.december5 - 60 * Self.minute), bootID: nil).value
                == .gap
        )
    }

    @Test func anOpenIntervalLastsUntilNow() {
        var ledger = KernelLogCoverageLedger()
        ledger.record(Self.kmsg(0, nil))
        let now = Self.time(minutes: 100)
        #expect(ledger.coverage(at: Self.time(minutes: 99), bootID: Self.boot, now: now).value == .covered)
        #expect(ledger.coverage(at: Self.time(minutes: 101), bootID: Self.boot, now: now).value == .gap)
        let detail = ledger.coverage(at: Self.time(minutes: 50), bootID: Self.boot, now: now)
        #expect(detail.read.first?.to == now)
        // Without a known now, an open interval holds every later time.
        #expect(ledger.coverage(at: Self.time(minutes: 5000), bootID: Self.boot).value == .covered)
        #expect(ledger.coverage(at: Self.time(minutes: 5000), bootID: Self.boot).explanation.contains("until now"))
    }

    @Test func aRestartThatContinuesTheStoredIntervalJoinsUp() {
        // Run 1 read from boot and saved up to minute 10, then was killed; the incident at minute 20
        // comes from the journal backlog. Run 2 resumes the stored interval (same start), open until now.
        var ledger = KernelLogCoverageLedger()
        ledger.record(Self.kmsg(0, 10))
        #expect(
            ledger.coverage(at: Self.time(minutes: 20), bootID: Self.boot, now: Self.time(minutes: 30)).value == .gap
        )
        ledger.record(Self.kmsg(0, nil))
        #expect(ledger.intervals.count == 1)
        #expect(
            ledger.coverage(at: Self.time(minutes: 20), bootID: Self.boot, now: Self.time(minutes: 30)).value
                == .covered
        )
    }

    @Test func betweenTwoRunsIsAGapNamingTheMissingSpan() {
        var ledger = KernelLogCoverageLedger()
        ledger.record(Self.kmsg(0, 10))
        ledger.record(Self.kmsg(20, nil))
        let now = Self.time(minutes: 30)
        #expect(ledger.coverage(at: Self.time(minutes: 10), bootID: Self.boot, now: now).value == .covered)
        let detail = ledger.coverage(at: Self.time(minutes: 15), bootID: Self.boot, now: now)
        #expect(detail.value == .gap)
        #expect(detail.reason == .betweenReads)
        #expect(detail.missing?.from == Self.time(minutes: 10))
        #expect(detail.missing?.to == Self.time(minutes: 20))
        #expect(detail.read.count == 2)
        #expect(detail.explanation.contains("not read: 2025-12-05 14:10:00 UTC–14:20:00 UTC"), "\(detail.explanation)")
    }

    @Test func lostLinesOfTheCoveringSourceMakeAGapAnotherSourceCanStillCover() {
        var ledger = KernelLogCoverageLedger()
        ledger.record(Self.kmsg(0, 60))
        ledger.record(
            KernelLogCoverageLedger.Loss(
                source: "kmsg",
                bootID: Self.boot,
                from: Self.time(minutes: 20),
                to: Self.time(minutes: 25),
                reason: "overrun"
            )
        )
        let lost = ledger.coverage(at: Self.time(minutes: 22), bootID: Self.boot)
        #expect(lost.value == .gap)
        #expect(lost.reason == .linesLost)
        #expect(lost.lossReason == "overrun")
        #expect(lost.explanation.contains("overrun"))
        #expect(ledger.coverage(at: Self.time(minutes: 30), bootID: Self.boot).value == .covered)
        ledger.record(
            KernelLogCoverageLedger.Interval(
                source: "journal",
                bootID: Self.boot,
                from: Self.time(minutes: 21),
                to: Self.time(minutes: 23)
            )
        )
        #expect(ledger.coverage(at: Self.time(minutes: 22), bootID: Self.boot).value == .covered)
    }

    @Test func aLossThatCannotBePlacedCountsAgainstItsWholeBootOnly() {
        var ledger = KernelLogCoverageLedger()
        ledger.record(Self.kmsg(0, 60, boot: Self.boot))
        ledger.record(Self.kmsg(0, 60, boot: "boot-b"))
        for boot in [Self.boot, "boot-b"] {
            ledger.record(
                KernelLogCoverageLedger.Loss(
                    source: "kmsg",
                    bootID: boot,
                    from: EventTime(),
                    to: EventTime(),
                    reason: "sequence-jump"
                )
            )
        }
        #expect(ledger.coverage(at: Self.time(minutes: 30), bootID: Self.boot).value == .gap)
        var other = KernelLogCoverageLedger()
        other.record(Self.kmsg(0, 60, boot: Self.boot))
        other.record(
            KernelLogCoverageLedger.Loss(
                source: "kmsg",
                bootID: "boot-b",
                from: EventTime(),
                to: EventTime(),
                reason: "sequence-jump"
            )
        )
        #expect(other.coverage(at: Self.time(minutes: 30), bootID: Self.boot).value == .covered)
    }

    @Test func timesAreWrittenInUTC() {
        #expect(CivilTime.utcText(Self.november20) == "2025-11-20 08:00:00 UTC")
        #expect(CivilTime.utcText(0) == "1970-01-01 00:00:00 UTC")
        #expect(CivilTime.utcText(-1) == "1969-12-31 23:59:59 UTC")
        #expect(CivilTime.utcText(Int64(951_782_400) * 1_000_000) == "2000-02-29 00:00:00 UTC")
    }
}
