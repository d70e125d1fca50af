import Foundation
import GRDB
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
        #expect(migrations == ["v1", "v2", "v3-devcoredump"])
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
        #expect(migrations == ["v1", "v2", "v3-devcoredump"])
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
