package import Foundation
internal import GRDB

/// How often a rule's pattern gave up at PCRE2's match limit (counted as no match).
package struct MatchLimitCount: Sendable, Hashable, Codable {
    /// The rule.
    package var ruleID: String
    /// Lines on which its pattern hit the limit, over every run of the daemon on this database.
    package var hits: Int
    /// When the last of them was recorded.
    package var lastHit: Date

    /// Creates a count.
    package init(ruleID: String, hits: Int, lastHit: Date) {
        self.ruleID = ruleID
        self.hits = hits
        self.lastHit = lastHit
    }
}

extension IncidentStore {
    /// Adds `hits` (new match-limit hits per rule id since the last call) to the stored totals.
    package func addMatchLimitHits(_ hits: [String: Int], at date: Date) throws(StoreError) {
        let positive = hits.filter { $0.value > 0 }
        if positive.isEmpty { return }
        let now = ColumnValues.microseconds(date)
        try write { db in
            for (ruleID, count) in positive.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: """
                        INSERT INTO match_limit_hit (rule_id, hits, last_hit_at_us) VALUES (?, ?, ?)
                        ON CONFLICT (rule_id) DO UPDATE SET hits = hits + excluded.hits,
                            last_hit_at_us = excluded.last_hit_at_us
                        """,
                    arguments: [ruleID, count, now]
                )
            }
        }
    }

    /// The stored match-limit totals, most hits first.
    package func matchLimitHits() throws(StoreError) -> [MatchLimitCount] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT rule_id, hits, last_hit_at_us FROM match_limit_hit ORDER BY hits DESC, rule_id"
            ).map { row in
                MatchLimitCount(ruleID: row[0], hits: row[1], lastHit: ColumnValues.date(microseconds: row[2]))
            }
        }
    }
}
