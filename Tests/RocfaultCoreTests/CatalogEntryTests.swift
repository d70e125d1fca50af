import Foundation
import Testing

@testable import RocfaultCore

/// The catalog keys of a rule (`side`, `subsystem`, `meaning`, `action`, `investigate`, `kernels`),
/// the line explainer that answers from them, and the generated message page.
@Suite struct CatalogEntryTests {
    static func rule(kind: String, extra: String) -> String {
        """
        rules:
          - id: test.smu
            description: An SMU failure.
            kind: \(kind)
            class: smu-error
            origin: kernel
            literals: ["SMU: No response"]
            pattern: 'SMU: No response msg_reg: (?<msg>\\d+)'
        \(extra)
            examples:
              match: ['amdgpu 0000:03:00.0: SMU: No response msg_reg: 6 resp_reg: 0']
              no-match: ['SMU is initialized successfully!']
        """
    }

    @Test func catalogKeysAreRead() throws {
        let extra = """
                side: kernel-fault
                subsystem: SMU/PM
                meaning: The SMU stopped answering.
                action: Undo tuning.
                investigate: Read the SMU firmware version.
                kernels: ['6.1', '6.12']
            """
        let result = RuleFileParser().parse(Self.rule(kind: "kernel", extra: extra), file: "c.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let entry = try #require(result.rules.first?.catalog)
        #expect(
            entry
                == CatalogEntry(
                    side: .kernelFault,
                    subsystem: .smu,
                    meaning: "The SMU stopped answering.",
                    action: "Undo tuning.",
                    investigate: "Read the SMU firmware version.",
                    kernels: ["6.1", "6.12"]
                )
        )
    }

    @Test func rulesWithoutCatalogKeysStillLoad() throws {
        let result = RuleFileParser().parse(Self.rule(kind: "kernel", extra: ""), file: "c.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.rules.first?.catalog == nil)
    }

    @Test func aSideThatContradictsTheKindIsAnErrorWithItsLine() {
        let extra = """
                side: userspace
                meaning: x
            """
        let result = RuleFileParser().parse(Self.rule(kind: "kernel", extra: extra), file: "c.yaml")
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("c.yaml:9: error: side 'userspace' does not fit kind 'kernel'") })
    }

    @Test func missingMeaningUnknownSubsystemAndMissingKernelsAreErrors() {
        let noMeaning = RuleFileParser().parse(
            Self.rule(kind: "kernel", extra: "    side: kernel-fault"),
            file: "c.yaml"
        )
        #expect(noMeaning.diagnostics.contains { $0.description.contains("needs 'side' and 'meaning'") })
        let extra = """
                side: kernel-fault
                subsystem: GPU
                meaning: x
            """
        let badSubsystem = RuleFileParser().parse(Self.rule(kind: "kernel", extra: extra), file: "c.yaml")
        let messages = badSubsystem.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("c.yaml:10: error: 'subsystem' is 'GPU'") })
        #expect(messages.contains { $0.contains("lists the kernel versions") })
    }

    @Test func explainerAnswersFromTheShippedCatalog() throws {
        let explainer = LineExplainer(
            ruleSet: try ShippedRules.load(),
            timeContext: TimeContext(referenceRealtimeMicroseconds: 1_795_000_000_000_000)
        )
        let smu = explainer.explain("[ 12.345678] amdgpu 0000:03:00.0: SMU: No response msg_reg: 6 resp_reg: 0")
        #expect(smu.side == "kernel")
        #expect(smu.catalogSide == .kernelFault)
        #expect(smu.subsystem == .smu)
        #expect(!smu.kernels.isEmpty)
        let kfd = explainer.explain("amdgpu: Failed to map wptr bo to GART")
        #expect(kfd.side == "kernel")
        let info = explainer.explain("amdgpu 0000:03:00.0: amdgpu: SMU is initialized successfully!")
        #expect(info.side == "unknown")
        #expect(!info.isKnown)
        let intel = explainer.explain("xe 0000:00:02.0: [drm] *ERROR* GT0: engine reset failed")
        #expect(intel.side != "kernel")
    }

    /// The wordings issue 10 lists as missed on fresh cases: each now has its side.
    @Test(arguments: [
        ("amdgpu 0000:03:00.0: SMU: No response msg_reg: 6 resp_reg: 0", "kernel"),
        ("amdgpu 0000:03:00.0: amdgpu: Failed to setup smc hw!", "kernel"),
        ("  failed to send message 200 ret is 0", "kernel"),
        ("amdgpu: Failed to pin bo. ret -1", "kernel"),
        ("amdgpu: Failed to map wptr bo to GART", "kernel"),
        ("Memory access fault by GPU node-1.", "userspace"),
        (
            "MIOpen(HIP): Error [Compile] 'hiprtcCompileProgram(prog.get(), c_options.size(), c_options.data())' "
                + "naive_conv.cpp: HIPRTC_ERROR_COMPILATION (6)", "userspace"
        ),
        ("[aiter] failed jit build [module_aiter_core]", "userspace"),
        ("No compatible code objects found for: gfx1152", "userspace"),
        ("vk::PhysicalDevice::createDevice: ErrorExtensionNotPresent", "userspace"),
        ("xe 0000:00:02.0: [drm] device wedged, needs recovery", "none"),
    ])
    func issueWordingsHaveTheirSide(line: String, side: String) throws {
        let explainer = LineExplainer(
            ruleSet: try ShippedRules.load(),
            timeContext: TimeContext(referenceRealtimeMicroseconds: 1_795_000_000_000_000)
        )
        let answer = explainer.explain(line)
        #expect(answer.side == side, "\(line) -> \(answer.rule ?? "no rule")")
        #expect(answer.isKnown)
    }

    /// Harmless lines of an ordinary amdgpu boot: a catalog family must not make any of them
    /// kernel-side evidence, or a full dmesg would outrank the real userspace abort beside it.
    @Test(arguments: [
        "amdgpu 0000:03:00.0: amdgpu: PCIE atomic ops is not supported",
        "amdgpu 0000:03:00.0: [drm] Cannot find any crtc or sizes",
        "amdgpu 0000:c5:00.0: amdgpu: Trusted Memory Zone (TMZ) feature disabled as experimental (default)",
        "amdgpu 0000:c5:00.0: amdgpu: Runtime PM not available",
        "amdgpu 0000:c5:00.0: amdgpu: Please use amdgpu.ppfeaturemask to enable overdrive",
        "amdgpu 0000:c5:00.0: amdgpu: [drm] Unsupported Connector type:21",
        "amdgpu: ttm limit reduced",
        "amdgpu 0000:c5:00.0: amdgpu: Using BACO for runtime pm",
    ])
    func harmlessBootLinesAreNotKernelFaults(line: String) throws {
        let explainer = LineExplainer(
            ruleSet: try ShippedRules.load(),
            timeContext: TimeContext(referenceRealtimeMicroseconds: 1_795_000_000_000_000)
        )
        let answer = explainer.explain(line)
        #expect(answer.side != "kernel", "\(line) -> \(answer.rule ?? "no rule")")
    }

    @Test func theCommittedMessagePageIsCurrent() throws {
        let page = ShippedRules.directory.deletingLastPathComponent().appendingPathComponent("docs/amdgpu-messages.md")
        let committed = try String(contentsOf: page, encoding: .utf8)
        let current = CatalogDocument(rules: try ShippedRules.load().rules).markdown()
        #expect(committed == current, "docs/amdgpu-messages.md is stale: run `make messages-doc`")
    }
}
