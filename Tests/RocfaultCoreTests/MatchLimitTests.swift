import Testing

@testable import RocfaultCore

@Suite struct MatchLimitTests {
    static let adversarialLine = "boom: " + String(repeating: "a", count: 40) + "!"

    @Test func aMatchThatReachesTheLimitIsCountedAsAHitAndNoMatch() throws {
        let pattern = try CompiledPattern(#"boom: (a+)+$"#)
        let matcher = PatternMatcher()
        #expect(pattern.matchLimit == CompiledPattern.defaultMatchLimit)
        #expect(matcher.firstMatch(of: pattern, in: Self.adversarialLine) == nil)
        #expect(matcher.matchLimitHits == 1)
        #expect(matcher.firstMatch(of: pattern, in: "boom: aaaa") != nil)
        #expect(matcher.firstMatch(of: pattern, in: "nothing here") == nil)
        #expect(matcher.matchLimitHits == 1, "a plain mismatch is not a limit hit")
    }

    @Test func theLimitBoundsTheWorkOfOneLine() throws {
        let pattern = try CompiledPattern(#"boom: (a+)+$"#)
        let matcher = PatternMatcher()
        let clock = ContinuousClock()
        let started = clock.now
        for _ in 0..<20 { _ = matcher.firstMatch(of: pattern, in: Self.adversarialLine) }
        #expect(matcher.matchLimitHits == 20)
        #expect(clock.now - started < .seconds(2), "PCRE2's default limit takes about 15 ms a line; ours far less")
    }

    @Test func theRuleSetCountsHitsPerRule() throws {
        let text = """
            rules:
              - id: x.nested
                description: d
                kind: userspace
                class: memory-in-use
                literals: ["boom"]
                pattern: 'boom: (a+)+$'
              - id: x.plain
                description: d
                kind: userspace
                class: memory-in-use
                literals: ["boom"]
                pattern: 'boom: a+'
            """
        let set = try RuleSet.load(files: [(name: "10-x.yaml", text: text)])
        let matcher = RuleMatcher(ruleSet: set)
        let matches = matcher.matches(in: Self.adversarialLine)
        #expect(matches.map(\.rule.id) == ["x.plain"])
        _ = matcher.matches(in: Self.adversarialLine)
        #expect(matcher.matchLimitHits() == ["x.nested": 2])
        #expect(RuleMatcher(ruleSet: set).matchLimitHits().isEmpty, "each matcher counts its own")
    }

    @Test func logLinesAreRateLimitedPerRuleAndIncrementsAreExact() {
        var log = MatchLimitLog(logInterval: 60_000_000)
        let first = log.update(totals: ["r": 3], now: 0)
        #expect(first.increments == ["r": 3])
        #expect(first.reports == [MatchLimitLog.Report(ruleID: "r", newHits: 3, total: 3)])
        let second = log.update(totals: ["r": 5, "s": 1], now: 10_000_000)
        #expect(second.increments == ["r": 2, "s": 1])
        #expect(second.reports.map(\.ruleID) == ["s"], "r was logged 10 s ago")
        let quiet = log.update(totals: ["r": 5, "s": 1], now: 20_000_000)
        #expect(quiet.increments.isEmpty)
        #expect(quiet.reports.isEmpty)
        let later = log.update(totals: ["r": 6, "s": 1], now: 61_000_000)
        #expect(later.reports == [MatchLimitLog.Report(ruleID: "r", newHits: 3, total: 6)])
        let reloaded = log.update(totals: ["r": 1], now: 200_000_000)
        #expect(reloaded.increments == ["r": 1], "counters start again after a rule reload")
        log.rulesReplaced()
        let fresh = log.update(totals: ["r": 4], now: 300_000_000)
        #expect(fresh.increments == ["r": 4], "after a reload every hit of the new set counts")
    }

    @Test func storeWriteFailuresRetryThenStopAndRecoverOnceInAWhile() {
        var failures = StoreWriteFailures(giveUpAfter: 30_000_000, recoveryInterval: 600_000_000)
        #expect(failures.failed(.other, now: 0) == .retry(afterMicroseconds: 1_000_000))
        #expect(failures.failed(.other, now: 29_000_000) == .retry(afterMicroseconds: 1_000_000))
        #expect(failures.failed(.other, now: 30_000_000) == .stop)
        failures.succeeded()
        #expect(!failures.isFailing)
        #expect(failures.failed(.other, now: 40_000_000) == .retry(afterMicroseconds: 1_000_000))
        #expect(failures.failed(.corrupt, now: 41_000_000) == .recover)
        #expect(failures.failed(.corrupt, now: 100_000_000) == .stop, "damaged again within 10 minutes")
        #expect(failures.failed(.corrupt, now: 700_000_000) == .recover)
    }
}
