internal import GRDB

/// The deletions retention is made of, each run inside the caller's transaction.
struct RetentionSteps {
    let db: Database

    /// SQL for an incident's age time: its last evidence on the wall clock, else when it was stored.
    /// Matches the `incident_age` index.
    static let ageExpression = "coalesce(last_seen_realtime_us, updated_at_us)"

    /// Deletes incidents (with their evidence), coverage, gaps and unreferenced processes whose
    /// time is before `cutoff` (µs since the epoch). Returns the number of incidents deleted.
    func deleteOlder(than cutoff: Int64) throws -> Int {
        try db.execute(sql: "DELETE FROM incident WHERE \(Self.ageExpression) < ?", arguments: [cutoff])
        let incidents = db.changesCount
        try db.execute(
            sql: "DELETE FROM coverage WHERE coalesce(to_realtime_us, updated_at_us) < ?",
            arguments: [cutoff]
        )
        try db.execute(sql: "DELETE FROM gap WHERE coalesce(to_realtime_us, recorded_at_us) < ?", arguments: [cutoff])
        try db.execute(
            sql: """
                DELETE FROM process WHERE coalesce(exit_realtime_us, updated_at_us) < ?
                AND NOT EXISTS (
                    SELECT 1 FROM incident WHERE incident.pid = process.pid AND incident.boot_id = process.boot_id
                )
                """,
            arguments: [cutoff]
        )
        return incidents
    }

    /// Bytes of the database file in use (pages not on the free list).
    func usedBytes() throws -> Int64 {
        let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
        let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
        return (pages - free) * pageSize
    }

    /// Deletes the oldest final incidents, about the share of them that `excess` is of `used`
    /// bytes (at least one). Returns how many were deleted; 0 when no final incident is left.
    func deleteOldestFinal(excess: Int64, used: Int64) throws -> Int {
        let finals = try Int64.fetchOne(db, sql: "SELECT count(*) FROM incident WHERE is_final = 1") ?? 0
        guard finals > 0, used > 0 else { return 0 }
        let share = Double(excess) / Double(used)
        let count = max(1, min(finals, Int64((Double(finals) * share).rounded(.up))))
        try db.execute(
            sql: """
                DELETE FROM incident WHERE id IN (
                    SELECT id FROM incident WHERE is_final = 1 ORDER BY \(Self.ageExpression), id LIMIT ?
                )
                """,
            arguments: [count]
        )
        return db.changesCount
    }
}
