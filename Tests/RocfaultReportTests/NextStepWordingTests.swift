import RocfaultCore
import Testing

@testable import RocfaultCLI

/// `show`'s `Next:` line offers a bug report only where one is due.
@Suite struct NextStepWordingTests {
    func show(_ failureClass: FailureClass, rule: String, text: String) -> String {
        let stored = ReportDestinationTests.stored(
            .userspace,
            failureClass,
            ReportDestinationTests.evidence(rule, .userspace, failureClass, text),
            kernelLog: .covered
        )
        return IncidentDetailRenderer(style: Style(enabled: false))
            .render(stored, coverageNow: nil, reportCommand: "rocfault report 1")
    }

    @Test func outOfMemoryIsNotSentToABugReport() {
        let text = show(.outOfMemory, rule: "hip.out-of-memory", text: "hipErrorOutOfMemory: out of memory")
        #expect(text.contains("Next: the first step in the verdict (a limit or a setting, not a bug)"), "\(text)")
        #expect(!text.contains("bug-report bundle"))
    }

    @Test func aRuntimeAbortIsABugReportForTheRock() {
        let text = show(.memoryInUse, rule: "rocr.memory-in-use", text: "Memory critical error by agent node-0")
        #expect(
            text.contains(
                "Next: rocfault report 1  (writes a redacted bug-report bundle for "
                    + "https://github.com/ROCm/TheRock/issues)"
            ),
            "\(text)"
        )
    }
}
