import Foundation
import Testing

@testable import RocfaultCore

/// Layouts seen in real pastes (issue 10): the text, origin and time of each line. Lines from
/// public issues are in `Fixtures/formats/pastes/` (sources in its SOURCES.md); the rest use the
/// shapes the issue quotes.
@Suite struct LogLineParserPasteTests {
    static let fault = "amdgpu 0000:c3:00.0: [gfxhub] page fault (src_id:0 ring:24 vmid:5 pasid:48)"

    /// UTC microseconds of a civil time.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Int64 {
        CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            .realtimeMicroseconds(utcOffsetSeconds: 0)
    }

    static func pastes(_ name: String) throws -> [LogRecord] {
        ParserHarness.parseAll(try ParserHarness.fixture("pastes/\(name)"), file: name)
    }

    @Test(arguments: [
        ("[Dez26 08:58] ", utc(2024, 12, 26, 8, 58, 0)),
        ("[nov 4 13:30] ", utc(2025, 11, 4, 13, 30, 0)),
        ("[12月 6 08:58] ", utc(2024, 12, 6, 8, 58, 0)),
        ("[  +0,000007] ", nil),
        ("[  +0.000007] ", nil),
    ])
    func dmesgHumanInAnyLocale(prefix: String, realtime: Int64?) throws {
        let record = try #require(ParserHarness.parseOne(prefix + Self.fault))
        #expect(record.origin == .kernel)
        #expect(record.format == .dmesg)
        #expect(record.text == Self.fault)
        #expect(record.realtimeMicroseconds == realtime)
    }

    @Test(arguments: [
        "[qua jul  8 12:34:56 2026] ", "[Mi Jul  8 12:34:56 2026] ", "[mer. juil. 8 12:34:56 2026] ",
        "[mié jul  8 12:34:56 2026] ", "[mer lug  8 12:34:56 2026] ", "[三 7月  8 12:34:56 2026] ",
    ])
    func dmesgCtimeInOtherLocales(prefix: String) throws {
        let record = try #require(ParserHarness.parseOne(prefix + Self.fault))
        #expect(record.origin == .kernel)
        #expect(record.format == .dmesgCtime)
        #expect(record.text == Self.fault)
        #expect(record.realtimeMicroseconds == Self.utc(2026, 7, 8, 12, 34, 56))
    }

    @Test(arguments: [
        ("12月 01 12:34:56 host kernel: ", utc(2024, 12, 1, 12, 34, 56)),
        ("Dez 01 12:34:56 host kernel: ", utc(2024, 12, 1, 12, 34, 56)),
        ("out 07 12:34:56 host kernel: ", utc(2025, 10, 7, 12, 34, 56)),
        ("févr. 07 12:34:56 host kernel: ", utc(2025, 2, 7, 12, 34, 56)),
        ("ago 07 12:34:56.000001 host kernel: ", utc(2025, 8, 7, 12, 34, 56) + 1),
    ])
    func journalDatesInOtherLocales(prefix: String, realtime: Int64) throws {
        let record = try #require(ParserHarness.parseOne(prefix + Self.fault))
        #expect(record.origin == .kernel)
        #expect(record.text == Self.fault)
        #expect(record.host == "host")
        #expect(record.realtimeMicroseconds == realtime)
    }

    @Test func journalWithLowerCaseLocaleMonth() throws {
        let records = try Self.pastes("journal-locale-month.log")
        #expect(records.count == 5)
        #expect(records.allSatisfy { $0.origin == .kernel && $0.host == "odys25" && $0.format == .journalShort })
        #expect(records.allSatisfy { $0.realtimeMicroseconds == Self.utc(2025, 11, 4, 13, 30, 18) })
        #expect(records[0].text.hasPrefix("amdgpu 0000:0d:00.0: amdgpu: [gfxhub] page fault"))
    }

    @Test func callerIDColumnIsNotText() throws {
        let record = try #require(ParserHarness.parseOne("[  518.050606] [   T2042] " + Self.fault))
        #expect(record.origin == .kernel)
        #expect(record.text == Self.fault)
        #expect(record.monotonicMicroseconds == 518_050_606)
    }

    @Test func rsyslogRFC3339() throws {
        let line = "2025-11-14T08:52:38.374621+01:00 myhost kernel: " + Self.fault
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.origin == .kernel)
        #expect(record.text == Self.fault)
        #expect(record.realtimeMicroseconds == Self.utc(2025, 11, 14, 7, 52, 38) + 374_621)
    }

    @Test func syslogCutDownToKernelTag() throws {
        let record = try #require(ParserHarness.parseOne("kernel: " + Self.fault))
        #expect(record.origin == .kernel)
        #expect(record.text == Self.fault)
        #expect(record.identifier == "kernel")
        let stamped = try #require(ParserHarness.parseOne("Oct  7 12:58:23 host kernel: [  518.050606] " + Self.fault))
        #expect(stamped.origin == .kernel && stamped.text == Self.fault)
        #expect(stamped.monotonicMicroseconds == 518_050_606)
        #expect(stamped.realtimeMicroseconds == Self.utc(2025, 10, 7, 12, 58, 23))
    }

    @Test func bareClockTimes() throws {
        let records = try Self.pastes("clock-only.log")
        #expect(records.count == 6)
        // The reference is 2025-11-01T00:00:00Z, so 12:09:20 is the day before.
        #expect(records.allSatisfy { $0.realtimeMicroseconds == Self.utc(2025, 10, 31, 12, 9, 20) })
        #expect(records[0].text == "amdgpu 0000:c3:00.0: [gfxhub] page fault (src_id:0 ring:24 vmid:5 pasid:48)")
    }

    @Test func talosDmesgWithDeviceLines() throws {
        let records = try Self.pastes("talos-dmesg.log")
        #expect(records.count == 6)
        #expect(records.allSatisfy { $0.origin == .kernel && $0.host == "192.168.2.205" })
        #expect(
            records[1].text == "amdgpu 0000:00:01.0: amdgpu: gfx8: Failed to load firmware \"amdgpu/carrizo_pfp.bin\""
        )
        #expect(records[1].priority == 3)
        #expect(records[1].realtimeMicroseconds == Self.utc(2023, 12, 14, 11, 16, 10) + 461_245)
        #expect(!records.contains { $0.text.contains("SUBSYSTEM=") || $0.text.contains("DEVICE=") })
    }

    @Test func talosDmesgBehindGrepN() throws {
        let records = try Self.pastes("talos-grep-n.log")
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0.origin == .kernel && $0.host == "192.168.0.35" && $0.priority == 4 })
        #expect(records[1].text == "RIP: 0010:amdgpu_irq_put+0xaa/0xc0 [amdgpu]")
        #expect(records[1].realtimeMicroseconds == Self.utc(2026, 1, 6, 19, 45, 1) + 430_371)
        let user = try #require(ParserHarness.parseOne("node: user: warning: [2026-01-06T19:44:54.899360477Z]: x"))
        #expect(user.origin == .userspace && user.text == "x")
    }

    /// Void Linux's socklog (svlogd files): `ISO kern.err: [stamp] text`; the `kern` facility makes
    /// the line the kernel's, and a `user.` facility a process's.
    @Test func socklogThroughSvlogd() throws {
        let records = try Self.pastes("socklog-svlogd.log")
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0.origin == .kernel && $0.priority == 3 })
        #expect(records[0].text.hasPrefix("[drm:amdgpu_job_timedout [amdgpu]] *ERROR* ring vcn_dec_1 timeout"))
        #expect(records[0].monotonicMicroseconds == 416_963_373)
        let user = try #require(ParserHarness.parseOne("2022-06-07T20:04:32.80709 user.notice: x"))
        #expect(user.origin == .userspace && user.text == "x")
        // svlogd's own `-tt` stamp joins date and time with `_`; it is UTC.
        let underscored = "2022-06-07_20:04:32.80709 user.err: amdgpu 0000:0d:00.0: ring gfx timeout"
        let process = try #require(ParserHarness.parseOne(underscored))
        #expect(process.origin == .userspace && process.priority == 3)
        #expect(process.realtimeMicroseconds == Self.utc(2022, 6, 7, 20, 4, 32) + 807_090)
        let text = String(decoding: try ParserHarness.fixture("pastes/socklog-svlogd.log"), as: UTF8.self)
        let result = ShippedRules.check([("socklog", text)], ruleSet: try ShippedRules.load())
        #expect(result.verdict.side == .kernel, "\(result.verdict.summary)")
    }

    @Test func freeBSDDrmKmod() throws {
        let bytes = try ParserHarness.fixture("pastes/freebsd-drm.log")
        let lines = LogLineParserFixtureTests.lines(bytes)
        let records = ParserHarness.parseAll(bytes)
        #expect(records.map(\.text) == lines)
        #expect(records.allSatisfy { $0.origin == .kernel })
    }

    @Test func containerPrefixes() throws {
        let compose = try #require(ParserHarness.parseOne("svc-1  | [  518.050606] " + Self.fault))
        #expect(compose.origin == .kernel && compose.text == Self.fault)
        #expect(compose.monotonicMicroseconds == 518_050_606)
        let podman = try #require(ParserHarness.parseOne("[vllm] | [  518.050606] " + Self.fault))
        #expect(podman.origin == .kernel && podman.text == Self.fault)
        let kubectl = try #require(ParserHarness.parseOne("[pod/vllm-0/vllm] [  518.050606] " + Self.fault))
        #expect(kubectl.origin == .kernel && kubectl.text == Self.fault)
        let rocr = "Memory access fault by GPU node-1 (Agent handle: 0x55d5c7a0e5a0) on address 0x7f1d4c000000."
        for line in ["[vllm] " + rocr, "ollama-1  | " + rocr] {
            let record = try #require(ParserHarness.parseOne(line))
            #expect(record.text.contains(rocr))
        }
    }

    @Test func caretEscapedColourCodes() throws {
        let line = "^[[32m[  518.050606]^[[0m ^[[33m" + Self.fault + "^[[0m"
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.origin == .kernel && record.text == Self.fault)
        #expect(record.monotonicMicroseconds == 518_050_606)
        let raw = try #require(ParserHarness.parseOne("\u{1B}[31m[  518.050606] " + Self.fault + "\u{1B}[0m"))
        #expect(raw.text == Self.fault)
        let gin = try #require(ParserHarness.parseOne("[GIN] 2025/08/31 - 13:43:37 |^[[97;42m 200 ^[[0m| x"))
        #expect(gin.text == "[GIN] 2025/08/31 - 13:43:37 | 200 | x")
    }

    @Test func gitHubActionsTimes() throws {
        let kernel = try #require(ParserHarness.parseOne("2025-11-14T08:52:38.3746210Z [  518.050606] " + Self.fault))
        #expect(kernel.origin == .kernel && kernel.text == Self.fault)
        #expect(kernel.monotonicMicroseconds == 518_050_606)
        #expect(kernel.realtimeMicroseconds == Self.utc(2025, 11, 14, 8, 52, 38) + 374_621)
        let text = try #require(ParserHarness.parseOne("2025-11-14T08:52:38.3746210Z hipErrorNoBinaryForGpu"))
        #expect(text.text == "hipErrorNoBinaryForGpu")
        #expect(text.realtimeMicroseconds == Self.utc(2025, 11, 14, 8, 52, 38) + 374_621)
        // intel/llvm-test-suite#628: two words and a colon after the time are not a journal host
        // and identifier.
        let lit = try #require(ParserHarness.parseOne("2021-12-17T07:52:30.9344955Z Exit Code: -11"))
        #expect(lit.text == "Exit Code: -11")
        #expect(lit.realtimeMicroseconds == Self.utc(2021, 12, 17, 7, 52, 30) + 934_495)
    }

    @Test(arguments: ["  518.050606] ", "518.050606] ", "\t[  518.050606] "])
    func dmesgLineThatLostItsBracketOrIsTabIndented(prefix: String) throws {
        let record = try #require(ParserHarness.parseOne(prefix + Self.fault))
        #expect(record.origin == .kernel && record.text == Self.fault)
        #expect(record.monotonicMicroseconds == 518_050_606)
    }

    @Test func llamaCppLogPrefix() throws {
        let record = try #require(ParserHarness.parseOne("0.00.165.104 E ggml_cuda_init: failed to initialize ROCm"))
        #expect(record.origin == .userspace)
        #expect(record.text == "ggml_cuda_init: failed to initialize ROCm")
    }

    /// The prefix stays in the text: the HIP trace rules read its fields.
    @Test(arguments: [
        ":1:hip_fatbin.cpp :687 : 114369963532 us: No compatible code objects found for: gfx1152,",
        ":3:rocdevice.cpp            :434 : 99441719306 us: 350457: [tid:0x7f02e57efc00] Initializing HSA stack.",
    ])
    func rocclrDebugLines(line: String) throws {
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.origin == .userspace)
        #expect(record.text == line)
        #expect(ParserHarness.parseOne(":1:hip_fatbin.cpp :687 : 114369963532 : x")?.origin == .unknown)
    }

    @Test(arguments: [
        "PS C:\\Users\\me\\llama.cpp> .\\build\\bin\\Release\\llama-server.exe -m C:\\models\\q4.gguf",
        "C:\\Program Files\\AMD\\ROCm\\6.2\\bin\\rocblas.dll: error: Cannot read TensileLibrary.dat",
        "D: drive, E:\\path",
    ])
    func windowsPathsAndPromptsAreText(line: String) throws {
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .plain && record.origin == .unknown)
        #expect(record.text == line)
    }

    /// StanfordLegion/realm#455: a transferred issue keeps gdb's `#4` as a link to the old
    /// repository, so the frame reads `StanfordLegion/legion#4  <signal handler called>`.
    @Test func gitHubAutolinkedFrameNumbers() throws {
        let records = try Self.pastes("github-autolinked-frames.log")
        let frames = records.filter { $0.text.hasPrefix("#") }
        #expect(frames.count == 7)
        #expect(frames.contains { $0.text == "#4  <signal handler called>" })
        #expect(records.allSatisfy { !$0.text.contains("StanfordLegion/legion#") })
        let prose = try #require(ParserHarness.parseOne("See StanfordLegion/legion#4 for details"))
        #expect(prose.text == "See StanfordLegion/legion#4 for details")
    }

    @Test(arguments: [
        "Loading checkpoint shards: 100%|██████████| 4/4 [00:05<00:00,  1.32s/it]",
        "\r  0%|          | 0/50 [00:00<?, ?it/s]\r 10%|█         | 5/50 [00:01<00:09,  4.90it/s]",
    ])
    func rocrLineGluedToAProgressBar(bar: String) throws {
        let rocr = "Memory access fault by GPU node-1 (Agent handle: 0x55d5c7a0e5a0) on address 0x7f1d4c000000."
        let record = try #require(ParserHarness.parseOne(bar + rocr))
        #expect(record.text == rocr)
        let alone = try #require(ParserHarness.parseOne(bar))
        #expect(alone.text.hasSuffix("it]") || alone.text.hasSuffix("it/s]"))
    }
}

