package import Foundation
internal import GRDB

/// A damaged database the daemon set aside, so it could start a fresh one.
package struct StoreRecovery: Sendable, Hashable, Codable {
    /// When the file was set aside.
    package var date: Date
    /// Where the damaged file (and its `-wal`/`-shm`) now is.
    package var keptPath: String
    /// What was wrong with it (SQLite's message).
    package var reason: String

    /// Creates a record.
    package init(date: Date, keptPath: String, reason: String) {
        self.date = date
        self.keptPath = keptPath
        self.reason = reason
    }
}

extension IncidentStore {
    /// Opens read-write; when the file turns out damaged (``StoreError/Code/corrupt``), sets it aside
    /// with ``setAsideCorrupt(at:date:reason:)`` and opens a fresh one. Any other failure is thrown,
    /// so another program's database, a newer schema or a permission problem never loses a byte.
    ///
    /// Returns the store and, when it recovered, what was set aside (also stored in the fresh file,
    /// where ``recoveries()`` reads it).
    package static func openRecoveringFromCorruption(
        at path: String,
        now: Date = Date()
    ) throws(StoreError) -> (store: IncidentStore, recovery: StoreRecovery?) {
        do {
            return (try open(at: path, mode: .readWrite), nil)
        } catch  where error.code == .corrupt {
            return try setAsideCorrupt(at: path, date: now, reason: error.detail)
        }
    }

    /// Renames a damaged database file and its `-wal`/`-shm` to
    /// `PATH.corrupt-YYYY-MM-DDTHH-MM-SS` (UTC; a suffix is added if that exists), opens a fresh
    /// database at `path` and records the recovery in it. Close every store on the file first.
    package static func setAsideCorrupt(
        at path: String,
        date: Date,
        reason: String
    ) throws(StoreError) -> (store: IncidentStore, recovery: StoreRecovery?) {
        let kept = try DatabaseFile.setAside(path, date: date)
        let recovery = StoreRecovery(date: date, keptPath: kept, reason: reason)
        let store = try open(at: path, mode: .readWrite)
        try store.write { db in
            try db.execute(
                sql: "INSERT INTO store_recovery (recovered_at_us, kept_path, reason) VALUES (?, ?, ?)",
                arguments: [ColumnValues.microseconds(date), kept, reason]
            )
        }
        return (store, recovery)
    }

    /// Damaged databases set aside before this one was created, newest first.
    package func recoveries() throws(StoreError) -> [StoreRecovery] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT recovered_at_us, kept_path, reason FROM store_recovery ORDER BY id DESC"
            ).map { row in
                StoreRecovery(
                    date: ColumnValues.date(microseconds: row[0]),
                    keptPath: row[1],
                    reason: row[2]
                )
            }
        }
    }
}
