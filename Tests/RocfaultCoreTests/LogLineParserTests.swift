import Testing

@testable import RocfaultCore

/// dmesg, kmsg and plain lines, and the dmesg / short-monotonic ambiguity.
@Suite struct LogLineParserTests {
    @Test func dmesgLineKeepsTabAndMonotonicTime() throws {
        // ROCm-5616
        let line = "[229550.864083] amdgpu 0000:65:00.0: amdgpu: \t Faulty UTCL2 client ID: SQC (inst) (0x9)"
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.text == "amdgpu 0000:65:00.0: amdgpu: \t Faulty UTCL2 client ID: SQC (inst) (0x9)")
        #expect(record.origin == .kernel)
        #expect(record.format == .dmesg)
        #expect(record.monotonicMicroseconds == 229_550 * 1_000_000 + 864_083)
        #expect(record.realtimeMicroseconds == nil)
        #expect(record.location == SourceLocation(file: "test.log", line: 1))
    }

    @Test func dmesgCtimeIsLocalTimeConverted() throws {
        // ROCm-6157, written at UTC-4.
        let line = "[Fri Apr 17 19:55:54 2026] chrome: page allocation failure: order:0"
        let record = try #require(ParserHarness.parseOne(line, context: ParserHarness.context(offset: -4 * 3600)))
        #expect(record.format == .dmesgCtime)
        #expect(record.origin == .kernel)
        #expect(record.text == "chrome: page allocation failure: order:0")
        // 2026-04-17T23:55:54Z
        #expect(record.realtimeMicroseconds == ParserHarness.micros(1_776_470_154))
        #expect(record.monotonicMicroseconds == nil)
    }

    @Test func dmesgCtimeWithSpacePaddedDay() throws {
        let record = try #require(ParserHarness.parseOne("[Tue Apr  7 19:55:54 2026] x"))
        #expect(record.format == .dmesgCtime)
        // 2026-04-07T19:55:54Z = 2026-04-17T19:55:54Z - 10 days
        #expect(record.realtimeMicroseconds == ParserHarness.micros(1_776_455_754 - 10 * 86_400))
    }

    @Test(arguments: [
        ("2024-01-02T03:04:05,123456+01:00 amdgpu: GPU reset begin!", Int64(1_704_161_045_123_456)),
        ("2024-01-02T03:04:05,123456+0100 amdgpu: GPU reset begin!", Int64(1_704_161_045_123_456)),
        ("2024-01-02T03:04:05,000001Z amdgpu: GPU reset begin!", Int64(1_704_164_645_000_001)),
        ("2024-01-02T03:04:05,5-05:00 amdgpu: GPU reset begin!", Int64(1_704_182_645_500_000)),
    ])
    func dmesgISO(line: String, realtime: Int64) throws {
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .dmesgISO)
        #expect(record.origin == .kernel)
        #expect(record.text == "amdgpu: GPU reset begin!")
        #expect(record.realtimeMicroseconds == realtime)
    }

    @Test(arguments: [
        ("kern  :err   : [ 2742.462312] [drm] ring page1 timeout", RecordOrigin.kernel, 3, "[drm] ring page1 timeout"),
        ("daemon:info  : [    5.000000] systemd[1]: Started x", .userspace, 6, "systemd[1]: Started x"),
        ("authpriv:notice: [    5.000000] login", .userspace, 5, "login"),
        ("user  :warn  : hello from userspace", .userspace, 4, "hello from userspace"),
        ("kern  :emerg : ", .kernel, 0, ""),
    ])
    func dmesgDecoded(line: String, origin: RecordOrigin, priority: Int, text: String) throws {
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .dmesgDecoded)
        #expect(record.origin == origin)
        #expect(record.priority == priority)
        #expect(record.text == text)
    }

    @Test func dmesgDecodedKeepsEachTimestampLayout() throws {
        let monotonic = try #require(ParserHarness.parseOne("kern  :err   : [ 2742.462312] x"))
        #expect(monotonic.monotonicMicroseconds == 2_742_462_312)
        let ctime = try #require(ParserHarness.parseOne("kern  :err   : [Fri Apr 17 19:55:54 2026] x"))
        #expect(ctime.realtimeMicroseconds == ParserHarness.micros(1_776_455_754))
        let iso = try #require(ParserHarness.parseOne("kern  :err   : 2024-01-02T03:04:05,000000+01:00 x"))
        #expect(iso.realtimeMicroseconds == ParserHarness.micros(1_704_161_045))
        #expect([monotonic.text, ctime.text, iso.text] == ["x", "x", "x"])
    }

    @Test func dmesgRawPriorityPrefix() throws {
        let kernel = try #require(ParserHarness.parseOne("<3>[ 2742.462312] amdgpu: Failed to suspend process 0x8007"))
        #expect(kernel.format == .dmesg)
        #expect(kernel.origin == .kernel)
        #expect(kernel.priority == 3)
        #expect(kernel.text == "amdgpu: Failed to suspend process 0x8007")
        let user = try #require(ParserHarness.parseOne("<30>[    5.000000] systemd[1]: Started x"))
        #expect(user.origin == .userspace)
        #expect(user.priority == 6)
    }

    @Test func dmesgCallerIDIsNotText() throws {
        let record = try #require(ParserHarness.parseOne("[    1.000000] [  T123] amdgpu: x"))
        #expect(record.text == "amdgpu: x")
        let unrelated = try #require(ParserHarness.parseOne("[    1.000000] [drm] amdgpu kernel modesetting enabled."))
        #expect(unrelated.text == "[drm] amdgpu kernel modesetting enabled.")
    }

    @Test(arguments: [
        ("[ 2742.462312 <    0.000123>] amdgpu: x", UInt64?(2_742_462_312)),
        ("[ 2742.462312 <    0.000123 >] amdgpu: x", 2_742_462_312),
        ("[Apr17 19:55] amdgpu: x", nil),
        ("[  +0.000012] amdgpu: x", nil),
        ("[ +12.345678] amdgpu: x", nil),
        ("[<    0.000123>] amdgpu: x", nil),
    ])
    func dmesgDeltaAndRelativeStampsAreKernelLines(line: String, monotonic: UInt64?) throws {
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .dmesg)
        #expect(record.origin == .kernel)
        #expect(record.text == "amdgpu: x")
        #expect(record.monotonicMicroseconds == monotonic)
    }

    /// openucx/ucx#9589: UCX stamps its lines with Unix time in the dmesg bracket shape; a kernel
    /// stamp counts seconds since boot, which never reach 10^9.
    @Test func aBracketedUnixTimeIsNotAKernelStamp() throws {
        let line =
            "[1704917108.050189] [lxbk1120:1097129:0]          ucp_mm.c:62   UCX  ERROR failed to register address "
            + "0x7f56dd327140 (rocm) length 6528 on md[4]=mlx5_0: Input/output error (md supports: host|rocm)"
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format != .dmesg)
        #expect(record.origin != .kernel)
        #expect(record.monotonicMicroseconds == nil)
        let uptime = try #require(ParserHarness.parseOne("[999999999.000001] amdgpu: x"))
        #expect(uptime.format == .dmesg && uptime.monotonicMicroseconds == 999_999_999_000_001)
    }

    @Test func byteOrderMarkIsDropped() throws {
        let record = try #require(ParserHarness.parseOne(bytes: [0xEF, 0xBB, 0xBF] + Array("[ 1.000000] x".utf8)))
        #expect(record.format == .dmesg)
        #expect(record.text == "x")
    }

    /// Kernel lines whose text starts like `host ident...` must stay dmesg, with the full text.
    @Test(arguments: [
        "[    9.605792] amdgpu 0000:23:00.0: enabling device (0000 -> 0003)",
        "[    3.100000] usb 1-1: new high-speed USB device number 2 using xhci_hcd",
        "[    1.200000] systemd[1]: Inserted module 'autofs4'",
        "[1728595.660950] traps: python3[213941] trap invalid opcode ip:7f4aa44a4e94",
        "[    2.000000] pci 0000:00:01.0: [1022:1483] type 01 class 0x060400",
    ])
    func dmesgLinesThatLookLikeJournalStayDmesg(line: String) throws {
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .dmesg)
        #expect(record.origin == .kernel)
        #expect(record.host == nil && record.identifier == nil)
        let bracket = try #require(line.firstIndex(of: "]"))
        #expect(record.text == String(line[line.index(bracket, offsetBy: 2)...]))
    }

    @Test func shortMonotonicKernelLine() throws {
        let line = "[ 2237.944732] Ubuntu-Desktop kernel: amdgpu 0000:0a:00.0: amdgpu: GPU reset begin!"
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .journalShortMonotonic)
        #expect(record.origin == .kernel)
        #expect(record.host == "Ubuntu-Desktop")
        #expect(record.identifier == "kernel")
        #expect(record.text == "amdgpu 0000:0a:00.0: amdgpu: GPU reset begin!")
        #expect(record.monotonicMicroseconds == 2_237_944_732)
    }

    @Test func shortMonotonicUserspaceLine() throws {
        let line = "[  593.942278] myhost ollama[4242]: Memory access fault by GPU node-1"
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .journalShortMonotonic)
        #expect(record.origin == .userspace)
        #expect(record.pid == 4242)
        #expect(record.identifier == "ollama")
        #expect(record.text == "Memory access fault by GPU node-1")
    }

    @Test func kmsgKernelRecord() throws {
        let line = #"3,1234,2742462312,-;amdgpu 0000:2b:00.0: amdgpu: \x09 Faulty \x5c end"#
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .kmsg)
        #expect(record.origin == .kernel)
        #expect(record.priority == 3)
        #expect(record.kmsgSequence == 1234)
        #expect(record.monotonicMicroseconds == 2_742_462_312)
        #expect(record.text == "amdgpu 0000:2b:00.0: amdgpu: \t Faulty \\ end")
    }

    @Test(arguments: [(12, RecordOrigin.userspace, 4), (30, .userspace, 6), (6, .kernel, 6), (0, .kernel, 0)])
    func kmsgFacilityDecidesOrigin(prio: Int, origin: RecordOrigin, level: Int) throws {
        let record = try #require(ParserHarness.parseOne("\(prio),7,100,-;systemd[1]: hello"))
        #expect(record.origin == origin)
        #expect(record.priority == level)
    }

    @Test func kmsgUTF8EscapesDecodeToText() throws {
        let record = try #require(ParserHarness.parseOne(#"6,1,1,c,caller=T1;caf\xc3\xa9 \xff"#))
        #expect(record.text == "café \u{FFFD}")
    }

    @Test func kmsgContinuationLinesBelongToTheRecord() {
        let records = ParserHarness.parseAll(lines: [
            "6,1000,229550864052,-;amdgpu 0000:65:00.0: amdgpu: [gfxhub] page fault",
            " SUBSYSTEM=pci",
            " DEVICE=+pci:0000:65:00.0",
            "3,1001,229550864083,-;second",
        ])
        #expect(records.map(\.text) == ["amdgpu 0000:65:00.0: amdgpu: [gfxhub] page fault", "second"])
        #expect(records.map(\.location.line) == [1, 4])
    }

    @Test func continuationShapeAfterOtherLinesIsText() {
        let records = ParserHarness.parseAll(lines: ["plain first", " SUBSYSTEM=pci"])
        #expect(records.map(\.text) == ["plain first", " SUBSYSTEM=pci"])
        #expect(records.map(\.format) == [.plain, .plain])
    }

    /// A program's line behind docker compose's prefix loses the prefix, so rules anchored at the
    /// line's start match it: compose's padding (`ollama  | `) or a replica number (`ollama-1 | `,
    /// compose v1's `ollama_1 | `).
    @Test(arguments: ["ollama  | ", "ollama-1 | ", "ollama_1 | ", "svc-12  | "])
    func composePrefixesLeaveTheProgramsLine(prefix: String) throws {
        let line = "  Device 0: AMD Radeon RX 7900 XTX, gfx1100 (0x1100), VMM: no, Wave Size: 32"
        let record = try #require(ParserHarness.parseOne(prefix + line))
        #expect(record.format == .plain)
        #expect(record.text == line)
    }

    @Test(arguments: [
        "Memory access fault by GPU node-1 (Agent handle: 0x70dcc0d7e460) on address (nil).",
        "GPU | Temp (DieEdge) | AvgPwr",
        "                                                 #1  0x00007f6184b28a08 raise (libc.so.6 + 0x39a08)",
        "    File \"/opt/ComfyUI/main.py\", line 12, in <module>",
        "PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.",
        "[hsaKmtAllocMemoryAlignCtx] node 1 address 0x7f0417800000 size 2101346304 from device",
        "time=2026-06-03T22:32:39.394Z level=INFO source=llama_server.go:1186 msg=\"waiting\"",
        "2024-01-02T03:04:05.123Z INFO worker started",
        "Linux kernel: 6.8.0-45-generic",
        "[1]    146250 abort (core dumped)  llama-cli -m",
        "\t\tindented with tabs",
    ])
    func plainLinesKeepTheirWholeText(line: String) throws {
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .plain)
        #expect(record.origin == .unknown)
        #expect(record.text == line)
        #expect(record.realtimeMicroseconds == nil && record.monotonicMicroseconds == nil)
    }

    @Test(arguments: [
        ("    [ 1234.567890] amdgpu: page fault", LogFormat.dmesg),
        ("\t[ 1234.567890] amdgpu: page fault", LogFormat.dmesg),
        ("  Oct 09 08:53:20 strix kernel: amdgpu: page fault", LogFormat.journalShort),
    ])
    func reindentedLogLinesAreRecognisedWithoutTheirIndentation(line: String, format: LogFormat) throws {
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == format)
        #expect(record.origin == .kernel)
        #expect(record.text == "amdgpu: page fault")
        #expect(record.monotonicMicroseconds != nil || record.realtimeMicroseconds != nil)
    }

    @Test func blankLinesGiveNoRecord() {
        #expect(ParserHarness.parseOne("") == nil)
        #expect(ParserHarness.parseOne("\r") == nil)
        #expect(ParserHarness.parseOne(bytes: []) == nil)
    }

    @Test func crlfIsRemoved() throws {
        let record = try #require(ParserHarness.parseOne("[    1.000000] amdgpu: x\r"))
        #expect(record.text == "amdgpu: x")
        #expect(record.format == .dmesg)
    }
}
