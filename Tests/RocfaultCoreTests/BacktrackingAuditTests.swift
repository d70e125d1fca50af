import Testing

@testable import RocfaultCore

@Suite struct BacktrackingAuditTests {
    static let catastrophic = [
        #"(a+)+$"#, #"(a|a)*$"#, #"(\w+\s?)*$"#, #"(.*a){12}"#, #"^(?:x+x+)+y"#, #"error: (\d+|\d+\.)*;"#,
        #"(?i)(A+)*b"#, #"((ab)*)+c"#,
    ]

    static let linear = [
        #"(\w+\s)*$"#, #"a+b+c+"#, #"(?>a+)+$"#, #"(a++)+$"#, #"ring (?<ring>\S+) timeout"#,
        #"(?:\s+\S+)*$"#, #"(a|b)*c"#, #"(.*a){2}"#, #"\[(?<hub>(?:gfx|mm|vm)hub\d*)\]"#,
    ]

    @Test(arguments: catastrophic)
    func flagsPatternsThatBacktrackCatastrophically(_ pattern: String) {
        #expect(BacktrackingAudit().problem(in: pattern) != nil, "\(pattern)")
    }

    @Test(arguments: linear)
    func leavesLinearPatternsAlone(_ pattern: String) {
        #expect(BacktrackingAudit().problem(in: pattern) == nil, "\(pattern)")
    }

    @Test func theProbeAloneCatchesNestedRepetitionBehindALiteral() throws {
        let pattern = #"boom: (a+)+$"#
        let shape = RegexShapeParser.shape(of: pattern)
        let line = try #require(BacktrackingAudit.probe(pattern, shape: shape, literals: ["boom:"]))
        #expect(line.hasPrefix("boom: a"))
        let linear = #"boom: (a+b)+$"#
        let linearShape = RegexShapeParser.shape(of: linear)
        #expect(BacktrackingAudit.probe(linear, shape: linearShape, literals: ["boom:"]) == nil)
    }

    @Test func everyShippedRuleIsLinear() throws {
        let rules = try ShippedRules.load().rules
        #expect(rules.count > 100)
        #expect(BacktrackingAudit().audit(rules).map(\.description) == [])
    }

    @Test func diagnosticsNameFileLineRuleAndPattern() throws {
        let text = """
            rules:
              - id: x.fine
                description: d
                kind: userspace
                class: memory-in-use
                literals: ["fine"]
                pattern: 'fine (\\w+)'
              - id: x.nested
                description: d
                kind: userspace
                class: memory-in-use
                literals: ["boom"]
                pattern: 'boom: (a+)+$'
            """
        let set = try RuleSet.load(files: [(name: "10-x.yaml", text: text)])
        let found = BacktrackingAudit().audit(set.rules)
        #expect(found.count == 1)
        let description = try #require(found.first?.description)
        #expect(description.hasPrefix("10-x.yaml:8: error: rule 'x.nested': pattern can backtrack catastrophically"))
        #expect(description.hasSuffix(": boom: (a+)+$"))
    }
}
