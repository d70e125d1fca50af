package import Foundation
internal import GRDB

extension IncidentStore {
    /// Deletes what is too old or too much, then gives the space back to the file system.
    ///
    /// 1. Everything older than `maxAge` before `now` goes: incidents whose last evidence (or, without
    ///    a wall-clock time, last store update) is older, open or not, with their evidence; coverage
    ///    and gaps that ended before; processes that exited (or were last updated) before and that no
    ///    incident names.
    /// 2. While the pages in use exceed `maxBytes`, the oldest final incidents go, a share at a time.
    ///    Open (non-final) incidents are never deleted for size: they are younger than `maxAge` and
    ///    still being written.
    /// 3. If anything was deleted, free pages are returned (`PRAGMA incremental_vacuum`, or a full
    ///    `VACUUM` for a file created without incremental auto-vacuum) and the WAL is truncated.
    ///
    /// The size can stay above `maxBytes` when only open incidents, coverage and cursors remain.
    @discardableResult
    package func applyRetention(maxBytes: Int64, maxAge: Duration, now: Date) throws(StoreError) -> RetentionResult {
        let bytesBefore = databaseSize
        let cutoff = ColumnValues.microseconds(now) - Self.microseconds(maxAge)
        let deletedByAge = try write { db in try RetentionSteps(db: db).deleteOlder(than: cutoff) }
        var deletedBySize = 0
        while true {
            let deleted = try write { db -> Int in
                let steps = RetentionSteps(db: db)
                let used = try steps.usedBytes()
                guard used > maxBytes else { return 0 }
                return try steps.deleteOldestFinal(excess: used - maxBytes, used: used)
            }
            if deleted == 0 { break }
            deletedBySize += deleted
        }
        try deleteDevcoredumps(olderThan: cutoff, now: ColumnValues.microseconds(now))
        if deletedByAge + deletedBySize > 0 {
            try compact()
        }
        return RetentionResult(
            deletedByAge: deletedByAge,
            deletedBySize: deletedBySize,
            bytesBefore: bytesBefore,
            bytesAfter: databaseSize
        )
    }

    /// Returns free pages to the file system and truncates the WAL.
    func compact() throws(StoreError) {
        guard let writer else {
            throw StoreError(.readOnly, path: path, detail: "the store was opened read-only")
        }
        try guarded {
            try writer.writeWithoutTransaction { db in
                let autoVacuum = try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") ?? 0
                try db.execute(sql: autoVacuum == 2 ? "PRAGMA incremental_vacuum" : "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
    }

    private static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        return overflow ? Int64.max : scaled.addingReportingOverflow(attoseconds / 1_000_000_000_000).partialValue
    }
}
