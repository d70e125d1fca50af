import Foundation
import RocfaultCore
import RocfaultStore
import Testing

@Suite("Incident queries")
struct QueryTests {
    /// Six incidents, one a minute apart, with varied side, pid and comm; ids name their minute.
    private static func makeStore(_ directory: TemporaryDirectory) throws -> IncidentStore {
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let specs: [(minute: Int64, side: Side, pid: Int32, comm: String)] = [
            (0, .kernel, 100, "python3"), (1, .userspace, 200, "ollama"), (2, .kernel, 200, "ollama"),
            (3, .hang, 300, "llama-server"), (4, .userspace, 100, "python3"), (5, .kernel, 300, "llama-server"),
        ]
        // Recorded out of time order, so that ordering cannot come from insertion order.
        let entries = specs.shuffled().map { spec in
            IncidentEntry(
                Fixtures.incident(
                    id: "m\(spec.minute)",
                    at: spec.minute * 60,
                    side: spec.side,
                    pid: spec.pid,
                    comm: spec.comm
                ),
                bootID: spec.minute < 3 ? "boot-a" : "boot-b"
            )
        }
        try store.record(StoreBatch(incidents: entries))
        return store
    }

    private static func ids(_ incidents: [Incident]) -> [String] { incidents.map(\.id) }

    @Test("no filter lists everything newest first; limit keeps the newest")
    func orderAndLimit() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.makeStore(directory)
        #expect(Self.ids(try store.incidents(matching: IncidentQuery())) == ["m5", "m4", "m3", "m2", "m1", "m0"])
        #expect(Self.ids(try store.incidents(matching: IncidentQuery(limit: 2))) == ["m5", "m4"])
        #expect(try store.incidents(matching: IncidentQuery(limit: 0)).isEmpty)
        #expect(try store.lastIncident()?.id == "m5")
    }

    @Test("since and until are inclusive bounds on the first-seen wall-clock time")
    func timeWindow() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.makeStore(directory)
        let window = IncidentQuery(since: Fixtures.date(60), until: Fixtures.date(180))
        #expect(Self.ids(try store.incidents(matching: window)) == ["m3", "m2", "m1"])
        #expect(Self.ids(try store.incidents(matching: IncidentQuery(since: Fixtures.date(241)))) == ["m5"])
        #expect(Self.ids(try store.incidents(matching: IncidentQuery(until: Fixtures.date(59)))) == ["m0"])
    }

    @Test("side, pid, comm and boot filters combine with each other and with limit")
    func fieldFilters() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.makeStore(directory)
        #expect(Self.ids(try store.incidents(matching: IncidentQuery(side: .kernel))) == ["m5", "m2", "m0"])
        #expect(Self.ids(try store.incidents(matching: IncidentQuery(pid: 200))) == ["m2", "m1"])
        #expect(Self.ids(try store.incidents(matching: IncidentQuery(comm: "python3"))) == ["m4", "m0"])
        #expect(Self.ids(try store.incidents(matching: IncidentQuery(bootID: "boot-b"))) == ["m5", "m4", "m3"])
        let combined = IncidentQuery(since: Fixtures.date(60), side: .kernel, comm: "ollama")
        #expect(Self.ids(try store.incidents(matching: combined)) == ["m2"])
        #expect(Self.ids(try store.incidents(matching: IncidentQuery(side: .kernel, limit: 1))) == ["m5"])
        #expect(try store.incidents(matching: IncidentQuery(side: Side.none)).isEmpty)
    }

    @Test("an incident without a wall-clock time lists last and never matches a time window")
    func unknownTime() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.makeStore(directory)
        var undated = Fixtures.incident(id: "undated")
        undated.firstSeen = EventTime(monotonicMicroseconds: 1)
        try store.record(StoreBatch(incidents: [IncidentEntry(undated)]))
        #expect(Self.ids(try store.incidents(matching: IncidentQuery())).last == "undated")
        #expect(!Self.ids(try store.incidents(matching: IncidentQuery(since: Fixtures.date(-1)))).contains("undated"))
    }
}
