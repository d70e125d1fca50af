import Foundation
internal import GRDB
internal import GRDBSQLite

extension IncidentStore {
    /// How long a connection waits for another one's lock before failing with `busy`.
    static let busyTimeout = 5.0

    static func openReadWrite(at path: String) throws(StoreError) -> IncidentStore {
        let directory = DatabaseFile.directory(of: path)
        guard DatabaseFile.exists(directory) else {
            throw StoreError(.notFound, path: path, detail: "the directory \(directory) does not exist")
        }
        guard DatabaseFile.isAccessible(directory, W_OK) else {
            let detail =
                "the directory \(directory) is not writable; WAL mode creates \(path)-wal and -shm there"
            throw StoreError(.permissionDenied, path: path, detail: detail)
        }
        try DatabaseFile.createIfMissing(path)
        guard DatabaseFile.isAccessible(path, R_OK | W_OK) else {
            throw StoreError(.permissionDenied, path: path, detail: "the database file is not writable")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(readonly: false))
            do {
                try pool.read { db in try Schema.verify(db, path: path, allowFresh: true, requireComplete: false) }
                try Schema.migrator.migrate(pool)
            } catch {
                try? pool.close()
                throw error
            }
            return IncidentStore(path: path, mode: .readWrite, reader: pool, writer: pool, immutable: false)
        } catch {
            throw StoreError(translating: error, path: path)
        }
    }

    /// Opens read-only. `uriParameters` go into the SQLite URI of the first attempt; tests pass
    /// `readonly_shm=1` to see the database as a group member does (`-shm` not writable).
    static func openReadOnly(at path: String, uriParameters: [String]) throws(StoreError) -> IncidentStore {
        guard DatabaseFile.exists(path) else {
            throw StoreError(.notFound, path: path, detail: "no database file; has rocfaultd run yet?")
        }
        guard DatabaseFile.isAccessible(path, R_OK) else {
            let detail = "the database file is not readable; join the group that owns it (rocfault)"
            throw StoreError(.permissionDenied, path: path, detail: detail)
        }
        let plain = uriParameters.isEmpty ? path : DatabaseFile.uri(path, parameters: uriParameters)
        do {
            let queue = try verifiedReadOnlyQueue(at: plain, reportedPath: path)
            return IncidentStore(path: path, mode: .readOnly, reader: queue, writer: nil, immutable: false)
        } catch let error where needsImmutableFallback(error) {
            // No writer holds the WAL files open and this user cannot create them: read the file as an
            // immutable snapshot. A writer that closed cleanly has checkpointed everything into it.
            let immutable = DatabaseFile.uri(path, parameters: ["immutable=1"])
            guard let queue = try? verifiedReadOnlyQueue(at: immutable, reportedPath: path) else {
                throw StoreError(translating: error, path: path)
            }
            return IncidentStore(path: path, mode: .readOnly, reader: queue, writer: nil, immutable: true)
        } catch {
            throw StoreError(translating: error, path: path)
        }
    }

    private static func verifiedReadOnlyQueue(at location: String, reportedPath: String) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: location, configuration: configuration(readonly: true))
        do {
            try queue.read { db in
                try Schema.verify(db, path: reportedPath, allowFresh: false, requireComplete: true)
            }
            return queue
        } catch {
            try? queue.close()
            throw error
        }
    }

    /// Whether a read-only open failed because the WAL companions could not be opened or created.
    private static func needsImmutableFallback(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY
    }

    private static func configuration(readonly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readonly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "rocfault.store"
        configuration.prepareDatabase { db in
            keepWALFilesOnClose(db)
            if !db.configuration.readonly {
                // Takes effect only on a new, empty file; lets retention give pages back cheaply.
                try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                try db.execute(sql: "PRAGMA journal_size_limit = 4194304")
            }
        }
        return configuration
    }

    /// Keeps `-wal` and `-shm` after the last connection closes, so a reader that may not create
    /// files in the directory can still open the database after the daemon stopped.
    private static func keepWALFilesOnClose(_ db: Database) {
        var persist: Int32 = 1
        _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
    }
}
