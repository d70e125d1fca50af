import Testing

@testable import RocfaultCore

@Suite struct DevcoredumpCheckTests {
    private func check(_ text: String) throws -> CheckResult {
        var checker = LogChecker(
            ruleSet: try ShippedRules.load(),
            timeContext: TimeContext(referenceRealtimeMicroseconds: 1_795_000_000_000_000, utcOffsetSeconds: 0)
        )
        checker.add(devcoredump: try DevcoredumpParser.parse(text), file: "data")
        return checker.finish()
    }

    @Test func aDumpWithMES0x83OnGC1151IsKernelSideWithTheKnownIssue() throws {
        let result = try check(DevcoredumpFixtures.kernel6_12())
        #expect(result.verdict.side == .kernel)
        #expect(result.verdict.failureClass == .ringTimeout)
        #expect(result.verdict.knownIssues.contains("ROCm/ROCm#5724"))
        let incident = try #require(result.incidents.first)
        #expect(incident.pid == 4242)
        #expect(incident.comm == "python3")
        let evidence = try #require(incident.evidence.first)
        #expect(evidence.captures["ring"] == "comp_1.0.0")
        #expect(evidence.captures["status"] == "0x00800932")
        #expect(evidence.captures["fw"]?.contains("MES=0x00000083") == true)
        #expect(result.devcoredumps?.first?.summary.contains("Process: python3 (pid 4242)") == true)
    }

    @Test(arguments: [(UInt64(0x80), (11, 5, 1)), (UInt64(0x83), (11, 0, 0))])
    func otherFirmwareOrAnotherCoreMatchesNothing(mes: UInt64, gc: (Int, Int, Int)) throws {
        let result = try check(DevcoredumpFixtures.kernel6_12(gc: gc, mes: mes))
        #expect(result.verdict.side == .kernel)
        #expect(!result.verdict.knownIssues.contains("ROCm/ROCm#5724"))
    }

    @Test func aResetDumpWithoutARingIsAGPUReset() throws {
        let result = try check(DevcoredumpFixtures.kernel6_12(ring: nil, fault: nil, process: nil))
        #expect(result.verdict.side == .kernel)
        #expect(result.verdict.failureClass == .gpuReset)
    }

    @Test func firmwareConditionsCompareByValueAndNeedTheFact() {
        let issue = KnownIssue(
            id: "x/y#1",
            url: nil,
            title: "t",
            advice: "a",
            fingerprints: [KnownIssue.Fingerprint(any: ["r"], firmware: ["MES": 0x83])],
            location: SourceLocation(file: "f", line: 1)
        )
        let matcher = KnownIssueMatcher(knownIssues: [issue])
        func evidence(_ captures: [String: String]) -> [Evidence] {
            let record = LogRecord(
                text: "x",
                origin: .kernel,
                format: .plain,
                location: SourceLocation(file: "f", line: 1)
            )
            return [
                Evidence(
                    ruleID: "r",
                    kind: .kernel,
                    failureClass: .gpuReset,
                    lines: [EvidenceLine(record: record, ruleID: "r")],
                    captures: captures
                )
            ]
        }
        #expect(matcher.matches(evidence: evidence(["fw": "MES_KIQ=0x6f MES=0x00000083"]), gfxTarget: nil).count == 1)
        #expect(matcher.matches(evidence: evidence(["fw": "MES=0x00000084"]), gfxTarget: nil).isEmpty)
        #expect(matcher.matches(evidence: evidence([:]), gfxTarget: nil).isEmpty)
        #expect(matcher.matches(evidence: evidence([:]), gfxTarget: nil, firmware: ["MES": 131]).count == 1)
    }

    @Test func theLinterRejectsAFirmwareValueThatIsNoNumber() {
        let text = """
            known-issues:
              - id: x/y#1
                title: t
                advice: a
                when:
                  - any: [r]
                    firmware: {MES: "new", "bad name": "0x1"}
            """
        let messages = RuleFileParser().parse(text, file: "k.yaml").diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("firmware 'MES': 'new' is not a version number") })
        #expect(messages.contains { $0.contains("firmware name 'bad name'") })
    }
}
