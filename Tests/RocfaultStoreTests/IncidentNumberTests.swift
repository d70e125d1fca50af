import Foundation
import RocfaultCore
import RocfaultStore
import Testing

/// One number per incident: the store's number is what people see and name; the key the daemon
/// records under is never shown and never looked up by a number.
struct IncidentNumberTests {
    /// A store where keys and numbers differ, as after two daemon runs: "7" is number 1, "1" number 2.
    private static func storeWithCrossedNumbers(_ directory: TemporaryDirectory) throws -> IncidentStore {
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let first = try store.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "7", at: 10))]))
        let second = try store.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "1", at: 20))]))
        #expect(first == ["7": 1])
        #expect(second == ["1": 2])
        return store
    }

    @Test("a number names exactly that incident, never the one whose key is that number")
    func numberLookupIgnoresKeys() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.storeWithCrossedNumbers(directory)
        let one = try #require(try store.storedIncident(number: 1))
        #expect(one.incident.id == "7")
        #expect(one.shown.id == "1")
        #expect(try store.storedIncident(number: 2)?.incident.id == "1")
        #expect(try store.storedIncident(number: 7) == nil)
    }

    @Test("listed incidents carry their numbers, and the shown incident's id is its number")
    func listCarriesNumbers() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.storeWithCrossedNumbers(directory)
        let listed = try store.storedIncidents(matching: IncidentQuery())
        #expect(listed.map(\.number) == [2, 1])
        #expect(listed.map(\.shown.id) == ["2", "1"])
        #expect(try store.incidentNumbers(keys: ["7", "1", "gone"]) == ["7": 1, "1": 2])
    }

    @Test("a deleted incident's number is never given again")
    func numbersAreNotReused() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try store.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "old", at: 0))]))
        _ = try store.applyRetention(maxBytes: 1 << 40, maxAge: .seconds(86_400), now: Fixtures.date(3 * 86_400))
        #expect(try store.storedIncidents(matching: IncidentQuery()).isEmpty)
        let numbers = try store.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "new", at: 100))]))
        #expect(numbers == ["new": 2])
    }
}
