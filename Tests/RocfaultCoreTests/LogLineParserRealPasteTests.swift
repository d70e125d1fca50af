import Foundation
import Testing

@testable import RocfaultCore

/// The layouts of issue 10's format list on real public text (`Fixtures/formats/pastes/`, sources in
/// its SOURCES.md), for the formats `LogLineParserPasteTests` covers with the quoted shapes.
@Suite struct LogLineParserRealPasteTests {
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Int64 {
        LogLineParserPasteTests.utc(year, month, day, hour, minute, second)
    }

    static func pastes(_ name: String) throws -> [LogRecord] {
        try LogLineParserPasteTests.pastes(name)
    }

    /// `dmesg -H` in a locale with a decimal comma (Debian bug #1121211).
    @Test func dmesgHumanWithDecimalComma() throws {
        let records = try Self.pastes("dmesg-human-debian.log")
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0.origin == .kernel && $0.format == .dmesg })
        #expect(records[0].text == "Booting Linux on physical CPU 0x100")
        // The report was sent on 2025-11-22, within a month of the reference time, so the same year.
        #expect(records[0].realtimeMicroseconds == Self.utc(2025, 11, 21, 8, 31, 0))
        #expect(records[1].text == "------------[ cut here ]------------")
        #expect(records[3].text == "index 0 is out of range for type 'clk_hw *[*]'")
    }

    /// `dmesg -T` with German weekday names (kernel bugzilla 219092).
    @Test func dmesgCtimeInGerman() throws {
        let records = try Self.pastes("dmesg-ctime-german.log")
        #expect(records.count == 5)
        #expect(records.allSatisfy { $0.origin == .kernel && $0.format == .dmesgCtime })
        #expect(records[0].realtimeMicroseconds == Self.utc(2024, 7, 24, 6, 34, 30))
        #expect(records[3].text == "[drm] DM_MST: DP12, 4-lane link detected")
        #expect(records[4].realtimeMicroseconds == Self.utc(2024, 7, 24, 16, 43, 50))
    }

    /// Journal dates with Dutch, Polish and German month names (M-Bab/linux-kernel-amdgpu-binaries#48,
    /// ggml-org/llama.cpp#21724, FrameworkComputer/SoftwareFirmwareIssueTracker#25).
    @Test func journalDatesInDutchPolishAndGerman() throws {
        let records = try Self.pastes("journal-locale-dates.log")
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0.origin == .kernel })
        #expect(records.map(\.host) == ["Annibuntu", "Annibuntu", "RX-78-FPC", "deepthought"])
        #expect(records[0].text == "amdgpu 0000:09:00.0: [gfxhub] VMC page fault (src_id:0 ring:24 vmid:1 pasid:32769)")
        #expect(records[0].realtimeMicroseconds == Self.utc(2025, 5, 28, 16, 47, 43))
        #expect(records[2].realtimeMicroseconds == Self.utc(2025, 5, 8, 19, 27, 35))
        #expect(records[3].realtimeMicroseconds == Self.utc(2024, 12, 11, 21, 49, 16))
    }

    /// Journal dates with the Chinese/Japanese month `12月` (kachick/dotfiles#970).
    @Test func journalDatesWithCJKMonth() throws {
        let records = try Self.pastes("journal-cjk-month.log")
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.origin == .kernel && $0.host == "algae" })
        #expect(records[0].realtimeMicroseconds == Self.utc(2024, 12, 1, 23, 34, 42))
        #expect(records[1].text == "amdgpu 0000:04:00.0: amdgpu: Secure display: Generic Failure.")
    }

    /// The PRINTK_CALLER column (util-linux/util-linux#2637).
    @Test func callerIDColumn() throws {
        let record = try #require(try Self.pastes("caller-id.log").first)
        #expect(record.origin == .kernel)
        #expect(record.text == "hub 3-3:1.0: USB hub found")
        #expect(record.monotonicMicroseconds == 520_899_558)
    }

    /// A console collector's ISO time before the kernel's console line, whose caller id follows the
    /// stamp without a space (ROCm/ROCm#4070).
    @Test func consoleLineBehindAnISOTime() throws {
        let records = try Self.pastes("console-iso-caller.log")
        #expect(records.count == 3)
        #expect(records.allSatisfy { $0.origin == .kernel && $0.format == .dmesg })
        #expect(records[1].text == "Workqueue: events svm_range_evict_svm_bo_worker [amdgpu]")
        #expect(records[2].text.hasPrefix("RIP: 0010:svm_range_evict_svm_bo_worker+0x313/0x330"))
        #expect(records[2].monotonicMicroseconds == 1_854_229_290_017)
        #expect(records[2].realtimeMicroseconds == Self.utc(2025, 7, 16, 12, 42, 49))
    }

    /// Journal lines quoted with Markdown's `> ` (rocm-arch/rocm-arch#138): the quote marks go, the
    /// lines keep their layout and origin.
    @Test func quotedJournalLines() throws {
        let records = try Self.pastes("quoted-journal.log")
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0.origin == .kernel && $0.host == "ulises" })
        #expect(records[3].text == "RIP: 0010:amdgpu_vm_sdma_commit+0x59/0x1f0 [amdgpu]")
    }

    /// Lines set in bold with Markdown's `**` (Fooocus#1687, vendor-reset#3, InvokeAI#5738,
    /// ROCmLibs-for-gfx1103#29): the marks go, before trailing blanks too, a dmesg line keeps its
    /// layout and origin, and a run of asterisks stays as it is.
    @Test func markdownBoldLines() throws {
        let records = try Self.pastes("markdown-bold.log")
        #expect(records.count == 6)
        #expect(records[0].text == "Segmentation fault")
        #expect(records[1].origin == .kernel)
        #expect(records[1].text == "vendor-reset-drm: invalid ip discovery binary signature")
        #expect(records[1].monotonicMicroseconds == 179_164_481)
        #expect(records[2].text == "RuntimeError: HIP error: the operation cannot be performed in the present state")
        #expect(records[3].text.hasPrefix("time=2025-02-24T21:27:51.269+08:00 level=WARN"))
        #expect(records[4].text == "***")
        // The same line with Markdown's hard line break (two trailing blanks) after its marks.
        #expect(records[5].text == "Segmentation fault")
    }

    /// rsyslog's RFC 3339 file format with the facility.priority field (rsyslog/rsyslog#5264).
    @Test func rsyslogRFC3339WithFacility() throws {
        let records = try Self.pastes("rsyslog-rfc3339.log")
        #expect(records.count == 2)
        #expect(records[0].origin == .kernel)
        #expect(records[0].text == "hub 1-1:1.0: USB hub found")
        #expect(records[0].host == "laptop")
        #expect(records[0].realtimeMicroseconds == Self.utc(2023, 11, 1, 14, 24, 39) + 397_048)
        #expect(records[1].origin == .userspace)
        #expect(records[1].identifier == "systemd")
        #expect(records[1].text == "Started Dispatch Password Requests to Console.")
    }

    /// Syslog with the host left empty (ValveSoftware/SteamOS#1312) or date and host cut off
    /// (abetlen/llama-cpp-python#839).
    @Test func syslogWithHostOrDateStripped() throws {
        let records = try Self.pastes("syslog-host-stripped.log")
        #expect(records.count == 3)
        #expect(records.allSatisfy { $0.origin == .kernel })
        #expect(
            records[0].text
                == "[drm:amdgpu_job_timedout [amdgpu]] *ERROR* ring gfx_0.0.0 timeout, signaled seq=4775456, emitted seq=4775458"
        )
        #expect(records[0].realtimeMicroseconds == Self.utc(2025, 1, 2, 21, 35, 19))
        #expect(records[2].text.hasPrefix("traps: python3[213941] trap invalid opcode"))
        #expect(records[2].monotonicMicroseconds == 1_728_595_660_950)
    }

    /// docker compose's `name  | ` (ollama/ollama#8851; the prefix is removed from a program's line
    /// too, so anchored rules match it) and the Kubernetes container runtime's own log format,
    /// `<RFC 3339 time> stderr F ` (ROCm/aiter#5192), whose prefix is removed.
    @Test func containerLogPrefixes() throws {
        let records = try Self.pastes("containers.log")
        #expect(records.count == 3)
        let rocr =
            "Memory access fault by GPU node-1 (Agent handle: 0x559ee9967590) on address 0x7fe05f439000. "
            + "Reason: Page not present or supervisor privilege."
        #expect(records[0].text == rocr)
        #expect(
            records[2].text
                == "Memory access fault by GPU node-6 (Agent handle: 0x501def90) on address 0x7f5e50c00000. Reason: Unknown."
        )
        #expect(records[2].realtimeMicroseconds == Self.utc(2026, 8, 31, 17, 43, 36) + 670_334)
        let text = String(decoding: try ParserHarness.fixture("pastes/containers.log"), as: UTF8.self)
        let result = ShippedRules.check([("containers.log", text)], ruleSet: try ShippedRules.load())
        #expect(result.verdict.side == .userspace, "\(result.verdict.summary)")
        #expect(result.verdict.failureClass == .hsaVMFault)
    }

    /// GitHub Actions' per-line times (ROCm/TheRock#2683).
    @Test func gitHubActionsTimes() throws {
        let records = try Self.pastes("github-actions.log")
        #expect(records.count == 2)
        #expect(records[0].text == "E           Failed: Command rocminfo failed to run")
        #expect(records[0].realtimeMicroseconds == Self.utc(2025, 12, 22, 3, 49, 1) + 679_532)
        #expect(records[1].text == "tests/test_rocm_sanity.py:66: Failed")
    }

    /// llama.cpp's `0.00.906.468 W ` prefix (ggml-org/llama.cpp#26963).
    @Test func llamaCppLogPrefix() throws {
        let records = try Self.pastes("llama-log-prefix.log")
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.origin == .userspace })
        #expect(
            records[1].text
                == "ggml_backend_cuda_device_get_memory: cudaMemGetInfo failed (invalid argument), returning 0/0"
        )
    }

    /// CLR's debug lines with the newer `[pid:N tid: 0x..]` field (ROCm/legacy-rocm-build#5051): the
    /// text keeps the prefix, which the HIP trace rules read.
    @Test func rocclrDebugLinesWithPidAndTid() throws {
        let bytes = try ParserHarness.fixture("pastes/rocclr-pid-tid.log")
        let records = ParserHarness.parseAll(bytes)
        #expect(records.map(\.text) == LogLineParserFixtureTests.lines(bytes))
        #expect(records.allSatisfy { $0.origin == .userspace })
    }

    /// A PowerShell prompt, Windows paths and a cmd.exe prompt (ROCm/legacy-rocm-build#5901,
    /// likelovewant/ROCmLibs-for-gfx1103-AMD780M-APU#6) stay plain text.
    @Test func windowsPromptsAndPathsAreText() throws {
        let bytes = try ParserHarness.fixture("pastes/windows-powershell.log")
        let records = ParserHarness.parseAll(bytes)
        #expect(records.map(\.text) == LogLineParserFixtureTests.lines(bytes))
        #expect(records.allSatisfy { $0.format == .plain && $0.origin == .unknown })
    }

    /// A line glued onto the end of a tqdm bar (vllm-project/vllm#35169), then ROCr's fault line.
    @Test func lineGluedToAProgressBar() throws {
        let records = try Self.pastes("tqdm-glued.log")
        #expect(records.count == 2)
        #expect(
            records[0].text
                == "(Worker_TP0 pid=3098) DEBUG 02-24 02:39:34 [v1/worker/gpu_model_runner.py:4758] ubatch_slices: None, "
                + "ubatch_slices_padded: None"
        )
        #expect(records[1].text.hasPrefix("Memory access fault by GPU node-5"))
    }

    /// FreeBSD's syslog with tab-indented fault decoder lines (freebsd/drm-kmod#78).
    @Test func freeBSDSyslogWithTabIndentedDecoderLines() throws {
        let records = try Self.pastes("freebsd-syslog-tabs.log")
        #expect(records.count == 6)
        #expect(records.allSatisfy { $0.origin == .kernel && $0.host == "verdandi" && $0.text.hasPrefix("drmn0:") })
        #expect(records[3].text.contains("MORE_FAULTS: 0x1"))
    }

    /// The X server's own log, whose `[  1356.287]` stamp has three decimals (the kernel prints
    /// six) and a `(EE)` marker after it (Ashark/archlinux-amdgpu-pro#40): the X server's lines, not
    /// the kernel's.
    @Test func xorgLogLinesAreNotKernelLines() throws {
        let records = try Self.pastes("xorg-log.log")
        #expect(records.count == 12)
        #expect(records.allSatisfy { $0.origin == .userspace && $0.format == .plain })
        #expect(records[0].text == "(EE) Failed to load module \"glx\" (module does not exist, 0)")
        #expect(records[8].monotonicMicroseconds == 1_356_287_000)
        #expect(records[8].text.hasPrefix("(EE) 2: /usr/lib/libdrm_amdgpu.so.1 (amdgpu_get_marketing_name+0x0)"))
    }

    /// Perfetto's messages in a ROCm profiler's output carry a three-decimal stamp too
    /// (ROCm/TheRock#1768); the glog line between them has no bracketed stamp at all.
    @Test func perfettoStampsAreNotKernelLines() throws {
        let records = try Self.pastes("perfetto-stamps.log")
        #expect(records.count == 3)
        #expect(records[0].origin == .userspace && records[2].origin == .userspace)
        #expect(records[0].text.trimmingCharacters(in: .whitespaces).hasPrefix("perfetto.cc:47304 Configured tracing"))
        #expect(records[2].monotonicMicroseconds == 830_423_000)
        #expect(records[1].origin != .kernel)
    }
}