/// A page-fault block in each pasted layout gives a kernel verdict through the whole check.
@Suite struct LogCheckerPasteTests {
    static let block = [
        "amdgpu 0000:c3:00.0: [gfxhub] page fault (src_id:0 ring:24 vmid:5 pasid:48)",
        "amdgpu 0000:c3:00.0:  Process cosmic-comp pid 7844 thread cosmic-com:cs0 pid 8553",
        "amdgpu 0000:c3:00.0:   in page starting at address 0x0000800112c14000 from client 10",
        "amdgpu 0000:c3:00.0: GCVM_L2_PROTECTION_FAULT_STATUS:0x00501031",
        "amdgpu 0000:c3:00.0:          Faulty UTCL2 client ID: TCP (0x8)",
    ]

    /// The first line's prefix, then the other lines' prefix (they differ for `dmesg -H`).
    static let prefixes: [(String, String)] = [
        ("[Dez26 08:58] ", "[  +0,000007] "),
        ("[qua jul  8 12:34:56 2026] ", "[qua jul  8 12:34:56 2026] "),
        ("12月 01 12:34:56 host kernel: ", "12月 01 12:34:56 host kernel: "),
        ("nov 04 13:30:18 odys25 kernel: ", "nov 04 13:30:18 odys25 kernel: "),
        ("[  518.050606] [   T2042] ", "[  518.050607] [   T2042] "),
        ("2025-11-14T08:52:38.374621+01:00 myhost kernel: ", "2025-11-14T08:52:38.374622+01:00 myhost kernel: "),
        ("kernel: ", "kernel: "),
        ("12:09:20 ", "12:09:20 "),
        (
            "node: kern:    err: [2026-01-06T19:44:54.899360477Z]: ",
            "node: kern:    err: [2026-01-06T19:44:54.899361477Z]: "
        ),
        (
            "3124:node: kern:    err: [2026-01-06T19:44:54.899360477Z]: ",
            "3125:node: kern:    err: [2026-01-06T19:44:54.899361477Z]: "
        ),
        ("svc-1  | [  518.050606] ", "svc-1  | [  518.050607] "),
        ("[pod/vllm-0/vllm] [  518.050606] ", "[pod/vllm-0/vllm] [  518.050607] "),
        ("^[[32m[  518.050606]^[[0m ", "^[[32m[  518.050607]^[[0m "),
        ("2025-11-14T08:52:38.3746210Z [  518.050606] ", "2025-11-14T08:52:38.3746220Z [  518.050607] "),
        ("Oct  7 12:58:23 host kernel: [  518.050606] ", "Oct  7 12:58:23 host kernel: [  518.050607] "),
        ("  518.050606] ", "  518.050607] "),
        ("\t[  518.050606] ", "\t[  518.050607] "),
    ]

