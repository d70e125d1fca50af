/// Turns the running match-limit totals of a rule set (``RuleSet/matchLimitHits()``) into
/// increments to store and log lines, at most one per rule per ``logInterval``.
///
/// Totals that go down (the rules were reloaded, so their counters started again) count from zero.
/// Times are microseconds of any monotonic clock.
package struct MatchLimitLog: Sendable {
    /// One log line: a rule's pattern gave up on `newHits` lines since its last line.
    package struct Report: Sendable, Hashable {
        /// The rule.
        package var ruleID: String
        /// Hits since the last report of this rule.
        package var newHits: Int
        /// Hits since the rules were loaded.
        package var total: Int
    }

    /// The least time between two log lines of one rule.
    package let logInterval: Int64
    private var seen: [String: Int] = [:]
    private var unlogged: [String: Int] = [:]
    private var lastLogged: [String: Int64] = [:]

    /// A log with one line per rule per `logInterval` (a minute by default).
    package init(logInterval: Int64 = 60_000_000) {
        self.logInterval = logInterval
    }

    /// The hits since the last call, per rule (to add to the stored totals), and the rules to log now.
    package mutating func update(totals: [String: Int], now: Int64) -> (increments: [String: Int], reports: [Report]) {
        var increments: [String: Int] = [:]
        for (ruleID, total) in totals {
            let before = seen[ruleID] ?? 0
            let increment = total >= before ? total - before : total
            seen[ruleID] = total
            if increment > 0 {
                increments[ruleID] = increment
                unlogged[ruleID, default: 0] += increment
            }
        }
        var reports: [Report] = []
        for (ruleID, count) in unlogged.sorted(by: { $0.key < $1.key }) where count > 0 {
            if let last = lastLogged[ruleID], now - last < logInterval { continue }
            reports.append(Report(ruleID: ruleID, newHits: count, total: seen[ruleID] ?? count))
            unlogged[ruleID] = 0
            lastLogged[ruleID] = now
        }
        return (increments, reports)
    }

    /// The rule set was replaced: its counters start again from zero.
    package mutating func rulesReplaced() {
        seen.removeAll()
    }
}
