import Testing

@testable import RocfaultCore

@Suite struct LiveEngineTests {
    typealias Support = EngineTestSupport

    private func engine() throws -> LiveEngine {
        var configuration = Correlator.Configuration()
        configuration.quietPeriod = .seconds(5)
        configuration.nonDecidingEvidenceOpensIncidents = false
        return LiveEngine(ruleSet: try Support.ruleSet(), configuration: configuration, firstID: 40)
    }

    @Test func recordsAnIncidentAtOnceAndFinalisesItWhenQuiet() throws {
        var engine = try engine()
        let now: Int64 = 1_000_000_000
        let first = engine.ingest(
            Support.user("Memory critical error by agent node-0", line: 0, pid: 7),
            source: "journal",
            now: now
        )
        #expect(first.updated.map(\.id) == ["40"])
        #expect(engine.tick(now: now + 4_000_000).finalized.isEmpty)
        #expect(engine.tick(now: now + 5_000_000).finalized.map(\.id) == ["40"])
        #expect(engine.openIncidents.isEmpty)
    }

    @Test func ingestReturnsTheRulesTheRecordMatched() throws {
        var engine = try engine()
        let record = Support.user("Memory critical error by agent node-0", line: 0, pid: 7)
        let output = engine.ingest(record, source: "journal", now: 0)
        #expect(!output.matches.isEmpty)
        #expect(output.matches == RuleMatcher(ruleSet: engine.rules).matches(in: record.text))
        let plain = engine.ingest(Support.user("an ordinary line", line: 1, pid: 7), source: "journal", now: 0)
        #expect(plain.matches.isEmpty)
    }

    @Test func blocksWaitForTheirContinuationsUntilFlushed() throws {
        var engine = try engine()
        let header = engine.ingest(
            Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:9)", line: 0, seconds: 1),
            source: "kmsg",
            now: 0
        )
        #expect(header.isEmpty)
        #expect(engine.hasOpenBlocks(source: "kmsg"))
        _ = engine.ingest(
            Support.kernel("Process python pid 77 thread python pid 77", line: 0, seconds: 1),
            source: "kmsg",
            now: 0
        )
        let flushed = engine.flush(source: "kmsg", now: 0)
        #expect(flushed.updated.first?.pid == 77)
        #expect(flushed.updated.first?.evidence.first?.lines.count == 2)
    }

    @Test func benignLinesAloneOpenNothingInTheDaemon() throws {
        var engine = try engine()
        let output = engine.ingest(
            Support.kernel(#"Optional firmware "amdgpu/isp_4_1_0.bin" was not found"#, line: 0),
            source: "kmsg",
            now: 0
        )
        #expect(output.isEmpty)
        #expect(engine.openIncidents.isEmpty)
    }

    @Test func evidenceKeepsThePrecedingLinesAsContext() throws {
        var engine = try engine()
        for index in 1...8 {
            _ = engine.ingest(Support.user("ordinary line \(index)", line: 0, pid: 7), source: "journal", now: 0)
        }
        let output = engine.ingest(
            Support.user("Memory critical error by agent node-0", line: 0, pid: 7),
            source: "journal",
            now: 0
        )
        let context = try #require(output.context["40\u{1F}u.inuse"])
        #expect(context.map(\.text) == (4...8).map { "ordinary line \($0)" })
    }

    @Test func contextKeepsOnlyTheIncidentsProcessAndTheKernel() throws {
        var engine = try engine()
        let records = [
            Support.user("loading model", line: 0, pid: 7),
            Support.user("Accepted password for alice from 203.0.113.9 port 52144 ssh2", line: 0, pid: 99),
            Support.kernel("amdgpu 0000:c3:00.0: amdgpu: SMU is resumed successfully!", line: 0, seconds: 1),
            Support.user("alice : PWD=/home/alice ; COMMAND=/usr/bin/mysql -pS3cret", line: 0, pid: 100),
            Support.user("sampling step 3/20", line: 0, pid: 7),
            Support.user("a line whose writer is unknown", line: 0),
        ]
        for record in records { _ = engine.ingest(record, source: "journal", now: 0) }
        let output = engine.ingest(
            Support.user("Memory critical error by agent node-0", line: 0, pid: 7),
            source: "journal",
            now: 0
        )
        let context = try #require(output.context["40\u{1F}u.inuse"])
        #expect(
            context.map(\.text) == [
                "loading model", "amdgpu 0000:c3:00.0: amdgpu: SMU is resumed successfully!", "sampling step 3/20",
            ]
        )
    }

    @Test func lineScopeAdmitsTheKernelAndTheIncidentsWriters() {
        let evidence = Evidence(
            ruleID: "u.inuse",
            kind: .userspace,
            failureClass: .memoryInUse,
            lines: [EvidenceLine(record: Support.user("Memory critical error", line: 0, pid: 31), ruleID: "u.inuse")],
            captures: [:]
        )
        let scope = IncidentLineScope(pid: 30, evidence: [evidence])
        #expect(scope.pids == [30, 31])
        #expect(scope.admits(origin: .kernel, pid: nil))
        #expect(scope.admits(origin: .userspace, pid: 31))
        #expect(!scope.admits(origin: .userspace, pid: 32))
        #expect(!scope.admits(origin: .userspace, pid: nil))
        #expect(!scope.admits(origin: .unknown, pid: nil))
        #expect(IncidentLineScope(pid: nil, evidence: []).pids.isEmpty)
    }

    @Test func pasidOwnersAttributeFaultsWithoutAProcessLine() throws {
        var engine = try engine()
        engine.learnPASID(32771, owner: 4242)
        _ = engine.ingest(
            Support.kernel("[gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:32771)", line: 0, seconds: 1),
            source: "kmsg",
            now: 0
        )
        let output = engine.flushAll(now: 0)
        #expect(output.updated.first?.pid == 4242)
    }

    @Test func reloadingRulesKeepsOpenIncidents() throws {
        var engine = try engine()
        _ = engine.ingest(
            Support.user("Memory critical error by agent node-0", line: 0, pid: 7),
            source: "journal",
            now: 0
        )
        let smaller = try RuleSet.load(files: [
            (
                "one.yaml",
                """
                rules:
                  - id: only.reset
                    description: d
                    kind: kernel
                    class: gpu-reset
                    literals: ["GPU reset begin"]
                    pattern: 'GPU reset begin!'
                """
            )
        ])
        _ = engine.replaceRules(smaller, now: 0)
        #expect(engine.rules.rules.count == 1)
        #expect(engine.openIncidents.count == 1)
        let after = engine.ingest(
            Support.user("Memory critical error by agent node-0", line: 0, pid: 7),
            source: "journal",
            now: 0
        )
        #expect(after.isEmpty)
    }
}