    /// The page-fault header's evidence: every line of the block, all of `origin` (kernel unless
    /// the layout does not say, as with bare clock times).
    static func expectWholeKernelBlock(_ result: CheckResult, origin: RecordOrigin = .kernel) {
        let header = result.incidents.first?.evidence.first { $0.ruleID == "amdgpu.page-fault.header" }
        #expect(header?.lines.count == block.count)
        #expect(header?.lines.allSatisfy { $0.origin == origin } == true)
    }

    @Test(arguments: prefixes)
    func pageFaultBlockIsKernel(first: String, rest: String) throws {
        let lines = Self.block.enumerated().map { ($0.offset == 0 ? first : rest) + $0.element }
        let result = ShippedRules.check(
            [("paste.log", lines.joined(separator: "\n") + "\n")],
            ruleSet: try ShippedRules.load()
        )
        #expect(result.verdict.side == .kernel)
        #expect(result.verdict.failureClass == .pageFault)
        #expect(result.incidents.first?.pid == 7844)
        Self.expectWholeKernelBlock(result, origin: first == "12:09:20 " ? .unknown : .kernel)
    }

    @Test func talosFixtureIsKernel() throws {
        let text = String(decoding: try ParserHarness.fixture("pastes/talos-dmesg.log"), as: UTF8.self)
        let result = ShippedRules.check([("talos.log", text)], ruleSet: try ShippedRules.load())
        #expect(result.verdict.side == .kernel)
    }

