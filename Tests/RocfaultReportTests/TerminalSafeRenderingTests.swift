import RocfaultStore
import Testing

@testable import RocfaultCLI
@testable import RocfaultCore

/// The CLI's renderers escape what came from logs and leave their own colours alone.
@Suite struct TerminalSafeRenderingTests {
    @Test func tableAndEvidenceEscapeLogText() throws {
        var incident = ReportBuilderTests.stored().incident
        incident.comm = "py\u{1B}]0;x\u{07}"
        let cells = IncidentTable.cells(incident)
        #expect(cells[5] == "py\\e]0;x\\x07")
        let coloured = IncidentRenderer(style: Style(enabled: true)).evidence(of: incident, explain: true)
        #expect(coloured.contains("node-0\\e]0;pwned\\x07"))
        #expect(!coloured.contains("\u{07}"))
        #expect(coloured.contains("\u{1B}[1m"), "the renderer's own bold stays")
    }

    /// The job names its threads, prints its last line and opens files of any name: `run`'s stall
    /// notice escapes them all, and the known issue's words too.
    @Test func theStallNoticeEscapesTheJobsText() {
        let thread = ThreadActivity(
            pid: 42,
            tid: 43,
            name: "w\u{1B}]0;pwned\u{07}",
            state: "S",
            cpuTicks: 0,
            waitChannel: "dma_fence_wait",
            syscall: "ioctl",
            ioctlTarget: "/tmp/\u{1B}[2Jx"
        )
        let notice = StallNotice(
            pid: 42,
            comm: "job\u{1B}[8m",
            silentFor: .seconds(300),
            activity: .gpuWait(threads: 1, detail: "dma_fence_wait"),
            threads: [ThreadReport(thread: thread, cpuPercent: 0)]
        )
        let issue = KnownIssueMatch(
            KnownIssue(
                id: "rocm-6582",
                url: nil,
                title: "t\u{07}",
                advice: "a\u{1B}c",
                fingerprints: [],
                location: SourceLocation(file: "custom.yaml", line: 1)
            )
        )
        let text = StallNoticeRenderer(style: Style(enabled: true)).render(
            notice,
            lastLine: "loading\rdone\u{1B}[31m",
            knownIssues: [issue]
        )
        #expect(!text.contains("\u{07}"))
        #expect(text.filter { $0 == "\u{1B}" }.count == 2, "only the renderer's own bold: \(text.debugDescription)")
        #expect(text.contains("thread 43 (w\\e]0;pwned\\x07)"))
        #expect(text.contains("on /tmp/\\e[2Jx"))
        #expect(text.contains("no output from job\\e[8m (pid 42)"))
        #expect(text.contains("Known issue: t\\x07"))
    }

    /// A saved kernel log's file name reaches the coverage caveat of `check` (and `show`): escaped.
    @Test func theCoverageCaveatEscapesTheFileNamesItNames() {
        var ledger = KernelLogCoverageLedger()
        let day: Int64 = 86_400_000_000
        ledger.record(
            KernelLogCoverageLedger.Interval(
                source: "kern\u{1B}]0;x\u{07}.log",
                bootID: nil,
                from: EventTime(realtimeMicroseconds: 1_764_943_200_000_000 - 20 * day),
                to: EventTime(realtimeMicroseconds: 1_764_943_200_000_000 - 19 * day)
            )
        )
        var verdict = Verdict(
            side: .userspace,
            failureClass: .abort,
            kernelLog: .gap,
            knownIssues: [],
            summary: ""
        )
        verdict.kernelLogDetail = ledger.coverage(
            at: EventTime(realtimeMicroseconds: 1_764_943_200_000_000),
            bootID: nil
        )
        let caveat = IncidentRenderer(style: Style(enabled: false)).coverageCaveat(verdict)
        #expect(caveat.contains("kern\\e]0;x\\x07.log"), "\(caveat)")
        #expect(!caveat.contains("\u{1B}") && !caveat.contains("\u{07}"))
    }
}
