import Foundation
import RocfaultCore
import Testing

@testable import RocfaultStore

/// The CLI's view: a read-only open by a member of the file's group, who can read the database,
/// `-wal` and `-shm` (mode 0640) but not write `-shm` nor create files in the directory.
///
/// Tests run as root or as the files' owner, so the group member's limits are reproduced without
/// switching users: `readonly_shm=1` makes SQLite open `-shm` read-only exactly as it does when
/// opening it for writing fails, and ``withUnwritableDirectory(_:_:)`` takes away the directory.
@Suite("Read-only access beside the writer")
struct ReadOnlyAccessTests {
    private static func groupMemberOpen(_ path: String) throws -> IncidentStore {
        try IncidentStore.openReadOnly(at: path, uriParameters: ["readonly_shm=1"])
    }

    private static func ids(_ store: IncidentStore) throws -> [String] {
        try store.incidents(matching: IncidentQuery()).map(\.id)
    }

    @Test("a reader opened while the writer holds the database sees committed batches, old and new")
    func whileWriterOpen() throws {
        let directory = try TemporaryDirectory()
        let writer = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try writer.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "first"))]))

        try withUnwritableDirectory(directory.path) {
            let reader = try Self.groupMemberOpen(directory.database)
            let plainReader = try IncidentStore.open(at: directory.database, mode: .readOnly)
            #expect(!reader.isImmutableSnapshot)
            #expect(try Self.ids(reader) == ["first"])
            try writer.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "second", at: 9))]))
            #expect(try Self.ids(reader) == ["second", "first"])
            #expect(try Self.ids(plainReader) == ["second", "first"])
            try reader.close()
            try plainReader.close()
        }
        try writer.close()
    }

    @Test("after the writer closed, -wal and -shm remain and a group member still reads everything")
    func afterWriterClosed() throws {
        let directory = try TemporaryDirectory()
        let writer = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try writer.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "kept"))]))
        try writer.close()
        #expect(FileManager.default.fileExists(atPath: directory.database + "-wal"))
        #expect(FileManager.default.fileExists(atPath: directory.database + "-shm"))

        try withUnwritableDirectory(directory.path) {
            let reader = try Self.groupMemberOpen(directory.database)
            #expect(!reader.isImmutableSnapshot)
            #expect(try Self.ids(reader) == ["kept"])
            try reader.close()
        }
    }

    @Test("a reader sees what a killed writer left in the WAL, before any checkpoint")
    func afterWriterKilled() throws {
        let directory = try TemporaryDirectory()
        let copy = try TemporaryDirectory()
        let writer = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try writer.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "in-wal"))]))
        #expect(DatabaseFile.size(directory.database + "-wal") > 0, "the batch is still in the WAL")
        // The three files as a SIGKILL leaves them: copied while the writer is idle but open.
        for suffix in ["", "-wal", "-shm"] {
            try FileManager.default.copyItem(atPath: directory.database + suffix, toPath: copy.database + suffix)
        }
        try writer.close()

        try withUnwritableDirectory(copy.path) {
            let reader = try Self.groupMemberOpen(copy.database)
            #expect(try Self.ids(reader) == ["in-wal"])
            try reader.close()
        }
    }

    @Test("without -wal and -shm in an unwritable directory, the reader falls back to an immutable snapshot")
    func immutableFallback() throws {
        let directory = try TemporaryDirectory()
        let writer = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try writer.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "checkpointed"))]))
        try writer.close()
        for suffix in ["-wal", "-shm"] {
            try FileManager.default.removeItem(atPath: directory.database + suffix)
        }

        try withUnwritableDirectory(directory.path) {
            let reader = try IncidentStore.open(at: directory.database, mode: .readOnly)
            #expect(reader.isImmutableSnapshot)
            #expect(try Self.ids(reader) == ["checkpointed"])
            try reader.close()
        }
        #expect(!FileManager.default.fileExists(atPath: directory.database + "-wal"), "read-only created nothing")
    }

    @Test("closing twice is harmless; using a closed store fails with a store error")
    func closedStore() throws {
        let directory = try TemporaryDirectory()
        let writer = try IncidentStore.open(at: directory.database, mode: .readWrite)
        try writer.close()
        try writer.close()
        #expect { try writer.cursor(for: "kmsg") } throws: { ($0 as? StoreError)?.code == .closed }
    }
}
