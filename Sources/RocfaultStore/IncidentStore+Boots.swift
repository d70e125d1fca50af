internal import GRDB

/// A boot the store knows of, with the earliest wall-clock time it holds for it.
package struct StoredBoot: Sendable, Hashable {
    /// The boot id, as `_BOOT_ID` spells it.
    package var id: String
    /// The earliest time (µs since the epoch) of its coverage or incidents; nil when none has one.
    package var firstRealtimeMicroseconds: Int64?

    /// Creates a boot.
    package init(id: String, firstRealtimeMicroseconds: Int64?) {
        self.id = id
        self.firstRealtimeMicroseconds = firstRealtimeMicroseconds
    }
}

extension IncidentStore {
    /// Every boot named by a coverage interval or an incident, with its earliest time there.
    package func knownBoots() throws(StoreError) -> [StoredBoot] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT boot_id, min(t) AS first FROM (
                        SELECT boot_id, from_realtime_us AS t FROM coverage
                        UNION ALL SELECT boot_id, first_seen_realtime_us AS t FROM incident
                    ) WHERE boot_id IS NOT NULL GROUP BY boot_id
                    """
            ).map { row in StoredBoot(id: row["boot_id"], firstRealtimeMicroseconds: row["first"]) }
        }
    }
}
