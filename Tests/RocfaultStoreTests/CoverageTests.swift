import Foundation
import RocfaultCore
import RocfaultStore
import Testing

@Suite("Kernel log coverage, gaps and source status")
struct CoverageTests {
    private static let boot = Fixtures.bootID

    private static func gap(_ source: String, _ from: Int64, _ to: Int64) -> CoverageGap {
        CoverageGap(source: source, bootID: boot, from: Fixtures.time(from), to: Fixtures.time(to), reason: "overrun")
    }

    private static func journal(from: Int64, to: Int64, kernel: Bool) -> CoverageInterval {
        CoverageInterval(
            source: "journal",
            bootID: boot,
            includesKernelLog: kernel,
            from: Fixtures.time(from),
            to: Fixtures.time(to)
        )
    }

    private static func open(_ directory: TemporaryDirectory, _ batch: StoreBatch) throws -> IncidentStore {
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try store.record(batch)
        return store
    }

    @Test("nothing recorded, or only sources without kernel messages: not provided")
    func notProvided() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        #expect(try store.kernelLogCoverage(at: Fixtures.time(5), bootID: Self.boot) == .notProvided)
        try store.record(StoreBatch(coverage: [Self.journal(from: 0, to: 100, kernel: false)]))
        #expect(try store.kernelLogCoverage(at: Fixtures.time(5), bootID: Self.boot) == .notProvided)
    }

    @Test("inside a kmsg interval is covered, its ends included; outside it is a gap")
    func interval() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.open(directory, StoreBatch(coverage: [Fixtures.kmsgCoverage(from: 0, to: 100)]))
        for (second, expected) in [
            (-1, KernelLogCoverage.gap), (0, .covered), (50, .covered), (100, .covered), (101, .gap),
        ] {
            #expect(
                try store.kernelLogCoverage(at: Fixtures.time(Int64(second)), bootID: Self.boot) == expected,
                "at \(second)"
            )
        }
    }

    @Test("a gap of the same source uncovers its span; another kernel source can still cover it")
    func gaps() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.open(
            directory,
            StoreBatch(coverage: [Fixtures.kmsgCoverage(from: 0, to: 100)], gaps: [Self.gap("kmsg", 40, 60)])
        )
        #expect(try store.kernelLogCoverage(at: Fixtures.time(50), bootID: Self.boot) == .gap)
        #expect(try store.kernelLogCoverage(at: Fixtures.time(30), bootID: Self.boot) == .covered)

        try store.record(StoreBatch(coverage: [Self.journal(from: 45, to: 55, kernel: true)]))
        #expect(try store.kernelLogCoverage(at: Fixtures.time(50), bootID: Self.boot) == .covered)
        try store.record(StoreBatch(gaps: [Self.gap("journal", 49, 51)]))
        #expect(try store.kernelLogCoverage(at: Fixtures.time(50), bootID: Self.boot) == .gap)
    }

    @Test("the monotonic clock decides within the same boot; another boot never covers; no shared clock is unaligned")
    func clocks() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.open(directory, StoreBatch(coverage: [Fixtures.kmsgCoverage(from: 0, to: 100)]))
        let inside = Fixtures.time(50)
        // Wall clock says outside, monotonic says inside: within the boot, monotonic wins.
        let skewed = EventTime(
            realtimeMicroseconds: Fixtures.baseRealtime - 3_600_000_000,
            monotonicMicroseconds: inside.monotonicMicroseconds
        )
        #expect(try store.kernelLogCoverage(at: skewed, bootID: Self.boot) == .covered)
        #expect(try store.kernelLogCoverage(at: skewed, bootID: "other-boot") == .gap)
        #expect(try store.kernelLogCoverage(at: inside, bootID: "other-boot") == .gap, "not by wall clock")
        let monotonicOnly = EventTime(monotonicMicroseconds: inside.monotonicMicroseconds)
        #expect(try store.kernelLogCoverage(at: monotonicOnly, bootID: Self.boot) == .covered)
        #expect(try store.kernelLogCoverage(at: monotonicOnly, bootID: nil) == .unaligned, "no boot, no shared clock")
    }

    @Test("a gap with no comparable times counts against its whole boot only")
    func unplaceableGap() throws {
        let directory = try TemporaryDirectory()
        let lost = CoverageGap(
            source: "kmsg",
            bootID: Self.boot,
            from: EventTime(),
            to: EventTime(),
            fromSequence: 10,
            toSequence: 400,
            reason: "sequence jump"
        )
        var otherBoot = Fixtures.kmsgCoverage(from: 0, to: 100)
        otherBoot.bootID = "other-boot"
        let store = try Self.open(
            directory,
            StoreBatch(coverage: [Fixtures.kmsgCoverage(from: 0, to: 100), otherBoot], gaps: [lost])
        )
        #expect(try store.kernelLogCoverage(at: Fixtures.time(50), bootID: Self.boot) == .gap)
        #expect(try store.kernelLogCoverage(at: Fixtures.time(50), bootID: "other-boot") == .covered)
    }

    @Test("re-recording an interval with the same start extends it; a new start adds one")
    func extendsInterval() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.open(directory, StoreBatch(coverage: [Fixtures.kmsgCoverage(from: 0, to: 10)]))
        try store.record(StoreBatch(coverage: [Fixtures.kmsgCoverage(from: 0, to: 70)]))
        #expect(try store.coverage(source: "kmsg") == [Fixtures.kmsgCoverage(from: 0, to: 70)])
        #expect(try store.kernelLogCoverage(at: Fixtures.time(60), bootID: Self.boot) == .covered)

        try store.record(StoreBatch(coverage: [Fixtures.kmsgCoverage(from: 200, to: 210)]))
        #expect(try store.coverage(source: "kmsg").count == 2)
        #expect(try store.coverage(source: "journal").isEmpty)
    }

    @Test("an interval ending before it starts is rejected, with the rest of its batch")
    func backwardsInterval() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        #expect {
            try store.record(StoreBatch(coverage: [Fixtures.kmsgCoverage(from: 50, to: 10)], cursors: ["kmsg": "1"]))
        } throws: { error in
            (error as? StoreError)?.code == .constraintViolation
        }
        #expect(try store.cursor(for: "kmsg") == nil)
    }

    @Test("source status joins cursors, latest coverage and gaps per source")
    func sourceStatus() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.open(
            directory,
            StoreBatch(
                coverage: [Fixtures.kmsgCoverage(from: 0, to: 100), Self.journal(from: 0, to: 90, kernel: true)],
                gaps: [Self.gap("kmsg", 10, 20)],
                cursors: ["kmsg": "1100", "journal": "s=1;i=2", "file:/var/log/kern.log": "4096"]
            )
        )
        try store.record(
            StoreBatch(coverage: [Fixtures.kmsgCoverage(from: 200, to: 300)], gaps: [Self.gap("kmsg", 150, 199)])
        )

        let statuses = try store.sources()
        #expect(statuses.map(\.source) == ["file:/var/log/kern.log", "journal", "kmsg"])
        let kmsg = try #require(statuses.last)
        #expect(kmsg.cursor == "1100")
        #expect(kmsg.cursorUpdatedAt != nil)
        #expect(kmsg.latestCoverage == Fixtures.kmsgCoverage(from: 200, to: 300))
        #expect(kmsg.coverageCount == 2)
        #expect(kmsg.latestGap == Self.gap("kmsg", 150, 199))
        #expect(kmsg.gapCount == 2)
        let file = try #require(statuses.first)
        #expect(file.latestCoverage == nil && file.coverageCount == 0 && file.gapCount == 0)
        #expect(try store.gaps(source: "kmsg") == [Self.gap("kmsg", 10, 20), Self.gap("kmsg", 150, 199)])
    }
}
