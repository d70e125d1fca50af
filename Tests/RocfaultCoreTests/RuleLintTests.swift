import Testing

@testable import RocfaultCore

/// `rocfault rules lint`'s checks beyond loading: prose cut by ` #`, and rule ids.
@Suite struct RuleLintTests {
    static let file = """
        rules:
          - id: my.bad rule
            description: A fault (see #12) that is quoted "right" # a real comment after the text
            kind: kernel
            pattern: 'a #b'
            advice: |
              A block scalar keeps # and ' #' as text
              title: not a key # inside the block
          - id: x.fine-name
            description: "quoted # is text"
        known-issues:
          - id: ROCm/ROCm#6118
            title: CPF page fault on queue creation (also ROCm/ROCm#6146, #6186)
            advice: >-
              folded # text is kept
            url: https://github.com/ROCm/ROCm/issues/6118  # a comment after a url is fine
          - id: ROCm/ROCm#1
            title: Starts plain and goes on
              to a second line #2 that is cut
        """

    @Test func findsProseCutByAComment() {
        let found = RuleLint.cutProse(in: Self.file, file: "x.yaml")
        #expect(found.map(\.location.line) == [3, 13, 19])
        #expect(
            found.first?.message == "'description' is cut at ' #' (YAML reads the rest as a comment): quote the value"
        )
        #expect(found.last?.message.hasPrefix("'title' is cut") == true)
    }

    @Test(arguments: [
        ("amdgpu.page-fault.header", true), ("rocr.memory-in-use", true), ("model-load.starts", true),
        ("gpu-work.rocm-device", true), ("x.y2", true), ("my.bad rule", false), ("Amdgpu.fault", false),
        ("single", false), ("a..b", false), ("a.-b", false), ("a.b-", false), ("a.b_c", false), (".a", false),
    ])
    func idsAreLowerDottedWords(id: String, valid: Bool) {
        #expect(RuleLint.isDottedWords(id) == valid)
    }

    @Test func shippedRulesPass() throws {
        let files = try ShippedRules.files()
        let set = try RuleSet.load(files: files)
        #expect(RuleLint.diagnostics(files: files, rules: set.rules).map(\.description) == [])
    }
}
