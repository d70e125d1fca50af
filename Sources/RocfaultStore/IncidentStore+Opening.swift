import Foundation
internal import GRDB
internal import GRDBSQLite

extension IncidentStore {
    /// How long a connection waits for another one's lock before failing with `busy`.
    static let busyTimeout = 5.0

    static func openReadWrite(at path: String) throws(StoreError) -> IncidentStore {
        let directory = DatabaseFile.directory(of: path)
        if let number = DatabaseFile.statError(directory) {
            guard number != ENOENT else {
                throw StoreError(.notFound, path: path, detail: "the directory \(directory) does not exist")
            }
            throw StoreError(errno: number, path: directory, doing: "cannot reach the state directory")
        }
        guard DatabaseFile.isAccessible(directory, W_OK) else {
            let detail =
                "the directory \(directory) is not writable; WAL mode creates \(path)-wal and -shm there"
            throw StoreError(.permissionDenied, path: path, detail: detail)
        }
        if DatabaseFile.size(path) > 0 { try inspectBeforeWriting(path) }
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

    /// Before anything writes to an existing file (a read-write pool switches it to WAL at once):
    /// reads it through a read-only connection and checks that it is rocfault's (or still empty),
    /// not from a newer rocfault, and not damaged (`PRAGMA quick_check`).
    private static func inspectBeforeWriting(_ path: String) throws(StoreError) {
        guard DatabaseFile.isAccessible(path, R_OK) else {
            throw StoreError(.permissionDenied, path: path, detail: "the database file is not readable")
        }
        let queue = try readOnlyQueue(at: path, uriParameters: []).queue
        defer { try? queue.close() }
        do {
            try queue.read { db in
                try Schema.verify(db, path: path, allowFresh: true, requireComplete: false)
                let problems = try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
                guard problems == ["ok"] else {
                    let detail = "PRAGMA quick_check: " + problems.joined(separator: "; ")
                    throw StoreError(.corrupt, path: path, detail: detail)
                }
            }
        } catch {
            throw StoreError(translating: error, path: path)
        }
    }

    /// Opens read-only. `uriParameters` go into the SQLite URI of the first attempt; tests pass
    /// `readonly_shm=1` to see the database as a group member does (`-shm` not writable).
    static func openReadOnly(at path: String, uriParameters: [String]) throws(StoreError) -> IncidentStore {
        if let number = DatabaseFile.statError(path) {
            guard number != ENOENT else {
                throw StoreError(.notFound, path: path, detail: "no database file; has rocfaultd run yet?")
            }
            throw StoreError(errno: number, path: path, doing: "cannot reach the database file")
        }
        guard DatabaseFile.isAccessible(path, R_OK) else {
            let detail = "the database file is not readable; join the group that owns it (rocfault)"
            throw StoreError(.permissionDenied, path: path, detail: detail)
        }
        let opened = try readOnlyQueue(at: path, uriParameters: uriParameters) { db in
            try Schema.verify(db, path: path, allowFresh: false, requireComplete: true)
        }
        return IncidentStore(
            path: path,
            mode: .readOnly,
            reader: opened.queue,
            writer: nil,
            immutable: opened.immutable
        )
    }

    /// A read-only connection, falling back to an `immutable=1` snapshot when the WAL companions
    /// can neither be opened nor created; `check` runs on it before it is returned.
    private static func readOnlyQueue(
        at path: String,
        uriParameters: [String],
        check: (Database) throws -> Void = { _ in }
    ) throws(StoreError) -> (queue: DatabaseQueue, immutable: Bool) {
        let plain = uriParameters.isEmpty ? path : DatabaseFile.uri(path, parameters: uriParameters)
        do {
            return (try checkedReadOnlyQueue(at: plain, check: check), false)
        } catch let error where needsImmutableFallback(error) {
            // No writer holds the WAL files open and this user cannot create them: read the file as an
            // immutable snapshot. A writer that closed cleanly has checkpointed everything into it.
            let immutable = DatabaseFile.uri(path, parameters: ["immutable=1"])
            guard let queue = try? checkedReadOnlyQueue(at: immutable, check: check) else {
                throw StoreError(translating: error, path: path)
            }
            return (queue, true)
        } catch {
            throw StoreError(translating: error, path: path)
        }
    }

    private static func checkedReadOnlyQueue(
        at location: String,
        check: (Database) throws -> Void
    ) throws
        -> DatabaseQueue
    {
        let queue = try DatabaseQueue(path: location, configuration: configuration(readonly: true))
        do {
            try queue.read { db in try check(db) }
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
