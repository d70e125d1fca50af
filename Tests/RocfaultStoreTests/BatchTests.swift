import Foundation
import RocfaultCore
import RocfaultStore
import Testing

@Suite("Batches and cursors")
struct BatchTests {
    @Test("a batch whose last insert breaks a constraint leaves nothing behind, old cursor included")
    func atomicBatch() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try store.record(
            StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "before"))], cursors: ["journal": "s=1;i=10"])
        )

        var broken = Fixtures.incident(id: "broken", at: 60)
        broken.evidence[1].count = 0  // evidence.count has CHECK (count >= 1)
        let batch = StoreBatch(
            incidents: [IncidentEntry(Fixtures.incident(id: "good", at: 30)), IncidentEntry(broken)],
            processes: [Fixtures.process()],
            coverage: [Fixtures.kmsgCoverage(from: 0, to: 60)],
            cursors: ["journal": "s=1;i=20", "kmsg": "120"]
        )
        #expect {
            try store.record(batch)
        } throws: { error in
            (error as? StoreError)?.code == .constraintViolation
        }

        #expect(try store.cursor(for: "journal") == "s=1;i=10")
        #expect(try store.cursor(for: "kmsg") == nil)
        #expect(try store.incidents(matching: IncidentQuery()).map(\.id) == ["before"])
        #expect(try store.process(Fixtures.process().key) == nil)
        #expect(try store.coverage().isEmpty)
    }

    @Test("context for evidence the incident does not have fails the batch as invalid data")
    func contextOutOfRange() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let entry = IncidentEntry(Fixtures.incident(id: "x"), context: [5: Fixtures.context(at: 0)])
        #expect {
            try store.record(StoreBatch(incidents: [entry], cursors: ["kmsg": "9"]))
        } throws: { error in
            (error as? StoreError)?.code == .invalidData
        }
        #expect(try store.cursor(for: "kmsg") == nil)
    }

    @Test("cursors persist across close and reopen, and the latest write wins")
    func cursorPersistence() throws {
        let directory = try TemporaryDirectory()
        let writer = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try writer.record(StoreBatch(cursors: ["journal": "s=abc;i=1", "kmsg": "41"]))
        try writer.record(StoreBatch(cursors: ["kmsg": "42"]))
        try writer.close()

        let reopened = try IncidentStore.open(at: directory.database, mode: .readWrite)
        #expect(try reopened.cursor(for: "journal") == "s=abc;i=1")
        #expect(try reopened.cursor(for: "kmsg") == "42")
        #expect(try reopened.cursor(for: "file:/var/log/syslog") == nil)
        try reopened.close()

        let reader = try IncidentStore.open(at: directory.database, mode: .readOnly)
        #expect(try reader.cursor(for: "kmsg") == "42")
    }

    @Test("a replayed batch (same incident ids, same cursor) changes nothing")
    func replayIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let batch = StoreBatch(
            incidents: [IncidentEntry(Fixtures.incident(id: "a")), IncidentEntry(Fixtures.incident(id: "b", at: 5))],
            processes: [Fixtures.process()],
            coverage: [Fixtures.kmsgCoverage(from: 0, to: 10)],
            cursors: ["kmsg": "1010"]
        )
        try store.record(batch)
        try store.record(batch)
        #expect(try store.incidents(matching: IncidentQuery()).map(\.id) == ["b", "a"])
        #expect(try store.processes(pid: 4242).count == 1)
        #expect(try store.coverage() == [Fixtures.kmsgCoverage(from: 0, to: 10)])
        #expect(try store.cursor(for: "kmsg") == "1010")
    }

    @Test("writing through a read-only store fails with read-only")
    func readOnlyRejectsWrites() throws {
        let directory = try TemporaryDirectory()
        try IncidentStore.open(at: directory.database, mode: .readWrite).close()
        let reader = try IncidentStore.open(at: directory.database, mode: .readOnly)
        #expect {
            try reader.record(StoreBatch(cursors: ["kmsg": "1"]))
        } throws: { error in
            (error as? StoreError)?.code == .readOnly && (error as? StoreError)?.path == directory.database
        }
    }
}