    @Test func freeBSDPageFaultIsKernel() throws {
        let lines = Self.block.map { $0.replacingOccurrences(of: "amdgpu 0000:c3:00.0: ", with: "drmn0: ") }
        let result = ShippedRules.check(
            [("dmesg.boot", lines.joined(separator: "\n"))],
            ruleSet: try ShippedRules.load()
        )
        #expect(result.verdict.side == .kernel)
        #expect(result.incidents.first?.pid == 7844)
        Self.expectWholeKernelBlock(result)
    }

    @Test func newestFirstJournalBlockCollectsItsLines() throws {
        let lines = Self.block.reversed().map { "Dec 01 12:34:56 host kernel: " + $0 }
        let result = ShippedRules.check(
            [("journal.txt", lines.joined(separator: "\n"))],
            ruleSet: try ShippedRules.load()
        )
        #expect(result.verdict.side == .kernel)
        #expect(result.verdict.failureClass == .pageFault)
        #expect(result.incidents.first?.pid == 7844)
        Self.expectWholeKernelBlock(result)
        let real = String(decoding: try ParserHarness.fixture("pastes/journal-reverse.log"), as: UTF8.self)
        let qubes = ShippedRules.check([("qubes.txt", real)], ruleSet: try ShippedRules.load())
        #expect(qubes.verdict.side == .kernel)
        #expect(qubes.incidents.first?.pid == 9214)
    }

