/// Runs every doctor check's examples: each fact set must give the outcome it names. A check with
/// no example of a finding fails too, so every check is shown to fire at least once.
package struct DoctorCheckExampleRunner: Sendable {
    private let checks: [DoctorCheck]

    /// Creates a runner over checks.
    package init(checks: [DoctorCheck]) { self.checks = checks }

    /// Checks every example.
    package func run() -> RuleExampleRunner.Report {
        var report = RuleExampleRunner.Report(checked: 0, failures: [])
        for check in checks {
            if !check.examples.contains(where: { $0.expect == .finding }) {
                report.failures.append(
                    RuleDiagnostic(check.location, "doctor check '\(check.id)' has no finding example")
                )
            }
            for example in check.examples {
                report.checked += 1
                let actual = Self.outcome(of: check, on: example)
                if actual != example.expect {
                    report.failures.append(
                        RuleDiagnostic(
                            example.location,
                            "doctor check '\(check.id)': example gives '\(actual.rawValue)', expected '\(example.expect.rawValue)'"
                        )
                    )
                }
            }
        }
        return report
    }

    /// The outcome of a check on an example's facts (one GPU holds the `gpu.` facts).
    package static func outcome(of check: DoctorCheck, on example: DoctorCheck.Example) -> DoctorOutcome {
        var facts = DoctorFacts(missingIsAbsent: true)
        var gpu = DoctorGPU(name: "example GPU")
        for (key, value) in example.facts {
            let fact: DoctorFact =
                value == "(unknown)"
                ? .unknown("unknown in the example", source: "example") : .known(value, from: "example")
            if DoctorFactKeys.isGPUKey(key) { gpu.facts[key] = fact } else { facts.machine[key] = fact }
        }
        facts.gpus = [gpu]
        facts = DoctorDerivedFacts.adding(to: facts)
        return DoctorEvaluator.outcome(of: check, facts: facts, gpu: check.scope == .gpu ? facts.gpus[0] : nil).outcome
    }
}
