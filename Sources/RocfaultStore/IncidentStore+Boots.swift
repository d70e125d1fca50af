internal import GRDB

/// A boot the store knows of, with the earliest wall-clock time it holds for it.
public struct StoredBoot: Sendable, Hashable {
    /// The boot id, as `_BOOT_ID` spells it.
    public var id: String
    /// The earliest time (µs since the epoch) of its coverage or incidents; nil when none has one.
    public var firstRealtimeMicroseconds: Int64?

    /// Creates a boot.
    public init(id: String, firstRealtimeMicroseconds: Int64?) {
        self.id = id
        self.firstRealtimeMicroseconds = firstRealtimeMicroseconds
    }
}

extension IncidentStore {
    /// Every boot named by a coverage interval or an incident, with its earliest time there.
    public func knownBoots() throws(StoreError) -> [StoredBoot] {
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
