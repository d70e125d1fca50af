import Foundation
import Testing

@testable import RocfaultCore

@Suite struct LogCheckerTests {
    @Test func stderrPlusDmesgFilesMergeIntoOneKernelVerdict() throws {
        let set = try ShippedRules.load()
        let stderr = """
            Memory access fault by GPU node-1 (Agent handle: 0x70dcc0d7e460) on address (nil). Reason: Page not present or supervisor privilege.
            Aborted (core dumped)
            """
        let dmesg = """
            [229550.864052] amdgpu 0000:65:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:88 vmid:8 pasid:32787)
            [229550.864069] amdgpu 0000:65:00.0: amdgpu:  Process darktable pid 70131 thread worker 0 pid 70175
            [229550.864075] amdgpu 0000:65:00.0: amdgpu:   in page starting at address 0x0000000000000000 from client 10
            """
        let result = ShippedRules.check([("app.log", stderr), ("dmesg.txt", dmesg)], ruleSet: set)
        #expect(result.verdict.side == .kernel)
        #expect(result.verdict.failureClass == .pageFault)
        #expect(result.incidents.first?.pid == 70131)
        #expect(result.inputs.map(\.file) == ["app.log", "dmesg.txt"])
    }

    @Test func timestamplessAppLogAndRelativeDmesgAreUnaligned() throws {
        let set = try ShippedRules.load()
        let dmesg =
            "[    4.042962] amdgpu 0000:63:00.0: amdgpu: SMU is initialized successfully!\n[ 900.1] usb 1-1: new device\n"
        let stderr =
            "Memory critical error by agent node-0 (Agent handle: 0x560304d08f00) on address 0x7f091de3f000. Reason: Memory in use.\n"
        let result = ShippedRules.check([("app.log", stderr), ("dmesg.txt", dmesg)], ruleSet: set)
        #expect(result.verdict.side == .userspace)
        #expect(result.verdict.kernelLog == .unaligned)
        #expect(result.verdict.kernelLogDetail?.reason == .incidentTimeUnknown)
        #expect(result.verdict.knownIssues.contains("ROCm/ROCm#6182"))
    }

    static let appLog =
        "2025-12-05T14:03:00+00:00 host python3[4242]: Memory critical error by agent node-0 "
        + "(Agent handle: 0x1) on address 0x7f. Reason: Memory in use.\n"

    @Test func kernelLogOfAnotherDayIsAGapNamingBothSpans() throws {
        let set = try ShippedRules.load()
        let kernel = """
            2025-11-20T08:00:00+00:00 host kernel: amdgpu 0000:63:00.0: amdgpu: SMU is initialized successfully!
            2025-11-20T09:12:00+00:00 host kernel: usb 1-1: new high-speed USB device number 2 using xhci_hcd

            """
        let result = ShippedRules.check([("app.log", Self.appLog), ("kern.log", kernel)], ruleSet: set)
        #expect(result.verdict.side == .userspace)
        #expect(result.verdict.kernelLog == .gap)
        let explanation = result.verdict.kernelLogDetail?.explanation ?? ""
        #expect(explanation.contains("2025-11-20 08:00:00 UTC–09:12:00 UTC (kern.log)"), "\(explanation)")
        #expect(explanation.contains("2025-12-05 14:03:00 UTC"), "\(explanation)")
    }

    /// Without an incident there is still a time to judge: the end of the application log. A kernel
    /// log of another day is not read for it; one spanning it is.
    @Test func noIncidentIsJudgedAtTheEndOfTheAppLog() throws {
        let set = try ShippedRules.load()
        let app = "2025-12-05T14:03:00+00:00 host python3[4242]: step 100 loss 0.25\n"
        let otherDay = """
            2025-11-20T08:00:00+00:00 host kernel: amdgpu 0000:63:00.0: amdgpu: SMU is initialized successfully!
            2025-11-20T09:12:00+00:00 host kernel: usb 1-1: new high-speed USB device number 2 using xhci_hcd

            """
        let stale = ShippedRules.check([("app.log", app), ("kern.log", otherDay)], ruleSet: set)
        #expect(stale.verdict.side == .none)
        #expect(stale.verdict.kernelLog == .gap)
        #expect(stale.verdict.kernelLogDetail?.explanation.contains("(kern.log)") == true)
        let spanning = """
            2025-12-05T14:00:00+00:00 host kernel: amdgpu 0000:63:00.0: amdgpu: SMU is initialized successfully!
            2025-12-05T14:05:00+00:00 host kernel: usb 1-1: new high-speed USB device number 2 using xhci_hcd

            """
        let read = ShippedRules.check([("app.log", app), ("kern.log", spanning)], ruleSet: set)
        #expect(read.verdict.side == .none)
        #expect(read.verdict.kernelLog == .covered)
        let alone = ShippedRules.check([("kern.log", otherDay)], ruleSet: set)
        #expect(alone.verdict.kernelLog == .covered, "a kernel log given alone was read and shows nothing")
    }

