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

    /// `hip.error.named` leaves out HIP's routine probe codes (and three codes other rules decide);
    /// `hip.error.raised` takes exactly those probe codes back when a program raised them. The two
    /// lists live in two patterns, so this keeps them equal.
    @Test func theProbeCodesLeftOutOfNamedHIPErrorsAreTheOnesRaisedErrorsTakeBack() throws {
        let set = try ShippedRules.load()
        let named = try #require(set.rule(id: "hip.error.named")?.pattern)
        let raised = try #require(set.rule(id: "hip.error.raised")?.pattern)
        func codes(in pattern: String, after opening: String) throws -> Set<String> {
            let start = try #require(pattern.ranges(of: opening).first).upperBound
            let end = try #require(pattern[start...].firstIndex(of: ")"))
            return Set(pattern[start..<end].split(separator: "|").map(String.init))
        }
        let leftOut = try codes(in: named, after: "hipError(?!(?:")
        let takenBack = try codes(in: raised, after: "hipError(?:")
        let decidedElsewhere: Set = ["InvalidDeviceFunction", "NoBinaryForGpu", "OutOfMemory"]
        #expect(takenBack.count >= 8)
        #expect(leftOut.subtracting(decidedElsewhere) == takenBack)
    }
}
