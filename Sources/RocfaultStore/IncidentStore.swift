internal import GRDB
import Synchronization

/// The SQLite database of incidents, evidence, processes, log coverage and source cursors.
///
/// `rocfaultd` opens it ``Mode/readWrite`` (a WAL-mode connection pool; one writer, concurrent
/// readers) and writes everything through ``record(_:)``. The CLI opens it ``Mode/readOnly``, which
/// works for a member of the database file's group while the daemon runs and after it stopped (see
/// `docs/schema.md`, "Files and permissions").
///
/// Every method throws ``StoreError`` only. The type is thread-safe: GRDB serialises writes and
/// runs reads concurrently.
package final class IncidentStore: Sendable {
    /// How to open the database.
    package enum Mode: String, Sendable, Hashable {
        /// Create the file (mode 0640) if missing, migrate it, and allow writes.
        case readWrite = "read-write"
        /// Read an existing database without writing anything; never migrates.
        case readOnly = "read-only"
    }

    /// The database file.
    package let path: String
    /// How it was opened.
    package let mode: Mode
    /// Whether a read-only store had to fall back to SQLite's `immutable=1` mode because the WAL
    /// companions were missing and could not be created (no writer running, directory not writable).
    /// Such a store reads the database file as it was when opened and must not be kept open long.
    package let isImmutableSnapshot: Bool

    let reader: any DatabaseReader
    let writer: (any DatabaseWriter)?
    /// Set by ``close()``; checked before every access, because GRDB does not guard every SQLite
    /// call on a closed connection.
    private let isClosed = Mutex(false)

    init(path: String, mode: Mode, reader: any DatabaseReader, writer: (any DatabaseWriter)?, immutable: Bool) {
        self.path = path
        self.mode = mode
        self.reader = reader
        self.writer = writer
        self.isImmutableSnapshot = immutable
    }

    /// Opens the store at `path`.
    ///
    /// - ``Mode/readWrite`` creates a missing file with mode 0640, migrates it to the newest schema,
    ///   and fails with ``StoreError/Code/permissionDenied`` when the directory is not writable (WAL
    ///   mode creates `-wal` and `-shm` beside the file). An existing file is first read through a
    ///   read-only connection (application id, schema version, `PRAGMA quick_check`), so another
    ///   program's file is refused, and a damaged one reported, before anything is written.
    /// - ``Mode/readOnly`` fails with ``StoreError/Code/notFound`` for a missing file and
    ///   ``StoreError/Code/olderSchema`` for a database that needs a migration.
    ///
    /// Both fail with ``StoreError/Code/corrupt`` for a file that is not an SQLite database,
    /// ``StoreError/Code/notRocfaultDatabase`` for another program's database, and
    /// ``StoreError/Code/newerSchema`` for a database a newer rocfault migrated.
    package static func open(at path: String, mode: Mode) throws(StoreError) -> IncidentStore {
        switch mode {
        case .readWrite: try openReadWrite(at: path)
        case .readOnly: try openReadOnly(at: path, uriParameters: [])
        }
    }

    /// Closes every connection. Later calls on this store fail; closing twice is harmless.
    ///
    /// A read-write store first copies the write-ahead log into the database file and empties it:
    /// GRDB closes a pool's read-only connections last, and those cannot checkpoint, so without this
    /// the newest data would stay in `-wal` only (where an `immutable=1` reader cannot see it).
    package func close() throws(StoreError) {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        if wasClosed { return }
        do {
            if let pool = reader as? DatabasePool {
                _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
                try pool.close()
            } else if let queue = reader as? DatabaseQueue {
                try queue.close()
            }
        } catch {
            throw StoreError(translating: error, path: path)
        }
    }

    /// Bytes the database occupies on disk: the database file plus its write-ahead log.
    package var databaseSize: Int64 {
        DatabaseFile.size(path) + DatabaseFile.size(path + "-wal")
    }

    /// Runs `body`, translating any error to a ``StoreError`` about this store's file.
    func guarded<T>(_ body: () throws -> T) throws(StoreError) -> T {
        if isClosed.withLock({ $0 }) {
            throw StoreError(.closed, path: path, detail: "the store was closed")
        }
        do {
            return try body()
        } catch {
            throw StoreError(translating: error, path: path)
        }
    }

    /// Runs `body` in one write transaction, or fails with ``StoreError/Code/readOnly``.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        guard let writer else {
            throw StoreError(.readOnly, path: path, detail: "the store was opened read-only")
        }
        return try guarded { try writer.write(body) }
    }

    /// Runs `body` in a read transaction (one consistent snapshot).
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try guarded { try reader.read(body) }
    }
}
