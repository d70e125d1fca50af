import Foundation
import Testing

@testable import RocfaultCore

@Suite struct RuleFileParserTests {
    static let valid = """
        rules:
          - id: test.page-fault
            description: A page fault header.
            kind: kernel
            class: page-fault
            origin: kernel
            literals: ["page fault"]
            pattern: 'page fault \\(src_id:\\d+ ring:\\d+ vmid:\\d+ pasid:(?<pasid>\\d+)'
            examples:
              match:
                - text: '[gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:32771)'
                  captures: {pasid: "32771"}
              no-match:
                - 'page fault handled'
          - id: test.page-fault.process
            description: The process line.
            kind: kernel
            class: page-fault
            continues: test.page-fault
            within: 4
            literals: [" pid "]
            pattern: 'Process (?<comm>.+?) pid (?<pid>\\d+) thread'
            examples:
              match: ['Process python pid 5578 thread python pid 5578']
        known-issues:
          - id: ROCm/ROCm#1
            url: https://example.invalid/1
            title: A test issue.
            advice: Do the thing.
            when:
              - all: [test.page-fault]
                captures: {pasid: "32771"}
        """

    @Test func parsesRulesAndKnownIssues() throws {
        let result = RuleFileParser().parse(Self.valid, file: "t.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.rules.map(\.id) == ["test.page-fault", "test.page-fault.process"])
        let process = try #require(result.rules.last)
        #expect(process.continues == "test.page-fault")
        #expect(process.within == 4)
        #expect(process.origin == .any)
        #expect(result.rules[0].origin == .kernel)
        #expect(result.rules[0].matchExamples.first?.captures == ["pasid": "32771"])
        #expect(result.rules[0].location == SourceLocation(file: "t.yaml", line: 2))
        let issue = try #require(result.knownIssues.first)
        #expect(issue.isUpstream)
        #expect(issue.fingerprints.first?.captures == ["pasid": "32771"])
    }

    @Test func reportsFileAndLineForBadValues() {
        let text = """
            rules:
              - id: a.b
                description: x
                kind: kernal
                class: page-fault
                literals: ["abcd"]
                pattern: 'abcd'
                colour: blue
            """
        let result = RuleFileParser().parse(text, file: "bad.yaml")
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("bad.yaml:4: error: 'kind' is 'kernal'") })
        #expect(messages.contains { $0.hasPrefix("bad.yaml:8: error: unknown key 'colour'") })
        #expect(result.rules.isEmpty)
    }

    @Test func needsHeaderIsAFlagOfContinuationsOnly() {
        let text = """
            rules:
              - id: a.frame
                description: x
                kind: context
                class: benign
                literals: ["abcd"]
                pattern: 'abcd'
              - id: a.raised
                description: x
                kind: userspace
                class: framework-error
                continues: a.frame
                needs-header: yes please
                literals: ["efgh"]
                pattern: 'efgh'
              - id: a.alone
                description: x
                kind: userspace
                class: framework-error
                needs-header: true
                literals: ["ijkl"]
                pattern: 'ijkl'
            """
        let parsed = RuleFileParser().parse(text, file: "flag.yaml")
        #expect(
            parsed.diagnostics.map(\.description).contains {
                $0.hasPrefix("flag.yaml:13: error: 'needs-header' must be true or false")
            }
        )
        let fixed = text.replacingOccurrences(of: "needs-header: yes please", with: "needs-header: true")
        do {
            let set = try RuleSet.load(files: [("flag.yaml", fixed)])
            Issue.record("a rule set with needs-header and no continues loaded: \(set.rules.map(\.id))")
        } catch {
            #expect(error.description.contains("rule 'a.alone': 'needs-header' needs 'continues'"))
            #expect(!error.description.contains("'a.raised'"))
        }
        let decidingHeader = fixed.replacingOccurrences(of: "kind: context", with: "kind: userspace")
            .replacingOccurrences(of: "class: benign", with: "class: framework-error")
        do {
            _ = try RuleSet.load(files: [("flag.yaml", decidingHeader)])
            Issue.record("needs-header on a header that decides a side loaded")
        } catch {
            #expect(
                error.description.contains("rule 'a.raised' needs its header 'a.frame', which decides a side itself")
            )
        }
    }

    /// `demotes-within` is read as a number of lines and needs `demotes` beside it.
    @Test func demotesWithinNeedsDemotes() throws {
        let text = """
            rules:
              - id: a.setup
                description: x
                kind: context
                class: install-error
                demotes: [a.failure]
                demotes-within: 5
                literals: ["abcd"]
                pattern: 'abcd'
              - id: a.failure
                description: x
                kind: userspace
                class: library-error
                literals: ["efgh"]
                pattern: 'efgh'
            """
        let set = try RuleSet.load(files: [("reach.yaml", text)])
        #expect(set.rule(id: "a.setup")?.demotesWithin == 5)
        #expect(set.rule(id: "a.failure")?.demotesWithin == nil)
        let alone = text.replacingOccurrences(of: "    demotes: [a.failure]\n", with: "")
        do {
            _ = try RuleSet.load(files: [("reach.yaml", alone)])
            Issue.record("demotes-within without demotes loaded")
        } catch {
            #expect(error.description.contains("rule 'a.setup': 'demotes-within' needs 'demotes' and at least 1"))
        }
    }

    @Test func reportsYAMLSyntaxErrorsWithLine() {
        let result = RuleFileParser().parse("rules:\n  - id: [unclosed\n", file: "syntax.yaml")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.location.file == "syntax.yaml")
        #expect((result.diagnostics.first?.location.line ?? 0) >= 2)
    }

    @Test func missingRequiredKeysAreNamed() {
        let result = RuleFileParser().parse("rules:\n  - id: only.id\n", file: "m.yaml")
        let messages = result.diagnostics.map(\.message)
        for key in ["description", "kind", "class", "pattern"] {
            #expect(messages.contains("missing key '\(key)'"))
        }
        #expect(messages.contains("'literals' must list at least one literal"))
    }

    @Test func emptyAndNonMappingFiles() {
        #expect(RuleFileParser().parse("", file: "e.yaml").diagnostics.isEmpty)
        #expect(!RuleFileParser().parse("- just\n- a list\n", file: "l.yaml").diagnostics.isEmpty)
    }
}

