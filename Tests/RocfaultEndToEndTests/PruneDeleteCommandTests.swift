import Foundation
import RocfaultCore
import RocfaultStore
import Testing

/// `rocfault prune` and `rocfault delete` on a real SQLite store.
@Suite struct PruneDeleteCommandTests {
    let rocfault = ProcessRunner.executable("rocfault")

    /// An old final incident (pid 1001), an old open one (1002) and a final one of an hour ago (1003).
    func ages() throws -> StoreFixture {
        let fixture = try StoreFixture()
        let hourAgo = Int64(Date().timeIntervalSince1970) - StoreFixture.base / 1_000_000 - 3600
        var open = StoreFixture.memoryInUseEntry(id: "k2", at: 10, pid: 1002)
        open.incident.isFinal = false
        try fixture.record(
            StoreBatch(
                incidents: [
                    StoreFixture.memoryInUseEntry(id: "k1", at: 0, pid: 1001), open,
                    StoreFixture.memoryInUseEntry(id: "k3", at: hourAgo, pid: 1003),
                ]
            )
        )
        return fixture
    }

    /// pid → incident number of what the store holds.
    static func numbers(_ fixture: StoreFixture) throws -> [Int32: Int64] {
        let store = try IncidentStore.open(at: fixture.databasePath, mode: .readOnly)
        defer { try? store.close() }
        let stored = try store.storedIncidents(matching: IncidentQuery())
        return Dictionary(stored.map { ($0.incident.pid ?? 0, $0.number) }) { first, _ in first }
    }

    /// Rows of `table` (evidence, evidence_line) whose incident or evidence is gone, and all rows.
    static func count(_ fixture: StoreFixture, _ sql: String) throws -> Int {
        let output = try ProcessRunner.run("/usr/bin/sqlite3", [fixture.databasePath, sql])
        return Int(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func run(_ fixture: StoreFixture, _ arguments: [String]) throws -> ProcessRunner.Output {
        try ProcessRunner.run(rocfault, arguments + ["--state-dir", fixture.directory.path])
    }

    @Test func pruneDeletesOnlyOldFinalIncidentsWithTheirEvidence() throws {
        let fixture = try ages()
        defer { fixture.remove() }
        let before = try Self.numbers(fixture)
        let old = try #require(before[1001])
        #expect(try Self.count(fixture, "SELECT count(*) FROM evidence_line") > 0)

        let dry = try run(fixture, ["prune", "--older-than", "30d", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix("Would delete 1 final incident last seen before "))
        #expect(dry.stdout.hasSuffix(": \(old).\n"))
        #expect(try Self.numbers(fixture) == before, "a dry run deletes nothing")

        let pruned = try run(fixture, ["prune", "--older-than", "30d"])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.hasPrefix("Deleted 1 final incident last seen before "))
        #expect(try Set(Self.numbers(fixture).keys) == [1002, 1003], "the open one stays, however old")
        #expect(try Self.count(fixture, "SELECT count(*) FROM evidence WHERE incident_id = \(old)") == 0)
        #expect(
            try Self.count(
                fixture,
                "SELECT count(*) FROM evidence_line WHERE evidence_id NOT IN (SELECT id FROM evidence)"
            ) == 0
        )
        let again = try run(fixture, ["prune", "--older-than", "30min"])
        #expect(again.stdout.hasPrefix("Deleted 1 final incident"), "the one of an hour ago")

        for bad in ["30", "soon", "-5d"] {
            let refused = try run(fixture, ["prune", "--older-than=\(bad)"])
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.stderr.contains("is not a duration"), "\(bad): \(refused.stderr)")
        }
    }

    @Test func deleteRefusesAnOpenIncidentWithoutForce() throws {
        let fixture = try ages()
        defer { fixture.remove() }
        let numbers = try Self.numbers(fixture)
        let open = try #require(numbers[1002])
        let final = try #require(numbers[1001])

        let refused = try run(fixture, ["delete", String(open)])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("incident \(open) is still open"))
        #expect(try Self.numbers(fixture)[1002] == open)

        let forced = try run(fixture, ["delete", String(open), "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout == "Deleted incident \(open).\n")
        #expect(try Self.count(fixture, "SELECT count(*) FROM evidence WHERE incident_id = \(open)") == 0)

        #expect(try run(fixture, ["delete", String(final)]).status == 0)
        let gone = try run(fixture, ["delete", String(final)])
        #expect(gone.status == 1)
        #expect(gone.stderr.contains("no incident \(final)"))
        #expect(try run(fixture, ["delete", "abc"]).status == 2)
        #expect(try Set(Self.numbers(fixture).keys) == [1003])
    }
}
