import Foundation
import GRDB
import RocfaultCore
import RocfaultStore
import Testing

@Suite("Schema and migrations")
struct SchemaTests {
    @Test("a new file is created group-readable, in WAL mode, with every table")
    func migratesFromEmpty() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try store.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "a"))]))

        let queue = try DatabaseQueue(path: directory.database)
        let (tables, migrations, journal, autoVacuum, applicationID) = try queue.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA auto_vacuum"),
                try Int32.fetchOne(db, sql: "PRAGMA application_id")
            )
        }
        try queue.close()
        let expected = [
            "incident", "evidence", "evidence_line", "process", "coverage", "gap", "cursor", "store_recovery",
            "devcoredump",
            "match_limit_hit",
        ]
        for table in expected {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(migrations == ["v1", "v2", "v3-devcoredump", "v4-first-step"])
        #expect(journal == "wal")
        #expect(autoVacuum == 2, "incremental auto-vacuum lets retention shrink the file")
        #expect(applicationID == 0x524F_4346)
        for suffix in ["", "-wal", "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: directory.database + suffix)[.posixPermissions]
            #expect(mode as? Int == 0o640, "mode of \(suffix.isEmpty ? "database" : suffix)")
        }
        try store.close()
    }

    @Test("reopening a migrated database keeps its data and applies no migration twice")
    func reopenIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        let first = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try first.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "kept"))]))
        try first.close()

        let second = try IncidentStore.open(at: directory.database, mode: .readWrite)
        #expect(try second.incident(id: "kept") == Fixtures.incident(id: "kept"))
        try second.close()
        let migrations = try DatabaseQueue(path: directory.database).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations == ["v1", "v2", "v3-devcoredump", "v4-first-step"])
    }

    @Test("a verdict's first step is stored apart from its summary and read back")
    func firstStepRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        var incident = Fixtures.incident(id: "stepped", summary: "Kernel side: a fault. First: Read the words.")
        incident.verdict.recordedFirstStep = "Update the GPU firmware: First: is not a separator here."
        try store.record(StoreBatch(incidents: [IncidentEntry(incident)]))
        let read = try #require(try store.incident(id: "stepped"))
        #expect(read.verdict.firstStep == "Update the GPU firmware: First: is not a separator here.")
        #expect(read == incident)
        try store.close()
    }

    @Test("migrating a store written before v4-first-step keeps its rows, whose step comes from the summary")
    func upgradesAStoreWithoutFirstSteps() throws {
        let directory = try TemporaryDirectory()
        let summary = "Userspace: a HIP error. First: Rerun with AMD_LOG_LEVEL=1."
        let first = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try first.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "old", summary: summary))]))
        try first.close()
        // Put the file back the way a build before the migration left it.
        let queue = try DatabaseQueue(path: directory.database)
        try queue.write { db in
            try db.execute(sql: "ALTER TABLE incident DROP COLUMN first_step")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-first-step'")
        }
        try queue.close()
        #expect(throws: StoreError.self) { try IncidentStore.open(at: directory.database, mode: .readOnly) }

        let upgraded = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let read = try #require(try upgraded.incident(id: "old"))
        #expect(read.verdict.summary == summary)
        #expect(read.verdict.recordedFirstStep == nil)
        #expect(read.verdict.firstStep == "Rerun with AMD_LOG_LEVEL=1.")
        try upgraded.close()
    }

    @Test("foreign keys cascade: deleting an incident row removes its evidence and lines")
    func cascade() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try store.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "gone"))]))
        try store.close()

        let queue = try DatabaseQueue(path: directory.database)
        let counts = try queue.write { db in
            try db.execute(sql: "DELETE FROM incident")
            return [
                try Int.fetchOne(db, sql: "SELECT count(*) FROM evidence"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM evidence_line"),
            ]
        }
        #expect(counts == [0, 0])
    }
}
