internal import GRDB

/// How many stored incidents share a side, class, first known issue and state: what the daemon's
/// metrics count (`rocfault_incidents_total`, `rocfault_open_incidents`).
public struct IncidentTotal: Sendable, Hashable {
    /// The side (`kernel`, `userspace`, `hang`, `none`).
    public var side: String
    /// The failure class (`page-fault`, ...).
    public var failureClass: String
    /// The first known issue of the verdict, when one matched.
    public var knownIssue: String?
    /// Whether the incidents are final.
    public var isFinal: Bool
    /// How many.
    public var count: Int

    /// Creates a total.
    public init(side: String, failureClass: String, knownIssue: String?, isFinal: Bool, count: Int) {
        self.side = side
        self.failureClass = failureClass
        self.knownIssue = knownIssue
        self.isFinal = isFinal
        self.count = count
    }
}

extension IncidentStore {
    /// The stored incidents counted by side, class, first known issue and state, in a stable order.
    public func incidentTotals() throws(StoreError) -> [IncidentTotal] {
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
