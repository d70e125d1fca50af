import Foundation
import Logging
import RocfaultCore
import RocfaultStore

extension IngestLoop {
    /// Adds the match-limit hits of the rules since the last commit to the store's totals (shown by
    /// `rocfault status`) and logs them, at most once a minute per rule.
    func recordMatchLimitHits() {
        let (increments, reports) = matchLimits.update(totals: machine.engine.matchLimitHits(), now: clock.now())
        for report in reports {
            let message =
                "rule \(report.ruleID): its pattern hit the match limit on \(report.newHits) lines "
                + "(\(report.total) since the rules were loaded); those lines count as no match. "
                + "`rocfault rules lint` flags patterns that backtrack catastrophically"
            logger.warning("\(message)")
        }
        guard !increments.isEmpty else { return }
        do {
            try store.addMatchLimitHits(increments, at: Date())
        } catch {
            logger.warning("could not record match-limit hits: \(error)")
        }
    }
}
