import Testing

@testable import RocfaultCore

/// journalctl `short` family and (r)syslog lines.
@Suite struct LogLineParserSyslogTests {
    @Test func syslogKernelLineWithInnerStamp() throws {
        // ROCm-2533, a syslog file written at UTC+2.
        let line =
            "Oct  7 12:58:23 Ubuntu-Desktop kernel: [ 2237.944235] [drm:amdgpu_job_timedout [amdgpu]] "
            + "*ERROR* ring sdma0 timeout, signaled seq=16060, emitted seq=16062"
        let record = try #require(ParserHarness.parseOne(line, context: ParserHarness.context(offset: 7200)))
        #expect(record.format == .journalShort)
        #expect(record.origin == .kernel)
        #expect(record.host == "Ubuntu-Desktop")
        #expect(record.identifier == "kernel")
        #expect(record.pid == nil)
        #expect(
            record.text
                == "[drm:amdgpu_job_timedout [amdgpu]] *ERROR* ring sdma0 timeout, signaled seq=16060, emitted seq=16062"
        )
        #expect(record.monotonicMicroseconds == 2_237_944_235)
        // 2025-10-07T10:58:23Z
        #expect(record.realtimeMicroseconds == ParserHarness.micros(1_759_834_703))
    }

    @Test func shortPreciseKernelLine() throws {
        // ROCm-5151
        let line =
            "Aug 05 08:56:24.669800 my-server kernel: amdgpu 0000:c5:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE"
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .journalShortPrecise)
        #expect(record.origin == .kernel)
        #expect(record.host == "my-server")
        #expect(record.text == "amdgpu 0000:c5:00.0: amdgpu: MES failed to respond to msg=REMOVE_QUEUE")
        // 2025-08-05T08:56:22Z + 2 s
        #expect(record.realtimeMicroseconds == ParserHarness.micros(1_754_384_182 + 2, 669_800))
        #expect(record.monotonicMicroseconds == nil)
    }

    @Test func userspaceLineWithPID() throws {
        let line = "Feb 25 19:15:17 minty ollama[4242]: Memory access fault by GPU node-1 (Agent handle: 0x1)"
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.origin == .userspace)
        #expect(record.identifier == "ollama")
        #expect(record.pid == 4242)
        #expect(record.text == "Memory access fault by GPU node-1 (Agent handle: 0x1)")
        #expect(record.realtimeMicroseconds == ParserHarness.micros(1_740_510_917))
    }

    @Test func lineWithoutHostName() throws {
        let record = try #require(ParserHarness.parseOne("Feb 25 19:15:17 kernel: amdgpu: x"))
        #expect(record.host == nil)
        #expect(record.identifier == "kernel")
        #expect(record.origin == .kernel)
        #expect(record.text == "amdgpu: x")
    }

    @Test func syslogLineWithoutTag() throws {
        let record = try #require(ParserHarness.parseOne("Feb 25 19:15:17 minty -- MARK --"))
        #expect(record.format == .journalShort)
        #expect(record.host == "minty")
        #expect(record.identifier == nil)
        #expect(record.origin == .unknown)
        #expect(record.text == "-- MARK --")
    }

    /// Year inference: reference time (UTC) and offset give the reference's local month; a later
    /// month in the line means the year before. (reference, offset, line, expected UTC seconds)
    static let yearCases: [(Int64, Int, String, Int64)] = [
        (1_768_435_200, 0, "Oct  7 12:58:23 h kernel: x", 1_759_841_903),  // ref 2026-01-15 -> 2025
        (1_761_955_200, 0, "Oct  7 12:58:23 h kernel: x", 1_759_841_903),  // ref 2025-11-01 -> 2025
        (1_780_272_000, 0, "Dec 31 23:59:59 h kernel: x", 1_767_225_599),  // ref 2026-06-01 -> 2025 (Dec > Jun)
        (1_735_689_599 - 3_599, 7200, "Dec 31 23:59:59 h kernel: x", 1_735_689_599 - 7200),  // local ref: Jan 2025
        (1_709_208_000, 0, "Feb 29 12:00:00 h kernel: x", 1_709_208_000),  // leap day 2024
    ]

    @Test(arguments: yearCases)
    func yearIsInferredFromReference(reference: Int64, offset: Int, line: String, expected: Int64) throws {
        let context = ParserHarness.context(referenceSeconds: reference, offset: offset)
        let record = try #require(ParserHarness.parseOne(line, context: context))
        #expect(record.realtimeMicroseconds == ParserHarness.micros(expected))
    }

    @Test(arguments: [
        ("2024-01-02T03:04:05+0100 host ollama[42]: text", Int64(1_704_161_045_000_000)),
        ("2024-01-02T03:04:05+01:00 host ollama[42]: text", 1_704_161_045_000_000),
        ("2024-01-02T03:04:05Z host ollama[42]: text", 1_704_164_645_000_000),
        ("2024-01-02T03:04:05.123456+0100 host ollama[42]: text", 1_704_161_045_123_456),
        ("2024-01-02T03:04:05.123456-05:00 host ollama[42]: text", 1_704_182_645_123_456),
    ])
    func shortISO(line: String, realtime: Int64) throws {
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.format == .journalShortISO)
        #expect(record.origin == .userspace)
        #expect(record.host == "host")
        #expect(record.identifier == "ollama")
        #expect(record.pid == 42)
        #expect(record.text == "text")
        #expect(record.realtimeMicroseconds == realtime)
    }

    @Test func rsyslogOctalEscapesAreDecoded() throws {
        let line = "Feb 25 19:15:17 minty kernel: amdgpu 0000:03:00.0: amdgpu: #011 Faulty UTCL2 client ID: TCP (0x8)"
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.text == "amdgpu 0000:03:00.0: amdgpu: \t Faulty UTCL2 client ID: TCP (0x8)")
        let other = try #require(ParserHarness.parseOne("Feb 25 19:15:17 minty app[1]: a#012b issue #123 #999 #01"))
        #expect(other.text == "a\nb issue #123 #999 #01")
    }

    @Test func journalDecorationIsRemoved() throws {
        // HyprV3-18: journalctl output pasted without its timestamp.
        let line = "archlinux systemd-coredump[835]: [🡕] Process 797 (swww) of user 1000 dumped core."
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.text == "Process 797 (swww) of user 1000 dumped core.")
        #expect(record.host == "archlinux")
        #expect(record.identifier == "systemd-coredump")
        #expect(record.pid == 835)
        #expect(record.origin == .userspace)
        #expect(record.realtimeMicroseconds == nil)
        let timed = try #require(
            ParserHarness.parseOne("Oct 07 12:58:23 archlinux systemd-coredump[835]: 🡕 Process 797")
        )
        #expect(timed.text == "Process 797")
        let hyperlink =
            "Oct 07 12:58:23 h systemd-coredump[835]: \u{1B}]8;;man:x\u{1B}\\🡕\u{1B}]8;;\u{1B}\\ Process 797"
        #expect(ParserHarness.parseOne(hyperlink)?.text == "Process 797")
    }

    @Test func kernelLineWithCutTimestamp() throws {
        // llama-cpp-python-839
        let line = "kernel: [1728595.660950] traps: python3[213941] trap invalid opcode ip:7f4aa44a4e94"
        let record = try #require(ParserHarness.parseOne(line))
        #expect(record.origin == .kernel)
        #expect(record.identifier == "kernel")
        #expect(record.monotonicMicroseconds == 1_728_595_660_950)
        #expect(record.text == "traps: python3[213941] trap invalid opcode ip:7f4aa44a4e94")
    }

    @Test func invalidDateFallsBackToPlain() throws {
        let record = try #require(ParserHarness.parseOne("Oct 32 12:58:23 host kernel: x"))
        #expect(record.format == .plain)
        #expect(record.text == "Oct 32 12:58:23 host kernel: x")
    }
}