@Suite struct RuleSetTests {
    @Test func buildsAndMatchesThroughThePrefilter() throws {
        let set = try RuleSet.load(files: [("t.yaml", RuleFileParserTests.valid)])
        let matches = set.matches(in: "amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:9 pasid:32771)")
        #expect(matches.map(\.rule.id) == ["test.page-fault"])
        #expect(matches.first?.captures["pasid"] == "32771")
        #expect(set.matches(in: "nothing to see").isEmpty)
    }

    @Test func crossFileProblemsAreAllReported() {
        let broken = """
            rules:
              - id: x.one
                description: d
                kind: kernel
                class: page-fault
                literals: ["abc"]
                pattern: 'abc('
                continues: x.missing
                demotes: [x.nowhere]
                ends: [test.page-fault.process]
            known-issues:
              - id: local:thing
                title: t
                advice: a
                when:
                  - all: [x.unknown]
            """
        do {
            _ = try RuleSet.load(files: [("a.yaml", RuleFileParserTests.valid), ("b.yaml", broken)])
            Issue.record("a broken rule set loaded")
        } catch {
            let text = error.description
            #expect(text.contains("b.yaml:2: error: rule 'x.one': pattern does not compile"))
            #expect(text.contains("literal 'abc' must be at least 4 bytes"))
            #expect(text.contains("continues unknown rule 'x.missing'"))
            #expect(text.contains("demotes unknown rule 'x.nowhere'"))
            #expect(text.contains("ends 'test.page-fault.process', which no continuation follows"))
            #expect(text.contains("names unknown rule 'x.unknown'"))
        }
    }

    @Test func duplicateIDsAcrossFiles() {
        #expect(throws: RuleSetError.self) {
            try RuleSet.load(files: [("a.yaml", RuleFileParserTests.valid), ("b.yaml", RuleFileParserTests.valid)])
        }
    }

    @Test func exampleRunnerFindsBrokenExamples() throws {
        let text = """
            rules:
              - id: t.reset
                description: d
                kind: kernel
                class: gpu-reset
                literals: ["GPU reset"]
                pattern: 'GPU reset(?:\\((?<count>\\d+)\\))? succeeded'
                examples:
                  match:
                    - text: 'GPU reset(6) succeeded!'
                      captures: {count: "7"}
                    - 'GPU  reset succeeded'
                  no-match:
                    - 'GPU reset succeeded, trying to resume'
            """
        let set = try RuleSet.load(files: [("r.yaml", text)])
        let report = RuleExampleRunner(ruleSet: set).run()
        #expect(report.checked == 3)
        let messages = report.failures.map(\.description)
        #expect(messages.contains { $0.contains("r.yaml:10:") && $0.contains("capture 'count' is '6', expected '7'") })
        #expect(messages.contains { $0.contains("r.yaml:12:") && $0.contains("does not match its example") })
        #expect(messages.contains { $0.contains("r.yaml:14:") && $0.contains("matches its no-match example") })
    }

    @Test func exampleWithoutLiteralIsReported() throws {
        let text = """
            rules:
              - id: t.any
                description: d
                kind: userspace
                class: hip-error
                literals: ["hipError"]
                pattern: 'hip\\w*Error'
                examples:
                  match: ['hipGetLastError returned']
            """
        let report = RuleExampleRunner(ruleSet: try RuleSet.load(files: [("l.yaml", text)])).run()
        #expect(report.failures.map(\.message).contains { $0.contains("prefilter would skip it") })
    }
}
