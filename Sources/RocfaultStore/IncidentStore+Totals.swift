internal import GRDB

/// How many stored incidents share a side, class, first known issue and state: what the daemon's
/// metrics count (`rocfault_incidents_total`, `rocfault_open_incidents`).
package struct IncidentTotal: Sendable, Hashable {
    /// The side (`kernel`, `userspace`, `hang`, `none`).
    package var side: String
    /// The failure class (`page-fault`, ...).
    package var failureClass: String
    /// The first known issue of the verdict, when one matched.
    package var knownIssue: String?
    /// Whether the incidents are final.
    package var isFinal: Bool
    /// How many.
    package var count: Int

    /// Creates a total.
    package init(side: String, failureClass: String, knownIssue: String?, isFinal: Bool, count: Int) {
        self.side = side
        self.failureClass = failureClass
        self.knownIssue = knownIssue
        self.isFinal = isFinal
        self.count = count
    }
}

extension IncidentStore {
    /// The stored incidents counted by side, class, first known issue and state, in a stable order.
    package func incidentTotals() throws(StoreError) -> [IncidentTotal] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT side, failure_class, json_extract(verdict_known_issues, '$[0]') AS known_issue,
                        is_final, count(*)
                    FROM incident GROUP BY side, failure_class, known_issue, is_final
                    ORDER BY side, failure_class, known_issue, is_final
                    """
            ).map { row in
                IncidentTotal(side: row[0], failureClass: row[1], knownIssue: row[2], isFinal: row[3], count: row[4])
            }
        }
    }
}
