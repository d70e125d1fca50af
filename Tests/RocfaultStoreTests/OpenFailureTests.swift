import Foundation
import GRDB
import RocfaultStore
import Testing

@Suite("Opening failures give clear errors")
struct OpenFailureTests {
    /// Opens and expects a store error with `code` that names `path`.
    private func expectFailure(
        _ path: String,
        _ mode: IncidentStore.Mode,
        _ code: StoreError.Code,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let store = try IncidentStore.open(at: path, mode: mode)
            try? store.close()
            Issue.record(
                "opening \(mode.rawValue) succeeded; expected \(code.rawValue)",
                sourceLocation: sourceLocation
            )
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(error.path == path, sourceLocation: sourceLocation)
            #expect(error.description.contains(path), sourceLocation: sourceLocation)
        }
    }

    @Test("a missing file cannot be opened read-only, and read-only never creates it")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        expectFailure(directory.database, .readOnly, .notFound)
        #expect(!FileManager.default.fileExists(atPath: directory.database))
        expectFailure(directory.file("no-such-dir/rocfault.db"), .readWrite, .notFound)
    }

    @Test("a file that is not SQLite is reported corrupt in both modes and left untouched")
    func garbageFile() throws {
        let directory = try TemporaryDirectory()
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: directory.database))
        expectFailure(directory.database, .readOnly, .corrupt)
        expectFailure(directory.database, .readWrite, .corrupt)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.database)) == garbage)
    }

    @Test("a database damaged past its first page fails with corrupt when read, without crashing")
    func damagedPages() throws {
        let directory = try TemporaryDirectory()
        let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
        let entries = (0..<40).map { IncidentEntry(Fixtures.incident(id: "i\($0)", at: Int64($0))) }
        try store.record(StoreBatch(incidents: entries))
        try store.close()
        let handle = try #require(FileHandle(forWritingAtPath: directory.database))
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(DatabaseFileSize.of(directory.database)) - 4096))
        try handle.close()

        do {
            let reader = try IncidentStore.open(at: directory.database, mode: .readOnly)
            _ = try reader.incidents(matching: IncidentQuery())
            Issue.record("reading a damaged database succeeded")
        } catch {
            #expect(error.code == .corrupt, "\(error)")
            #expect(error.path == directory.database)
        }
    }

    @Test("read-write open needs a writable directory, for a new file and for an existing one")
    func unwritableDirectory() throws {
        let directory = try TemporaryDirectory()
        let existing = try TemporaryDirectory()
        try IncidentStore.open(at: existing.database, mode: .readWrite).close()
        for suffix in ["-wal", "-shm"] {
            try FileManager.default.removeItem(atPath: existing.database + suffix)
        }
        try withUnwritableDirectory(directory.path) {
            expectFailure(directory.database, .readWrite, .permissionDenied)
        }
        try withUnwritableDirectory(existing.path) {
            expectFailure(existing.database, .readWrite, .permissionDenied)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.database))
    }

    @Test("a database migrated by a newer rocfault is refused in both modes, and not modified")
    func newerSchema() throws {
        let directory = try TemporaryDirectory()
        try IncidentStore.open(at: directory.database, mode: .readWrite).close()
        try DatabaseQueue(path: directory.database).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            try db.execute(sql: "CREATE TABLE future (x)")
        }
        expectFailure(directory.database, .readOnly, .newerSchema)
        expectFailure(directory.database, .readWrite, .newerSchema)
        let migrations = try DatabaseQueue(path: directory.database).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(migrations == ["v1", "v2", "v3-devcoredump", "v4-first-step", "v99"])
    }

    @Test("a read-only open refuses a database that still needs a migration")
    func olderSchema() throws {
        let directory = try TemporaryDirectory()
        try IncidentStore.open(at: directory.database, mode: .readWrite).close()
        try DatabaseQueue(path: directory.database).write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations")
        }
        expectFailure(directory.database, .readOnly, .olderSchema)
    }

    @Test("another program's SQLite database, or an empty file, is not taken for a rocfault database")
    func foreignDatabase() throws {
        let directory = try TemporaryDirectory()
        try DatabaseQueue(path: directory.database).write { db in
            try db.execute(sql: "CREATE TABLE notes (body TEXT)")
        }
        expectFailure(directory.database, .readOnly, .notRocfaultDatabase)
        expectFailure(directory.database, .readWrite, .notRocfaultDatabase)

        let empty = directory.file("empty.db")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        expectFailure(empty, .readOnly, .notRocfaultDatabase)
    }
}

/// The size of a file, for tests that damage one.
enum DatabaseFileSize {
    static func of(_ path: String) throws -> UInt64 {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
    }
}