    @Test(arguments: [
        "0.00.165.104 E ",
        ":1:hip_fatbin.cpp :687 : 114369963532 us: ",
        "Loading checkpoint shards: 100%|██████████| 4/4 [00:05<00:00,  1.32s/it]",
        "ollama-1  | ^[[31m",
        "2025-11-14T08:52:38.3746210Z ",
    ])
    func rocrFaultInToolLayoutsIsUserspace(prefix: String) throws {
        let line =
            prefix + "Memory access fault by GPU node-1 (Agent handle: 0x55d5c7a0e5a0) on address 0x7f1d4c000000. "
            + "Reason: Page not present or supervisor privilege."
        let result = ShippedRules.check([("app.log", line + "\n")], ruleSet: try ShippedRules.load())
        #expect(result.verdict.side == .userspace)
        #expect(result.verdict.failureClass == .hsaVMFault)
    }
}

/// Prefixes nest only a few deep, so no line recurses without bound.
@Suite struct LogLineParserPasteRobustnessTests {
    @Test(arguments: ["1:", "a  | ", "[p] ", "12:00:00 ", "2025-11-14T08:52:38.3746210Z ", "^[[0m", "\r"])
    func deeplyNestedPrefixesEnd(prefix: String) throws {
        let line = String(repeating: prefix, count: 5000) + "[  518.050606] amdgpu: x"
        let record = try #require(ParserHarness.parseOne(line))
        #expect(!record.text.isEmpty)
    }
}
