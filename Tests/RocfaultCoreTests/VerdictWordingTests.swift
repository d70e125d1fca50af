import Foundation
import Testing

@testable import RocfaultCore

/// The verdict paragraph says what a class means, how sure the evidence is, and what to do first,
/// without overreaching: no bug report for a limit, no driver-only blame for a page fault, no
/// silent kernel log that was never read.
@Suite struct VerdictWordingTests {
    static let oomLine =
        "torch.OutOfMemoryError: HIP out of memory. Tried to allocate 20.00 MiB. GPU 0 has a total capacity of "
        + "23.98 GiB of which 0 bytes is free."
    static let memoryInUse =
        "Memory critical error by agent node-0 (Agent handle: 0x560304d08f00) on address 0x7f091de3f000. "
        + "Reason: Memory in use."

    /// One application line at 10:00:00 in journal form; `kernel` adds kernel lines around it
    /// (covered), after it only (gap), or none (not provided).
    static func journal(_ line: String, kernel: KernelLogCoverage) -> String {
        let app = "Nov 20 10:00:00 host python3[4242]: \(line)\n"
        let smu = "host kernel: amdgpu 0000:c3:00.0: amdgpu: SMU is initialized successfully!\n"
        let usb = "host kernel: usb 1-1: new high-speed USB device number 2 using xhci_hcd\n"
        switch kernel {
        case .covered: return "Nov 20 09:59:00 " + smu + app + "Nov 20 10:01:00 " + usb
        case .gap: return app + "Nov 20 11:00:00 " + usb
        default: return app
        }
    }

    static func verdict(_ line: String, kernel: KernelLogCoverage) throws -> Verdict {
        let result = ShippedRules.check([("boot.log", journal(line, kernel: kernel))], ruleSet: try ShippedRules.load())
        #expect(result.verdict.kernelLog == kernel)
        return result.verdict
    }

    @Test(arguments: [KernelLogCoverage.covered, .gap, .notProvided])
    func outOfMemorySaysSizesAndLimitsNeverABugReport(_ kernel: KernelLogCoverage) throws {
        let verdict = try Self.verdict(Self.oomLine, kernel: kernel)
        #expect(verdict.side == .userspace)
        #expect(verdict.failureClass == .outOfMemory)
        for wanted in ["VRAM", "GTT", "batch size", "model", "ttm.pages_limit"] {
            #expect(verdict.summary.contains(wanted), "missing \(wanted): \(verdict.summary)")
        }
        for unwanted in ["bug report", "software bug", "bug in the ROCm"] {
            #expect(!verdict.summary.lowercased().contains(unwanted.lowercased()), "\(verdict.summary)")
        }
        #expect(FailureClass.outOfMemory.guidance.reporting == .settings)
    }

    /// A crash record with no GPU line cannot say the crash was not the GPU's: the process may have
    /// died in GPU code that printed nothing. The headline says it was not shown to be AMD's.
    @Test func aCrashWithNoGPULineIsNotShownToBeAMDsNotClearedOfIt() throws {
        let verdict = try Self.verdict("Fatal Python error: Segmentation fault", kernel: .notProvided)
        #expect(verdict.side == .none)
        #expect(verdict.failureClass == .crashRecord)
        #expect(verdict.summary.hasPrefix("Not shown to be an AMD GPU failure:"), "\(verdict.summary)")
        #expect(!verdict.summary.contains("unrelated to the GPU"), "\(verdict.summary)")
    }

