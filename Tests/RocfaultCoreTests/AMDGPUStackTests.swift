import Foundation
import Testing

@testable import RocfaultCore

/// A saved log that shows AMD's GPU stack at work and ends in the program's own words (a Python
/// exception, a compiler error, a crash) is a userspace failure on that stack; the same ending beside
/// another vendor's GPU, after a package install error, or with only the amdgpu driver's boot lines
/// is not.
@Suite struct AMDGPUStackTests {
    static func verdict(_ text: String) throws -> Verdict {
        ShippedRules.check([("job.log", text)], ruleSet: try ShippedRules.load()).verdict
    }

    @Test func anExceptionAfterTheROCmStackIsNamedIsAUserspaceFailure() throws {
        let verdict = try Self.verdict(
            """
              File "/venv/lib/python3.12/site-packages/triton/backends/amd/compiler.py", line 186, in make_llir
                pm.run(mod)
            RuntimeError: PassManager::run failed
            """
        )
        #expect(verdict.side == .userspace)
        #expect(verdict.failureClass == .frameworkError)
    }

    @Test func theSameExceptionBesideAnNVIDIAGPUIsNotAnAMDFailure() throws {
        let verdict = try Self.verdict(
            """
            Device 0: NVIDIA GeForce RTX 4090, compute capability 8.9, VMM: yes
              File "/venv/lib/python3.12/site-packages/triton/backends/amd/compiler.py", line 186, in make_llir
            RuntimeError: PassManager::run failed
            """
        )
        #expect(verdict.side == .none)
    }

    @Test func anExceptionWithNoStackNamedDecidesNothing() throws {
        let verdict = try Self.verdict("RuntimeError: PassManager::run failed\n")
        #expect(verdict.side == .none)
    }

    @Test func aCrashAfterOnlyTheDriversBootLinesIsNotPromoted() throws {
        let verdict = try Self.verdict(
            """
            [    4.120000] [drm] amdgpu kernel modesetting enabled.
            [    5.300000] amdgpu 0000:03:00.0: amdgpu: SMU is initialized successfully!
            Segmentation fault (core dumped)
            """
        )
        #expect(verdict.side == .none)
    }

    @Test func aCrashOfAJobOnTheROCmStackIsAUserspaceAbort() throws {
        let verdict = try Self.verdict(
            """
            "/opt/rocm-6.4.1/lib/rocblas/library/TensileLibrary_lazy_gfx1100.dat"
            Aborted (core dumped)
            """
        )
        #expect(verdict.side == .userspace)
        #expect(verdict.failureClass == .abort)
    }

    @Test func aFailureThatNamesTheStackInItsOwnLineIsUserspace() throws {
        let verdict = try Self.verdict(
            "jaxlib.xla_extension.XlaRuntimeError: INTERNAL: Failed call to hipGetFuncBySymbol: hipError_t(98)\n"
        )
        #expect(verdict.side == .userspace)
    }

    @Test func aCompilerErrorInABuildForAGfxTargetIsUserspace() throws {
        let verdict = try Self.verdict(
            """
            hipcc -O3 --amdgpu-target=gfx1031 --genco kernel.cpp -o kernel.co
            error: unhandled SGPR spill to memory
            """
        )
        #expect(verdict.side == .userspace)
        #expect(verdict.failureClass == .compileError)
    }

    /// A build that stops because a package is not installed never ran on the GPU: the set-up line
    /// demotes the failed build, which the AMD-stack layer would otherwise promote.
    @Test(arguments: [
        ("", Side.userspace),
        ("  Could not find a package configuration file provided by \"rocprim\" with any\n", Side.none),
    ])
    func aBuildStoppedByAMissingPackageIsASetupError(_ setupLine: String, _ side: Side) throws {
        let verdict = try Self.verdict(
            "-- HIP version: 6.2.41133\nCMake Error at CMakeLists.txt:12 (find_package):\n" + setupLine
        )
        #expect(verdict.side == side, "\(verdict.summary)")
        if side == .none { #expect(verdict.failureClass == .installError) }
    }

    @Test func aPackageInstallErrorIsNotAGPUFailure() throws {
        let verdict = try Self.verdict(
            """
            Looking in indexes: https://download.pytorch.org/whl/rocm5.2
            ERROR: Could not find a version that satisfies the requirement torch==1.13.1+rocm5.2 (from versions: 2.2.0)
            ERROR: No matching distribution found for torch==1.13.1+rocm5.2
            """
        )
        #expect(verdict.side == .none)
        #expect(verdict.failureClass == .installError)
        #expect(verdict.summary.hasPrefix("Not an AMD GPU failure"))
    }
}