    @Test func dmesgWithWallTimesOfAnotherMonthIsAGap() throws {
        let set = try ShippedRules.load()
        let dmesg = """
            [Thu Nov 20 08:00:00 2025] amdgpu 0000:63:00.0: amdgpu: SMU is initialized successfully!
            [Thu Nov 20 09:12:00 2025] usb 1-1: new high-speed USB device number 2 using xhci_hcd

            """
        let result = ShippedRules.check([("app.log", Self.appLog), ("dmesg-T.txt", dmesg)], ruleSet: set)
        #expect(result.verdict.kernelLog == .gap)
        #expect(result.verdict.kernelLogDetail?.reason == .afterRead)
    }

    @Test func kernelLogSpanningTheCrashOnTheWallClockIsCovered() throws {
        let set = try ShippedRules.load()
        let kernel = """
            2025-12-05T13:00:00+00:00 host kernel: amdgpu 0000:63:00.0: amdgpu: SMU is initialized successfully!
            2025-12-05T14:05:00+00:00 host kernel: usb 1-1: new high-speed USB device number 2 using xhci_hcd

            """
        let result = ShippedRules.check([("app.log", Self.appLog), ("kern.log", kernel)], ruleSet: set)
        #expect(result.verdict.kernelLog == .covered)
        #expect(result.verdict.kernelLogDetail?.read.first?.source == "kern.log")
    }

    @Test func appLogWithWallTimesAndRelativeDmesgAreUnaligned() throws {
        let set = try ShippedRules.load()
        let dmesg = "[    4.042962] amdgpu 0000:63:00.0: amdgpu: SMU is initialized successfully!\n"
        let result = ShippedRules.check([("app.log", Self.appLog), ("dmesg.txt", dmesg)], ruleSet: set)
        #expect(result.verdict.kernelLog == .unaligned)
        #expect(result.verdict.kernelLogDetail?.reason == .noSharedClock)
    }

    @Test func kernelLogStartingAfterTheCrashIsAGap() throws {
        let set = try ShippedRules.load()
        let journal = """
            Nov 20 10:00:00 host python3[4242]: Memory critical error by agent node-0 (Agent handle: 0x1) on address 0x7f. Reason: Memory in use.
            Nov 20 11:00:00 host kernel: usb 1-1: new high-speed USB device number 2 using xhci_hcd
            """
        let result = ShippedRules.check([("late.log", journal)], ruleSet: set)
        #expect(result.verdict.side == .userspace)
        #expect(result.verdict.kernelLog == .gap)
    }

    @Test func emptyInputIsNoneNotProvided() throws {
        let result = ShippedRules.check([("empty.log", "")], ruleSet: try ShippedRules.load())
        #expect(result.verdict.side == .none)
        #expect(result.verdict.failureClass == .noEvidence)
        #expect(result.verdict.kernelLog == .notProvided)
        #expect(result.incidents.isEmpty)
    }

    @Test func junkInvalidUTF8AndHugeLinesDoNotCrash() throws {
        let set = try ShippedRules.load()
        var generator = SystemRandomNumberGenerator()
        var junk = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        junk += Array(
            "\nMemory critical error by agent node-0 (Agent handle: 0x1) on address 0x2. Reason: Memory in use.\n".utf8
        )
        junk += [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20) + Array(" GPU reset begin!\n".utf8)
        junk += [0xC3, 0x28, 0xFF, 0x00, 0x0A]
        var checker = LogChecker(ruleSet: set, timeContext: TimeContext(referenceRealtimeMicroseconds: 0))
        checker.beginFile("junk.bin")
        junk.withUnsafeBytes { checker.consume($0) }
        let result = checker.finish()
        #expect(result.verdict.side == .kernel)
        let rules = Set(result.incidents.flatMap { $0.evidence.map(\.ruleID) })
        #expect(rules.contains { $0.contains("memory-in-use") })
        #expect(result.inputs.first?.lines ?? 0 >= 3)
    }

    @Test func chunksSplitAtLineBoundariesGiveTheSameResultAsOneBuffer() throws {
        let set = try ShippedRules.load()
        let url = ShippedRules.fixtures.appendingPathComponent("corpus/ROCm-5151.log")
        let text = try String(contentsOf: url, encoding: .utf8)
        let whole = ShippedRules.check([("a", text)], ruleSet: set)
        var checker = LogChecker(
            ruleSet: set,
            timeContext: TimeContext(referenceRealtimeMicroseconds: 1_795_000_000_000_000, utcOffsetSeconds: 0)
        )
        checker.beginFile("a")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for group in stride(from: 0, to: lines.count, by: 7) {
            var chunk = lines[group..<min(group + 7, lines.count)].joined(separator: "\n")
            if group + 7 < lines.count { chunk += "\n" }
            var bytes = Array(chunk.utf8)
            bytes.withUnsafeMutableBytes { checker.consume(UnsafeRawBufferPointer($0)) }
        }
        let chunked = checker.finish()
        #expect(chunked.verdict == whole.verdict)
        #expect(chunked.incidents.map(\.evidence) == whole.incidents.map(\.evidence))
        #expect(chunked.inputs.first?.lines == whole.inputs.first?.lines)
    }
}
