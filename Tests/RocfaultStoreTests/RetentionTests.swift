import Foundation
import RocfaultCore
import RocfaultStore
import Testing

@Suite("Retention")
struct RetentionTests {
    private static let day: Int64 = 86_400

    private static func ids(_ store: IncidentStore) throws -> [String] {
        try store.incidents(matching: IncidentQuery()).map(\.id)
    }

    @Test("by age: incidents, coverage, gaps and unreferenced processes older than the limit go")
    func byAge() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let oldProcess = Fixtures.process(pid: 1, startTime: 1, at: 0)
        var referencedProcess = Fixtures.process(pid: 4242, startTime: 2, at: 0)
        referencedProcess.exitTime = Fixtures.time(60)
        try store.record(
            StoreBatch(
                incidents: [
                    IncidentEntry(Fixtures.incident(id: "day0", at: 0)),
                    IncidentEntry(Fixtures.incident(id: "day1-open", at: Self.day, isFinal: false)),
                    IncidentEntry(Fixtures.incident(id: "day5", at: 5 * Self.day), bootID: Fixtures.bootID),
                    IncidentEntry(Fixtures.incident(id: "day9", at: 9 * Self.day)),
                ],
                processes: [oldProcess, referencedProcess],
                coverage: [
                    Fixtures.kmsgCoverage(from: 0, to: 60),
                    Fixtures.kmsgCoverage(from: 9 * Self.day, to: 10 * Self.day),
                ],
                gaps: [
                    CoverageGap(
                        source: "kmsg",
                        bootID: Fixtures.bootID,
                        from: Fixtures.time(10),
                        to: Fixtures.time(20),
                        reason: "old"
                    )
                ]
            )
        )

        let result = try store.applyRetention(
            maxBytes: 1 << 30,
            maxAge: .seconds(7 * Self.day),
            now: Fixtures.date(10 * Self.day)
        )
        #expect(result.deletedByAge == 2)
        #expect(result.deletedBySize == 0)
        #expect(try Self.ids(store) == ["day9", "day5"])
        #expect(try store.coverage() == [Fixtures.kmsgCoverage(from: 9 * Self.day, to: 10 * Self.day)])
        #expect(try store.gaps().isEmpty)
        #expect(try store.process(oldProcess.key) == nil)
        #expect(try store.process(referencedProcess.key) == referencedProcess, "incident day5 still names it")
    }

    @Test("by size: the oldest final incidents go first until the file fits, open ones stay")
    func bySize() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let bulk = String(repeating: "amdgpu: VM_L2_PROTECTION_FAULT_STATUS:0x00841051 ", count: 120)
        var entries = (0..<80).map { index -> IncidentEntry in
            var incident = Fixtures.incident(id: String(format: "n%02d", index), at: 60 + Int64(index) * 60)
            incident.evidence[0].lines[0].text = bulk
            return IncidentEntry(incident)
        }
        entries.append(IncidentEntry(Fixtures.incident(id: "open-oldest", at: 0, isFinal: false)))
        try store.record(StoreBatch(incidents: entries.shuffled()))
        let full = store.databaseSize
        let limit = full / 3

        let result = try store.applyRetention(
            maxBytes: limit,
            maxAge: .seconds(30 * Self.day),
            now: Fixtures.date(Self.day)
        )
        let remaining = try Self.ids(store)
        #expect(result.deletedByAge == 0)
        #expect(result.deletedBySize > 0 && result.deletedBySize < 80, "deleted \(result.deletedBySize)")
        #expect(result.bytesBefore == full)
        #expect(result.bytesAfter == store.databaseSize)
        #expect(store.databaseSize <= limit, "\(store.databaseSize) bytes left, limit \(limit)")
        let kept = 80 - result.deletedBySize
        let newest = (80 - kept..<80).reversed().map { String(format: "n%02d", $0) }
        #expect(remaining == newest + ["open-oldest"])
    }

    @Test("within both limits nothing is deleted and the file is left alone")
    func nothingToDo() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try store.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "young", at: 100))]))
        let result = try store.applyRetention(maxBytes: 1 << 30, maxAge: .seconds(Self.day), now: Fixtures.date(200))
        #expect(
            result
                == RetentionResult(
                    deletedByAge: 0,
                    deletedBySize: 0,
                    bytesBefore: result.bytesBefore,
                    bytesAfter: result.bytesBefore
                )
        )
        #expect(try Self.ids(store) == ["young"])
    }
}
