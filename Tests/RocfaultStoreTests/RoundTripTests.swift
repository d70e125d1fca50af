import Foundation
import RocfaultCore
import RocfaultStore
import Testing

@Suite("Round trips and upserts")
struct RoundTripTests {
    @Test("an incident with evidence, lines, captures, known issues and rule counts reads back equal")
    func incidentRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let incident = Fixtures.incident(id: "boot1-7")
        try store.record(StoreBatch(incidents: [IncidentEntry(incident)]))

        #expect(try store.incident(id: "boot1-7") == incident)
        #expect(try store.incidents(matching: IncidentQuery()) == [incident])
        #expect(try store.lastIncident() == incident)
        #expect(try store.incident(id: "no-such-id") == nil)
    }

    @Test("unknown times, nil fields and empty collections survive too")
    func sparseIncident() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        var incident = Fixtures.incident(id: "sparse", pid: nil, comm: nil, isFinal: false)
        incident.pasid = nil
        incident.firstSeen = EventTime(monotonicMicroseconds: 5)
        incident.lastSeen = EventTime()
        incident.knownIssues = []
        incident.verdict.knownIssues = []
        incident.ruleCounts = [:]
        incident.evidence[0].captures = [:]
        incident.evidence[0].lines[0].monotonicMicroseconds = nil
        incident.evidence[0].lines[0].realtimeMicroseconds = nil
        try store.record(StoreBatch(incidents: [IncidentEntry(incident)]))
        #expect(try store.incident(id: "sparse") == incident)
    }

    @Test("context lines, boot and process come back with the stored incident, in log order")
    func storedIncidentDetail() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let incident = Fixtures.incident(id: "ctx", at: 10)
        let process = Fixtures.process()
        let context = [0: Fixtures.context(at: 10)]
        try store.record(
            StoreBatch(
                incidents: [
                    IncidentEntry(
                        incident,
                        bootID: Fixtures.bootID,
                        processStartTime: process.key.startTime,
                        context: context
                    )
                ],
                processes: [process]
            )
        )
        let stored = try #require(try store.storedIncident(id: "ctx"))
        #expect(stored.incident == incident)
        #expect(stored.context == context)
        #expect(stored.bootID == Fixtures.bootID)
        #expect(stored.processStartTime == process.key.startTime)
        #expect(stored.process == process)
        #expect(try store.process(process.key) == process)
        #expect(try store.processes(pid: 4242) == [process])
        #expect(try store.storedIncident(number: stored.number)?.incident == incident, "number lookup")
        // The list view leaves context lines out of the evidence.
        #expect(try store.incidents(matching: IncidentQuery()).first?.evidence[0].lines.count == 3)
    }

    @Test("re-recording an id replaces the incident and its evidence, never duplicating either")
    func upsertReplaces() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let open = Fixtures.incident(id: "grows", isFinal: false)
        try store.record(StoreBatch(incidents: [IncidentEntry(open, context: [1: Fixtures.context(at: 1)])]))
        let before = try #require(try store.storedIncident(id: "grows"))

        var final = open
        final.isFinal = true
        final.verdict.summary = "final summary"
        final.evidence = [open.evidence[0]]
        final.evidence[0].count = 9
        final.lastSeen = Fixtures.time(30)
        try store.record(StoreBatch(incidents: [IncidentEntry(final)]))
        try store.record(StoreBatch(incidents: [IncidentEntry(final)]))

        let after = try #require(try store.storedIncident(id: "grows"))
        #expect(after.incident == final)
        #expect(after.number == before.number, "the number is stable")
        #expect(after.createdAt == before.createdAt)
        #expect(after.context.isEmpty, "the old evidence's context went with it")
        #expect(try store.incidents(matching: IncidentQuery()).count == 1)
    }

    @Test("recording a process again merges: given fields replace, missing ones keep the stored value")
    func processMerge() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        var first = Fixtures.process()
        first.exitTime = nil
        first.exitSignal = nil
        first.coredumpStack = nil
        try store.record(StoreBatch(processes: [first]))

        let exit = ProcessRecord(
            key: first.key,
            firstSeen: Fixtures.time(100),
            exitTime: Fixtures.time(5),
            exitSignal: 11,
            coredumpStack: "#0 crash"
        )
        try store.record(StoreBatch(processes: [exit]))

        var expected = first
        expected.exitTime = Fixtures.time(5)
        expected.exitSignal = 11
        expected.coredumpStack = "#0 crash"
        #expect(try store.process(first.key) == expected)
        #expect(try store.processes(pid: first.key.pid).count == 1)
    }
}