    /// A kernel verdict names amdgpu as the reporter only when the deciding line is amdgpu's: a DRM
    /// core line that names no driver counts as AMD's because the log names an AMD GPU, and the
    /// headline says the kernel reported it.
    @Test func aKernelHeadlineNamesAMDGPUOnlyForItsOwnLines() throws {
        let rules = try ShippedRules.load()
        let named = "[  210.100000] amdgpu 0000:03:00.0: [drm] *ERROR* [CRTC:73:crtc-0] flip_done timed out\n"
        let unnamed =
            "[    4.000000] [drm] CRB Config Warning: DET size (7,5,5,7) + Compbuf size (1) > CRB segments (21)\n"
            + "[  210.100000] [drm] *ERROR* [CRTC:73:crtc-0] flip_done timed out\n"
        let fromDriver = ShippedRules.check([("dmesg.txt", named)], ruleSet: rules).verdict
        let fromCore = ShippedRules.check([("dmesg.txt", unnamed)], ruleSet: rules).verdict
        #expect(fromDriver.side == .kernel && fromCore.side == .kernel)
        #expect(fromDriver.summary.hasPrefix("Kernel side: the amdgpu driver reported"), "\(fromDriver.summary)")
        #expect(fromCore.summary.hasPrefix("Kernel side: the kernel reported"), "\(fromCore.summary)")
        #expect(fromCore.summary.contains("How sure: the kernel wrote"), "\(fromCore.summary)")
        #expect(!fromCore.summary.contains("amdgpu driver reported"), "\(fromCore.summary)")
        let radeon = "[20433.392685] radeon 0000:06:00.0: ring 0 stalled for more than 10000msec\n"
        let fromRadeon = ShippedRules.check([("dmesg.txt", radeon)], ruleSet: rules).verdict
        #expect(fromRadeon.side == .kernel)
        #expect(fromRadeon.summary.hasPrefix("Kernel side: the radeon driver reported"), "\(fromRadeon.summary)")
        // Windows' System event 4101 (wildrig-multi#16's wording): no Linux kernel wrote it.
        let tdr = "Display driver amdkmdap stopped responding and has successfully recovered.\n"
        let fromWindows = ShippedRules.check([("system.txt", tdr)], ruleSet: rules).verdict
        #expect(fromWindows.side == .kernel && fromWindows.failureClass == .ringTimeout)
        #expect(
            fromWindows.summary.hasPrefix("Kernel side: Windows' GPU timeout detection (TDR) reported"),
            "\(fromWindows.summary)"
        )
        #expect(fromWindows.summary.contains("so Windows' graphics kernel really saw"), "\(fromWindows.summary)")
        #expect(!fromWindows.summary.contains("so the kernel really saw"), "\(fromWindows.summary)")
        // The same event exported as XML (the lines of wildrig-multi#16): the driver named in its
        // data decides the block, which is no kernel crash report.
        let xml = """
            <Provider Name="Display" />
              <EventID Qualifiers="0">4101</EventID>
              <Level>3</Level>
            - <EventData>
              <Data>amdkmdap</Data>
              <Data />

            """
        let fromXML = ShippedRules.check([("event.xml", xml)], ruleSet: rules)
        #expect(fromXML.verdict.side == .kernel)
        let notes = fromXML.incidents.flatMap(\.evidence).compactMap(\.note)
        #expect(notes.contains("the block's windows.event-4101.amd-driver line decides it"), "\(notes)")
        #expect(!notes.contains { $0.contains("crash report") }, "\(notes)")
    }

    /// A log that shows only healthy driver lines, or nothing a rule knows, does not clear the GPU:
    /// a job that stopped making progress leaves exactly such a log. The headline says no failure
    /// was shown, and the first step says how to catch a stall; only a class that names what failed
    /// instead (another vendor's GPU) may say the failure was not AMD's.
    @Test func aLogWithNothingFailedShowsNoFailureAndDoesNotClearTheGPU() throws {
        let dmesg = "[    5.300000] amdgpu 0000:03:00.0: amdgpu: SMU driver if version not matched\n"
        let benign = ShippedRules.check([("dmesg.txt", dmesg)], ruleSet: try ShippedRules.load()).verdict
        #expect(benign.side == .none && benign.failureClass == .benign)
        #expect(benign.summary.hasPrefix("No AMD GPU failure shown:"), "\(benign.summary)")
        #expect(benign.summary.contains("thread apply all bt"), "\(benign.summary)")
        let nvidia = try Self.verdict(
            "NVRM: Xid (PCI:0000:01:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus.",
            kernel: .notProvided
        )
        #expect(nvidia.side == .none)
        #expect(nvidia.summary.hasPrefix("Not an AMD GPU failure:"), "\(nvidia.summary)")
        #expect(VerdictSummary.noneLead(.noEvidence) == "No AMD GPU failure shown")
        #expect(VerdictSummary.noneLead(.crashRecord) == "Not shown to be an AMD GPU failure")
    }

    @Test func pageFaultNamesTheGPUCodeAsWellAsTheDriver() throws {
        let dmesg = """
            [229550.864052] amdgpu 0000:65:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:88 vmid:8 pasid:32787)
            [229550.864069] amdgpu 0000:65:00.0: amdgpu:  Process darktable pid 70131 thread worker 0 pid 70175
            [229550.864075] amdgpu 0000:65:00.0: amdgpu:   in page starting at address 0x0000000000000000 from client 10
            """
        let result = ShippedRules.check([("dmesg.txt", dmesg)], ruleSet: try ShippedRules.load())
        let summary = result.verdict.summary
        #expect(result.verdict.failureClass == .pageFault)
        #expect(summary.contains("GPU code that touched the address"), "\(summary)")
        #expect(summary.contains("as likely as the amdgpu driver or the firmware"), "\(summary)")
        #expect(summary.contains("How sure: the amdgpu driver wrote the deciding line itself"), "\(summary)")
        #expect(!summary.contains("points at the amdgpu kernel driver"))
        #expect(!summary.contains("before blaming the runtime"))
    }

    @Test(arguments: [KernelLogCoverage.gap, .notProvided])
    func uncoveredKernelLogNeverClaimsSilence(_ kernel: KernelLogCoverage) throws {
        let verdict = try Self.verdict(Self.memoryInUse, kernel: kernel)
        #expect(verdict.side == .userspace)
        #expect(verdict.summary.contains("a kernel-side fault cannot be ruled out"), "\(verdict.summary)")
        #expect(!verdict.summary.contains("silent"))
        #expect(!verdict.summary.contains("log was read"))
        #expect(!verdict.summary.contains("not at the board"))
        #expect(verdict.certainty.contains("cannot be ruled out"))
    }

    @Test func coveredKernelLogIsReadAndSilent() throws {
        let verdict = try Self.verdict(Self.memoryInUse, kernel: .covered)
        #expect(verdict.summary.contains("the kernel log was read for that time and is silent"), "\(verdict.summary)")
        #expect(!verdict.summary.contains("software bug"))
        #expect(verdict.summary.contains("First: "))
    }

    @Test func aUserspaceEchoOfAKernelEventSaysWhatASilentKernelLogMeans() throws {
        let fault =
            "Memory access fault by GPU node-1 (Agent handle: 0x70dcc0d7e460) on address (nil). Reason: Page not "
            + "present or supervisor privilege."
        let covered = try Self.verdict(fault, kernel: .covered)
        #expect(covered.failureClass == .hsaVMFault)
        #expect(covered.summary.contains("rate-limited"), "\(covered.summary)")
        #expect(covered.summary.contains("as likely as the driver"))
        let unread = try Self.verdict(fault, kernel: .notProvided)
        #expect(!unread.summary.contains("rate-limited"))
    }

    @Test func ringTimeoutRASAndHangPointWhereTheyBelong() throws {
        let ring = ShippedRules.check(
            [
                (
                    "dmesg.txt",
                    "[100.1] amdgpu 0000:03:00.0: amdgpu: ring comp_1.1.0 timeout, signaled seq=125, emitted seq=129\n"
                )
            ],
            ruleSet: try ShippedRules.load()
        ).verdict
        #expect(ring.failureClass == .ringTimeout)
        for wanted in ["kernel version", "firmware", "MES", "lockup_timeout"] {
            #expect(ring.summary.contains(wanted), "missing \(wanted): \(ring.summary)")
        }
        let ras = ShippedRules.check(
            [
                (
                    "dmesg.txt",
                    "[9.1] amdgpu 0000:0c:00.0: amdgpu: 2 new uncorrectable hardware errors detected in umc block\n"
                )
            ],
            ruleSet: try ShippedRules.load()
        ).verdict
        #expect(ras.failureClass == .rasError)
        #expect(ras.summary.contains("hardware first"), "\(ras.summary)")
        #expect(FailureClass.rasError.guidance.reporting == .hardware)
        #expect(FailureClass.stall.guidance.firstStep.contains("stacks"))
    }

    @Test func everyClassHasItsOwnWordsAndNoneBlamesTheRuntimeWholesale() {
        for failureClass in FailureClass.allCases {
            let guidance = failureClass.guidance
            #expect(guidance != ClassGuidance.unlisted, "\(failureClass) has no entry")
            #expect(!guidance.meaning.isEmpty && !guidance.firstStep.isEmpty)
            #expect(!(guidance.meaning + guidance.firstStep).contains("software bug"), "\(failureClass)")
        }
        let settings = FailureClass.allCases.filter { $0.guidance.reporting == .settings }
        #expect(Set(settings) == [.outOfMemory, .codeObject, .driverMismatch])
    }

    @Test func coverageValuesWithoutTheirOwnSentenceGetTheCautiousOne() {
        for coverage in [KernelLogCoverage.gap, .notProvided] {
            #expect(VerdictSummary.coverageSentence(coverage) != VerdictSummary.uncheckedKernelLog)
        }
        #expect(VerdictSummary.uncheckedKernelLog.contains("cannot be ruled out"))
        #expect(!VerdictSummary.uncheckedKernelLog.contains("silent"))
    }

    /// A deciding line whose rule carries a catalog entry gets that entry's meaning and action, the
    /// words `explain` gives for the line; the class's words fit every rule of the class and can say
    /// more than the line shows ("a ROCm library" for a Vulkan call of an ncnn program). Lines of
    /// nihui/waifu2x-ncnn-vulkan#8.
    @Test func aDecidingRuleWithACatalogEntrySpeaksWithItsOwnWords() throws {
        let set = try ShippedRules.load()
        let log = """
            [0 AMD Radeon(TM) RX Vega 11 Graphics]  queueC=1  queueT=2  memU=2  memDL=0  memHV=1
            vkCreateShaderModule failed -3

            """
        let verdict = ShippedRules.check([("waifu2x.log", log)], ruleSet: set).verdict
        let entry = try #require(set.rule(id: "ncnn.vulkan-call-failed")?.catalog)
        #expect(verdict.side == .userspace && verdict.failureClass == .libraryError, "\(verdict.summary)")
        #expect(verdict.summary.contains(entry.meaning), "\(verdict.summary)")
        #expect(verdict.summary.contains("First: " + (entry.action ?? "")), "\(verdict.summary)")
        #expect(!verdict.summary.contains(FailureClass.libraryError.guidance.meaning), "\(verdict.summary)")
        #expect(verdict.firstStep == entry.action, "the step a report's box repeats")
        #expect(verdict.recordedFirstStep == entry.action, "kept apart from the summary, not parsed from it")
    }

    /// JSON always carries the step; a verdict written before it was kept reads from its summary.
    @Test func aVerdictsFirstStepIsInItsJSONAndOldJSONStillReads() throws {
        let old =
            #"{"side":"userspace","class":"hip-error","kernelLog":"covered","knownIssues":[],"#
            + #""summary":"Userspace: a HIP error. First: Rerun with AMD_LOG_LEVEL=1."}"#
        let read = try JSONDecoder().decode(Verdict.self, from: Data(old.utf8))
        #expect(read.recordedFirstStep == nil)
        #expect(read.firstStep == "Rerun with AMD_LOG_LEVEL=1.")
        let written = try JSONSerialization.jsonObject(with: JSONEncoder().encode(read)) as? [String: Any]
        #expect(written?["firstStep"] as? String == "Rerun with AMD_LOG_LEVEL=1.")
        var kept = read
        kept.recordedFirstStep = "Update the firmware."
        let again = try JSONDecoder().decode(Verdict.self, from: JSONEncoder().encode(kept))
        #expect(again == kept)
        #expect(again.firstStep == "Update the firmware.")
    }

    /// A rule without a catalog entry keeps its class's words, and a `none` verdict never borrows a
    /// rule's: the line did not decide, so its words would claim more than was shown.
    @Test func classWordsStayWhereNoRuleSpeaksOrNothingDecided() throws {
        let set = try ShippedRules.load()
        #expect(set.rule(id: "vulkan.out-of-device-memory")?.catalog == nil)
        let amd = "ggml_vulkan: 0 = AMD Radeon RX 7900 XTX (RADV NAVI31) (radv) | uma: 0 | fp16: 1 | warp size: 64 |\n"
        let oom = "ggml_vulkan: Device memory allocation of size 4294967296 failed.\n"
        let onAMD = ShippedRules.check([("amd.log", amd + oom)], ruleSet: set).verdict
        #expect(onAMD.side == .userspace, "\(onAMD.summary)")
        #expect(onAMD.summary.contains(FailureClass.outOfMemory.guidance.meaning), "\(onAMD.summary)")
        #expect(onAMD.firstStep == FailureClass.outOfMemory.guidance.firstStep)
        let bare = ShippedRules.check([("bare.log", "vkEnumeratePhysicalDevices failed -3\n")], ruleSet: set).verdict
        let entry = try #require(set.rule(id: "ncnn.vulkan-call-failed")?.catalog)
        #expect(bare.side == .none, "\(bare.summary)")
        #expect(!bare.summary.contains(entry.meaning), "\(bare.summary)")
    }
}
