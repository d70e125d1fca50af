import Foundation
import GRDB
import RocfaultStore
import Testing

@Suite("A damaged or foreign database is never written to")
struct DamagedStoreTests {
    /// A real store with `count` incidents, closed cleanly (everything checkpointed into the file).
    private func storeWithIncidents(_ path: String, count: Int = 40) throws {
        let store = try IncidentStore.open(at: path, mode: .readWrite)
        let entries = (0..<count).map { IncidentEntry(Fixtures.incident(id: "i\($0)", at: Int64($0))) }
        try store.record(StoreBatch(incidents: entries))
        try store.close()
    }

    /// Writes garbage over every page after the first (the header page stays valid).
    private func damageDataPages(_ path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(try DatabaseFileSize.of(path)) - 4096))
        try handle.close()
    }

    @Test("another program's database (DELETE journal) is refused read-write without a byte changing")
    func foreignDatabaseIsCheckedReadOnly() throws {
        let directory = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: directory.database)
        try queue.write { db in
            try db.execute(sql: "PRAGMA application_id = 305419896")
            try db.execute(sql: "CREATE TABLE notes (body TEXT)")
            try db.execute(sql: "INSERT INTO notes VALUES ('keep me')")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: directory.database))
        do {
            let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
            try? store.close()
            Issue.record("a foreign database was opened read-write")
        } catch {
            #expect(error.code == .notRocfaultDatabase, "\(error)")
            #expect(error.exitStatus == 65)
        }
        #expect(throws: StoreError.self, "a foreign file is not taken for a damaged one") {
            _ = try IncidentStore.openRecoveringFromCorruption(at: directory.database)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.database)) == before)
        for suffix in ["-wal", "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: directory.database + suffix), "\(suffix) created")
        }
        let mode = try DatabaseQueue(path: directory.database).read { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode")
        }
        #expect(mode == "delete")
    }

    @Test("the read-write open finds damaged data pages (quick_check) before writing anything")
    func damagedPagesFailTheReadWriteOpen() throws {
        let directory = try TemporaryDirectory()
        try storeWithIncidents(directory.database)
        try damageDataPages(directory.database)
        let before = try Data(contentsOf: URL(fileURLWithPath: directory.database))
        do {
            let store = try IncidentStore.open(at: directory.database, mode: .readWrite)
            try? store.close()
            Issue.record("a damaged database was opened read-write")
        } catch {
            #expect(error.code == .corrupt, "\(error)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.database)) == before)
    }

    @Test("a damaged database is set aside with its -wal and -shm, and a fresh one records the recovery")
    func damagedDatabaseIsSetAsideAndReplaced() throws {
        let directory = try TemporaryDirectory()
        try storeWithIncidents(directory.database)
        try damageDataPages(directory.database)
        let damaged = try Data(contentsOf: URL(fileURLWithPath: directory.database))
        let date = Date(timeIntervalSince1970: 1_796_514_000)  // 2026-12-05T23:40:00Z
        let (store, recovery) = try IncidentStore.openRecoveringFromCorruption(at: directory.database, now: date)
        defer { try? store.close() }
        let kept = directory.database + ".corrupt-2026-12-05T23-40-00"
        #expect(recovery?.keptPath == kept)
        #expect(recovery?.reason.contains("malformed") == true, "\(String(describing: recovery))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == damaged)
        for suffix in ["-wal", "-shm"] {
            #expect(FileManager.default.fileExists(atPath: kept + suffix), "\(suffix) kept beside it")
        }
        try store.record(StoreBatch(incidents: [IncidentEntry(Fixtures.incident(id: "new"))]))
        #expect(try store.incident(id: "new") != nil)
        #expect(try store.recoveries() == [recovery].compactMap { $0 })
        let reader = try IncidentStore.open(at: directory.database, mode: .readOnly)
        #expect(try reader.recoveries().first?.keptPath == kept)
        try reader.close()
    }

    @Test("a healthy database opens without recovery, and match-limit hits add up")
    func healthyDatabaseAndMatchLimitTotals() throws {
        let directory = try TemporaryDirectory()
        try storeWithIncidents(directory.database, count: 2)
        let (store, recovery) = try IncidentStore.openRecoveringFromCorruption(at: directory.database)
        defer { try? store.close() }
        #expect(recovery == nil)
        #expect(try store.recoveries().isEmpty)
        try store.addMatchLimitHits(["x.nested": 2, "x.other": 0], at: Date(timeIntervalSince1970: 100))
        try store.addMatchLimitHits(["x.nested": 3], at: Date(timeIntervalSince1970: 200))
        let totals = try store.matchLimitHits()
        #expect(totals == [MatchLimitCount(ruleID: "x.nested", hits: 5, lastHit: Date(timeIntervalSince1970: 200))])
    }
}
