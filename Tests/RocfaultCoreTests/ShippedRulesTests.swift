import Testing

@testable import RocfaultCore

/// The shipped rule set loads cleanly and every rule's examples hold.
@Suite struct ShippedRulesTests {
    @Test func everyExampleOfEveryShippedRuleHolds() throws {
        let set = try ShippedRules.load()
        #expect(set.rules.count > 150)
        let report = RuleExampleRunner(ruleSet: set).run()
        #expect(report.checked > 500)
        #expect(report.failures.isEmpty, "\(report.failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyRuleHasANoMatchExampleAndAKnownClassForItsKind() throws {
        let set = try ShippedRules.load()
        for rule in set.rules {
            #expect(!rule.noMatchExamples.isEmpty, "\(rule.id) has no near-miss example")
        }
        let deciding = set.rules.filter { $0.kind == .kernel }
        #expect(deciding.allSatisfy { $0.origin == .kernel }, "kernel rules must refuse lines written by processes")
    }
}
