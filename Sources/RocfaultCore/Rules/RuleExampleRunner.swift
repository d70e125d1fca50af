/// Runs every rule's examples: match examples must match with their captures and contain a literal;
/// no-match examples must not match.
package struct RuleExampleRunner: Sendable {
    /// The outcome of a run.
    package struct Report: Sendable {
        /// How many examples were checked.
        package var checked: Int
        /// The examples that failed, each with its file and line.
        package var failures: [RuleDiagnostic]
    }

    private let ruleSet: RuleSet

    /// Creates a runner over a rule set.
    package init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    /// Checks every example of every rule.
    package func run() -> Report {
        var report = Report(checked: 0, failures: [])
        let matcher = RuleMatcher(ruleSet: ruleSet)
        for rule in ruleSet.rules {
            if rule.matchExamples.isEmpty {
                report.failures.append(RuleDiagnostic(rule.location, "rule '\(rule.id)' has no match example"))
            }
            for example in rule.matchExamples {
                report.checked += 1
                report.failures += checkMatch(example, of: rule, matcher: matcher)
            }
            for example in rule.noMatchExamples {
                report.checked += 1
                if matcher.captures(ofRule: rule.id, in: example.text) != nil {
                    report.failures.append(
                        RuleDiagnostic(example.location, "rule '\(rule.id)' matches its no-match example")
                    )
                }
            }
        }
        return report
    }

    private func checkMatch(_ example: RuleExample, of rule: Rule, matcher: RuleMatcher) -> [RuleDiagnostic] {
        guard let captures = matcher.captures(ofRule: rule.id, in: example.text) else {
            return [RuleDiagnostic(example.location, "rule '\(rule.id)' does not match its example")]
        }
        var failures: [RuleDiagnostic] = []
        if !rule.literals.contains(where: { example.text.contains($0) }) {
            failures.append(
                RuleDiagnostic(
                    example.location,
                    "rule '\(rule.id)': no literal occurs in the example, so the prefilter would skip it"
                )
            )
        }
        for (name, expected) in example.captures.sorted(by: { $0.key < $1.key }) where captures[name] != expected {
            let actual = captures[name].map { "'\($0)'" } ?? "nothing"
            failures.append(
                RuleDiagnostic(
                    example.location,
                    "rule '\(rule.id)': capture '\(name)' is \(actual), expected '\(expected)'"
                )
            )
        }
        return failures
    }
}
