import RocfaultCore
import Testing

@testable import RocfaultCLI

@Suite struct IncidentFilterTests {
    static let current = "cccccccccccccccccccccccccccccccc"
    static let boots = [
        IncidentFilter.Boot(id: "22222222222222222222222222222222", first: 2_000),
        IncidentFilter.Boot(id: current, first: 100),
        IncidentFilter.Boot(id: "11111111111111111111111111111111", first: 1_000),
        IncidentFilter.Boot(id: "22222222222222222222222222222222", first: 1_500),
        IncidentFilter.Boot(id: "33333333333333333333333333333333", first: nil),
    ]

    @Test func bootOffsetsCountAsJournalctlDoesWithTheCurrentBootLast() throws {
        #expect(
            IncidentFilter.order(Self.boots, current: Self.current) == [
                "11111111111111111111111111111111", "22222222222222222222222222222222",
                "33333333333333333333333333333333", Self.current,
            ],
            "each boot once at its earliest time, unknown times after known ones, the current boot last"
        )
        func resolve(_ spec: String) throws -> String {
            try IncidentFilter.resolveBoot(spec, boots: Self.boots, current: Self.current)
        }
        #expect(try resolve("0") == Self.current)
        #expect(try resolve("-1") == "33333333333333333333333333333333")
        #expect(try resolve("-3") == "11111111111111111111111111111111")
        #expect(try resolve("1") == "11111111111111111111111111111111")
        #expect(try resolve("+2") == "22222222222222222222222222222222")
        #expect(try resolve("ABCDEF01-2345-6789-abcd-ef0123456789") == "abcdef0123456789abcdef0123456789")
        #expect(throws: IncidentFilter.Invalid.self) { try resolve("-4") }
        #expect(throws: IncidentFilter.Invalid.self) { try resolve("5") }
        #expect(throws: IncidentFilter.Invalid.self) { try resolve("yesterday") }
        #expect(try IncidentFilter.resolveBoot("0", boots: [], current: Self.current) == Self.current)
    }

    @Test func bareBootTakesNoValueFromTheNextOption() {
        #expect(CommandLineArguments.normalised(["list", "-b"]) == ["list", "--boot=0"])
        #expect(CommandLineArguments.normalised(["list", "-b", "-1", "-n", "2"]) == ["list", "--boot=-1", "-n", "2"])
        #expect(CommandLineArguments.normalised(["list", "--boot", "-n", "2"]) == ["list", "--boot=0", "-n", "2"])
        #expect(
            CommandLineArguments.normalised(["list", "-b", "abcdef0123456789abcdef0123456789"])
                == ["list", "--boot=abcdef0123456789abcdef0123456789"]
        )
        #expect(CommandLineArguments.normalised(["run", "--", "tool", "-b"]) == ["run", "--", "tool", "-b"])
    }

    static func incident(summary: String, line: String) -> Incident {
        let record = LogRecord(
            text: line,
            origin: .kernel,
            format: .kmsg,
            location: SourceLocation(file: "/dev/kmsg", line: 0)
        )
        let evidence = Evidence(
            ruleID: "amdgpu.page-fault",
            kind: .kernel,
            failureClass: .pageFault,
            lines: [EvidenceLine(record: record, ruleID: "amdgpu.page-fault")],
            captures: [:]
        )
        return Incident(
            id: "1",
            verdict: Verdict(
                side: .kernel,
                failureClass: .pageFault,
                kernelLog: .covered,
                knownIssues: [],
                summary: summary
            ),
            evidence: [evidence],
            knownIssues: [],
            pid: nil,
            comm: nil,
            pasid: nil,
            firstSeen: EventTime(),
            lastSeen: EventTime(),
            ruleCounts: [:],
            signature: "",
            isFinal: true
        )
    }

    @Test func grepIsCaseInsensitiveOnlyForAnAllLowercasePatternAndReadsSummaryAndLines() throws {
        let incident = Self.incident(
            summary: "Kernel-side: a GPU page fault.",
            line: "amdgpu: [gfxhub] Page Fault (pasid:32770)"
        )
        func matches(_ pattern: String, boot: String? = nil) throws -> Bool {
            let filter = IncidentFilter(bootID: boot, pattern: try IncidentFilter.compile(grep: pattern))
            return filter.matches(incident, bootID: "b1")
        }
        #expect(try matches("page fault"))
        #expect(try matches("gpu page"), "the summary, case-insensitive")
        #expect(try matches("Page Fault"), "the line, case-sensitive")
        #expect(try !matches("PAGE FAULT"))
        #expect(try matches("pasid:\\d+"))
        #expect(try !matches("page fault", boot: "b2"))
        #expect(throws: IncidentFilter.Invalid.self) { try IncidentFilter.compile(grep: "(unclosed") }
    }

    @Test func pruneDurationsNeedAUnit() throws {
        #expect(try PruneCommand.seconds("30d") == 30 * 86_400)
        #expect(try PruneCommand.seconds("1d12h") == 36 * 3_600)
        #expect(try PruneCommand.seconds("90min") == 5_400)
        for bad in ["30", "", "soon", "-1d", "0d"] {
            #expect(throws: (any Error).self, "\(bad)") { try PruneCommand.seconds(bad) }
        }
    }
}
