import Foundation
import Testing

@testable import RocfaultCore

/// The generated amdgpu catalog families (Rules/47-amdgpu-catalog.yaml, scripts/catalog-families.py):
/// a line is classified when it starts with the words of one of the driver's own formats, and only
/// after an amdgpu prefix; words of failure alone classify nothing.
@Suite struct CatalogFamilyTests {
    static let explainer: LineExplainer? = try? LineExplainer(
        ruleSet: ShippedRules.load(),
        timeContext: TimeContext(referenceRealtimeMicroseconds: 1_795_000_000_000_000)
    )

    func explain(_ line: String) throws -> LineExplanation {
        try #require(Self.explainer).explain(line)
    }

    /// Real lines (issue 10 and public reports of 6.x/7.x kernels) answered by their family.
    @Test(arguments: [
        ("amdgpu 0000:03:00.0: SMU: No response msg_reg: 6 resp_reg: 0", "amdgpu.catalog.smu", Subsystem.smu),
        ("amdgpu: SMU: No response msg_reg: 1a resp_reg: 0", "amdgpu.catalog.smu", .smu),
        ("amdgpu 0000:03:00.0: Failed to setup smc hw!", "amdgpu.catalog.smu", .smu),
        ("amdgpu 0000:03:00.0: Failed to enable requested dpm features!", "amdgpu.catalog.smu", .smu),
        ("amdgpu 0000:7c:00.0: Failed to disable gfxoff!", "amdgpu.catalog.smu", .smu),
        ("amdgpu: Failed to pin bo. ret -1", "amdgpu.catalog.kfd", .kfd),
        ("amdgpu: Failed to map wptr bo to GART", "amdgpu.catalog.kfd", .kfd),
        ("[drm:gfx_v9_0_cp_resume [amdgpu]] *ERROR* KCQ enable failed", "amdgpu.catalog.gfx", .gfx),
    ])
    func realLinesAreAnsweredByTheirFamily(line: String, family: String, subsystem: Subsystem) throws {
        let answer = try explain(line)
        #expect(answer.rule?.hasPrefix(family) == true, "\(line) -> \(answer.rule ?? "no rule")")
        #expect(answer.side == "kernel")
        #expect(answer.catalogSide == .kernelFault)
        #expect(answer.subsystem == subsystem)
        #expect(answer.kernels.contains("6.12"))
        #expect(!(answer.investigate ?? "").isEmpty)
    }

    /// The old families took any amdgpu line with a word of failure; these are not the driver's
    /// formats, so nothing may call them kernel-side faults.
    @Test(arguments: [
        "amdgpu 0000:03:00.0: amdgpu: the widget failed to frobnicate",
        "amdgpu: my script reports an error in the fan curve",
        "[drm:some_function [amdgpu]] *ERROR* a made-up timeout while testing",
        "amdgpu 0000:03:00.0: amdgpu: ring gfx timeout reached by userspace watchdog",
    ])
    func failureWordsAloneClassifyNothing(line: String) throws {
        let answer = try explain(line)
        #expect(!(answer.rule ?? "").contains(".catalog."), "\(line) -> \(answer.rule ?? "no rule")")
        #expect(answer.side != "kernel", "\(line) -> \(answer.rule ?? "no rule")")
    }

    /// The same driver words behind another vendor's prefix are no amdgpu evidence.
    @Test(arguments: [
        "xe 0000:00:02.0: Failed to setup smc hw!",
        "i915 0000:00:02.0: [drm] *ERROR* Failed to map wptr bo to GART",
        "nouveau 0000:01:00.0: SMU: No response msg_reg: 6 resp_reg: 0",
    ])
    func otherVendorsPrefixesAreNotAmdgpuEvidence(line: String) throws {
        let answer = try explain(line)
        #expect(answer.side != "kernel", "\(line) -> \(answer.rule ?? "no rule")")
    }

    @Test func aRefusedSettingIsKernelBenign() throws {
        let answer = try explain(
            "amdgpu 0000:03:00.0: amdgpu: OD setting (2, 3) is greater than the maximum allowed (1)"
        )
        #expect(answer.rule == "amdgpu.catalog.rejected-setting")
        #expect(answer.catalogSide == .kernelBenign)
        #expect(answer.side == "none")
    }

    /// rocminfo's failure, two lines as printed (ROCm/ROCm#930 and later reports), is userspace.
    @Test func rocminfoOutOfResourcesIsUserspace() throws {
        let answer = try explain(
            "Call returned HSA_STATUS_ERROR_OUT_OF_RESOURCES: The runtime failed to allocate the necessary "
                + "resources. This error may also occur when the core runtime library needs to spawn threads or "
                + "create internal OS-specific events."
        )
        #expect(answer.rule == "rocr.call-returned")
        #expect(answer.side == "userspace")
        let log = """
            WSL environment detected.
            hsa api call failure at: ./rocminfo.cc:1324
            Call returned HSA_STATUS_ERROR_OUT_OF_RESOURCES: The runtime failed to allocate the necessary resources. \
            This error may also occur when the core runtime library needs to spawn threads or create internal \
            OS-specific events.

            """
        let result = ShippedRules.check([("rocminfo.txt", log)], ruleSet: try ShippedRules.load())
        #expect(result.verdict.side == .userspace, "\(result.verdict.summary)")
    }

    /// Records printed over two lines keep their side when checked as a log.
    @Test(arguments: [
        ("[  812.330541] amdgpu: \n[  812.330548]   failed to send message 200 ret is 0\n", Side.kernel),
        ("Memory access fault by GPU node-1.\nReason: Page not present or supervisor privilege.\n", Side.userspace),
    ])
    func twoLineRecordsKeepTheirSide(log: String, side: Side) throws {
        let result = ShippedRules.check([("log.txt", log)], ruleSet: try ShippedRules.load())
        #expect(result.verdict.side == side, "\(result.verdict.summary)")
    }
}
