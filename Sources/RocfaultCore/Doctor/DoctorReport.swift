/// What `rocfault doctor` found: the facts it read and the findings of the check table.
package struct DoctorReport: Sendable, Hashable, Codable {
    /// The format version of the JSON document.
    package var version: Int = 1
    /// The facts.
    package var facts: DoctorFacts
    /// Findings and open checks, in table order.
    package var findings: [DoctorFinding]

    /// Creates a report by running the checks over the facts.
    package init(facts: DoctorFacts, checks: [DoctorCheck]) {
        self.facts = facts
        self.findings = DoctorEvaluator(checks: checks).evaluate(facts)
    }

    /// Findings whose condition holds, at this severity or worse.
    package func findings(atLeast severity: DoctorSeverity) -> [DoctorFinding] {
        findings.filter { $0.outcome == .finding && $0.severity >= severity }
    }

    /// Findings and open checks that may explain an incident of this class on this gfx target.
    package func bearing(on failureClass: FailureClass, gfxTarget: String?) -> [DoctorFinding] {
        findings.filter { $0.bears(on: failureClass, gfxTarget: gfxTarget) }
    }
}
