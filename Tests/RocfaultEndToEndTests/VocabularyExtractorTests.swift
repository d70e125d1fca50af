import Foundation
import Testing

/// `scripts/vocabulary.py` on a small tree laid out like the kernel's drivers/gpu/drm/amd: the
/// sample lines it prints are the lines the kernel would print for those calls.
@Suite struct VocabularyExtractorTests {
    let script = ProcessRunner.packageRoot.appendingPathComponent("scripts/vocabulary.py").path
    let tree = ProcessRunner.packageRoot.appendingPathComponent("scripts/testdata/vocabulary-tree")
        .path

    func samples() throws -> [String] {
        let output = try ProcessRunner.run("/usr/bin/python3", [script, "--samples-only", tree])
        #expect(output.status == 0, "\(output.stderr)")
        return output.stdout.split(separator: "\n").map(String.init)
    }

    /// powerplay's PP_ASSERT_WITH_CODE message is a warning-level print under `[powerplay] `, and a
    /// `%s` given `__func__` prints the function's name.
    @Test func everyCallBecomesTheLineTheKernelPrints() throws {
        let lines = try samples()
        let expected = [
            "error\tamdgpu/amdgpu_fixture.c\tamdgpu 0000:03:00.0: amdgpu: ring gfx test failed (1)",
            "error\tamdgpu/amdgpu_fixture.c\t[drm:amdgpu_fixture_ring_test [amdgpu]] *ERROR* amdgpu: failed to write reg 1a2b (1)",
            "warning\tamdgpu/amdgpu_fixture.c\tamdgpu 0000:03:00.0: amdgpu: GPU fault detected: 1 0x00001a2b",
            "error\tamdgpu/amdgpu_fixture.c\tamdgpu 0000:03:00.0: [drm] *ERROR* failed to pin bo at 0x1a2b",
            "error\tamdgpu/amdgpu_fixture.c\tamdgpu 0000:03:00.0: amdgpu: fence address 0x1a2b bad",
            "error\tamdkfd/kfd_fixture.c\tamdgpu: Failed to pin bo. ret 1",
            "warning\tamdkfd/kfd_fixture.c\tamdgpu: Unknown queue type gfx",
            "error\tpm/swsmu/smu_fixture.c\tamdgpu 0000:03:00.0: SMU: No response msg_reg: 1 resp_reg: 1",
            "warning\tpm/swsmu/smu_fixture.c\t[drm] smu version mismatch gfx",
            "warning\tpm/powerplay/hwmgr/pp_fixture.c\tamdgpu: [powerplay] Failed to initialize DPM defaults!",
            "error\tpm/powerplay/hwmgr/pp_fixture.c\tamdgpu: pp_fixture_setup_asic failed",
        ]
        for line in expected { #expect(lines.contains(line), "missing: \(line)\nin: \(lines)") }
    }

    @Test func macroFormatsAreCountedNotGuessedAndCommentsAndDebugPrintsAreSkipped() throws {
        let lines = try samples()
        #expect(lines.filter { $0.hasSuffix("<not parsed>") }.count == 1)
        #expect(!lines.contains { $0.contains("commented out") || $0.contains("not a warning") })
        #expect(lines.count == 13)
    }
}
