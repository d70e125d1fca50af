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

    /// An exception that ends a traceback right below a frame in AMD's own Python code (rocm-smi
    /// here) is AMD's code failing; the same exception raised further in, or with no such frame,
    /// is not shown to be AMD's.
    @Test func anExceptionRaisedInAMDsPythonCodeIsAUserspaceFailure() throws {
        let frame = "  File \"/opt/rocm-6.2.0/libexec/rocm_smi/rocm_smi.py\", line 3918, in showAllConcise\n"
        let raised = "    x = d['gfx']\nKeyError: 'gfx'\n"
        let verdict = try Self.verdict("Traceback (most recent call last):\n" + frame + raised)
        #expect(verdict.side == .userspace, "\(verdict.summary)")
        #expect(verdict.summary.contains("AMD's own Python code"), "\(verdict.summary)")
        let further = "  File \"/usr/lib/python3.12/site-packages/numpy/core.py\", line 5, in take\n    y = 1\n"
        let elsewhere = try Self.verdict(
            "Traceback (most recent call last):\n" + frame + "    z()\n" + further + raised
        )
        #expect(elsewhere.side == .none, "\(elsewhere.summary)")
        #expect(try Self.verdict("KeyError: 'gfx'\n").side == .none)
        // An exception before the frame (another traceback, in normal order) is no part of its block.
        let before =
            "Traceback (most recent call last):\n  File \"/home/u/app.py\", line 9, in main\nValueError: bad input\n"
        let exited = "Traceback (most recent call last):\n" + frame + "    sys.exit(0)\nSystemExit: 0\n"
        #expect(try Self.verdict(before + exited).side == .none)
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

    /// A CUDA status under ZLUDA (CUDA on an AMD GPU) is a failure on AMD's stack; the same status on
    /// an NVIDIA card is not, and alone it decides nothing. Lines of the Koharu reports
    /// (mayocream/koharu#442 on an RX 9070 XT).
    @Test func aCUDAStatusUnderZLUDAIsAFailureOnAMDsStack() throws {
        let failure = "✗ Failed to build resources: CublasError(CUBLAS_STATUS_INTERNAL_ERROR)\n"
        let zluda = try Self.verdict("ℹ Experimental ZLUDA v6-preview.63 support enabled\n" + failure)
        #expect(zluda.side == .userspace && zluda.failureClass == .libraryError, "\(zluda.summary)")
        let nvidia = try Self.verdict("GPU models and configuration: GPU 0: NVIDIA GeForce RTX 4090\n" + failure)
        #expect(nvidia.side == .none, "\(nvidia.summary)")
        let alone = try Self.verdict(failure)
        #expect(alone.side == .none, "\(alone.summary)")
    }

    /// Under ZLUDA the CUDA libraries' own names (a cuDNN status from onnxruntime's CUDA provider)
    /// are ZLUDA's, not an NVIDIA GPU; the same line with no ZLUDA, or beside an NVIDIA card, is not
    /// AMD's. Lines of the ReActor report under ComfyUI-ZLUDA (Gourieff/comfyui-reactor-node#341).
    @Test func aCUDALibraryNameUnderZLUDANamesNoNVIDIAGPU() throws {
        let failure =
            "[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Exception during initialization: "
            + "onnxruntime::CudaCall CUDNN failure 4: CUDNN_STATUS_INTERNAL_ERROR ; GPU=0 ; hostname=PC ; "
            + "expr=cudnnSetStream(cudnn_handle_, stream); \n"
        let frame = "File \"D:\\ComfyUI-ZLUDA\\execution.py\", line 151, in recursive_execute\n"
        let zluda = try Self.verdict(failure + frame)
        #expect(zluda.side == .userspace && zluda.failureClass == .libraryError, "\(zluda.summary)")
        let plain = try Self.verdict(failure)
        #expect(plain.side == .none, "\(plain.summary)")
        let nvidia = try Self.verdict("Device 0: NVIDIA GeForce RTX 4090, compute capability 8.9\n" + failure + frame)
        #expect(nvidia.side == .none, "\(nvidia.summary)")
        // ZLUDA's tools run on NVIDIA's own driver too (its dump library in front of the system
        // libcuda.so): NVIDIA's driver library still names NVIDIA.
        let dump = "ZLUDA_CUDA_LIB=/usr/lib/x86_64-linux-gnu/libcuda.so.1 LD_PRELOAD=libzluda_dump.so python run.py\n"
        let onNVIDIA = try Self.verdict(dump + failure + frame)
        #expect(onNVIDIA.side == .none, "\(onNVIDIA.summary)")
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

    /// A CPU's model name that mentions its integrated Radeon graphics (a system summary's `Ryzen 7
    /// 7840HS w/ Radeon 780M Graphics`) says what hardware the machine has, not that AMD's GPU stack
    /// ran the job: a crash after it decides nothing, while the same crash after a Radeon GPU named
    /// as the device in use is a crash on that stack.
    @Test(arguments: [
        ("CPU: 16 x AMD Ryzen 7 7840HS w/ Radeon 780M Graphics", Side.none),
        ("Model name: AMD Ryzen 7 5700U with Radeon Graphics", Side.none),
        ("Device 0: AMD Radeon RX 7900 XTX, gfx1100 (0x1100)", Side.userspace),
    ])
    func aCPUNamingItsRadeonGraphicsDoesNotShowTheStackAtWork(_ hardwareLine: String, _ side: Side) throws {
        let crash = "[8887] signal 11 (1): Segmentation fault\nin expression starting at REPL[2]:1\n"
        let verdict = try Self.verdict(hardwareLine + "\n" + crash)
        #expect(verdict.side == side, "\(verdict.summary)")
    }

    /// A program that names the AMD GPU it runs on (gamescope's Vulkan device, gamescope#440) shows
    /// AMD's stack at work as a ROCm path does; naming an NVIDIA GPU does not.
    @Test func aProgramNamingTheAMDGPUItRunsOnShowsTheStackAtWork() throws {
        let failure = "vulkan: vkAllocateDescriptorSets failed\nFailed to initialize Vulkan\n"
        let amd = try Self.verdict("vulkan: selecting physical device 'Unknown AMD GPU'\n" + failure)
        #expect(amd.side == .userspace, "\(amd.summary)")
        let nvidia = try Self.verdict("vulkan: selecting physical device 'NVIDIA GeForce GTX 1660'\n" + failure)
        #expect(nvidia.side == .none, "\(nvidia.summary)")
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
        (
            "CMake Error at /usr/share/cmake-3.17/Modules/FindPackageHandleStandardArgs.cmake:164 (message):\n",
            Side.none
        ),
    ])
    func aBuildStoppedByAMissingPackageIsASetupError(_ setupLine: String, _ side: Side) throws {
        let verdict = try Self.verdict(
            "-- HIP version: 6.2.41133\nCMake Error at CMakeLists.txt:12 (find_package):\n" + setupLine
        )
        #expect(verdict.side == side, "\(verdict.summary)")
        if side == .none { #expect(verdict.failureClass == .installError) }
    }

    /// A CMake configure that ended incomplete is a set-up error of that build (rocPRIM#125); a later
    /// run's own failure in the same paste still decides, since the configure step demotes only its
    /// own error lines.
    /// vLLM's `(Worker_TP7 pid=N)` tag only says who wrote a line; the failure after it (an
    /// assertion naming the gfx target, vllm-51964) still reaches the AMD-stack layer.
    @Test func aProcessTagDoesNotHideTheMessageAfterIt() throws {
        let tagged =
            "(Worker_TP7 pid=205643) ERROR 08-12 14:58:20 [multiproc_executor.py:1018] "
            + "AssertionError: mla_gluon requires gfx950 (CDNA4), got gfx942\n"
        let result = try Self.verdict(tagged)
        #expect(result.side == .userspace, "\(result.summary)")
        let ruleSet = try ShippedRules.load()
        let tag = try #require(ruleSet.rule(id: "vllm.process-tag"))
        #expect(tag.onlyTags)
    }

    @Test func aFailedConfigureDoesNotHideALaterRunsFailure() throws {
        let configure = """
            -- Found HIP: /opt/rocm (found suitable version "6.2.41133")
            CMake Error at cmake/VerifyCompiler.cmake:61 (message):
              HIP_PLATFORM must be 'amd'
            -- Configuring incomplete, errors occurred!

            """
        let alone = try Self.verdict(configure)
        #expect(alone.side == .none && alone.failureClass == .installError, "\(alone.summary)")
        let later = try Self.verdict(configure + "RuntimeError: HIP kernel launch failed on gfx1100\n")
        #expect(later.side == .userspace, "\(later.summary)")
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

    /// ROCm/rocm-libraries#9088 and NixOS/nixpkgs#299589: gdb stacks whose innermost frame is in
    /// the HIP runtime, with no signal line. ROCm/ROCm#2715: the innermost frame is a wait of ROCr's,
    /// which stays a stall.
    @Test(arguments: [
        (
            "#0  0x00007fffa84029ca in ?? () from libamdhip64.so.7\n#1  0x00007fffa84031c2 in ?? () from libamdhip64.so.7\n",
            Side.userspace
        ),
        (
            "#0  0x00007fffec3bb452 in amd::Elf::getElfSize(void const*) () from /nix/store/md9m0qlr5qzv1yswqqhx4md4kj8njawf-clr-6.0.2/lib/libamdhip64.so.6\n",
            Side.userspace
        ),
        (
            "#0  0x00007f0fffd6b827 in futex_wait () from /lib64/libpthread.so.0\n#1  0x00007fffa84031c2 in ?? () from libamdhip64.so.7\n",
            Side.none
        ),
    ])
    func aBacktraceStoppedInsideAMDsStackIsACrashThere(_ stack: String, _ side: Side) throws {
        let verdict = try Self.verdict(stack)
        #expect(verdict.side == side, "\(verdict.summary)")
    }

    /// A stack stopped inside AMD's stack with no signal line is not called a crash by a signal: the
    /// process may have been busy there when gdb stopped it (gat3way/hashkill#24, a compile that
    /// never ended). The signal line gdb prints, when the paste has it, names the crash.
    @Test func aStackWithoutASignalClaimsNoSignal() throws {
        let stack =
            "#0  0x00007f7990990825 in ?? () from /usr/lib/x86_64-linux-gnu/libamdocl64.so\n"
            + "#1  0x00007f79909907cf in ?? () from /usr/lib/x86_64-linux-gnu/libamdocl64.so\n"
        let stopped = try Self.verdict(stack)
        #expect(stopped.side == .userspace)
        #expect(stopped.failureClass == .stoppedInStack)
        #expect(!stopped.summary.contains("fatal signal") && !stopped.summary.contains("died of"), "\(stopped.summary)")
        #expect(stopped.summary.contains("no signal shown"), "\(stopped.summary)")

        let crashed = try Self.verdict("Thread 1 \"python3\" received signal SIGSEGV, Segmentation fault.\n" + stack)
        #expect(crashed.side == .userspace)
        #expect(crashed.failureClass == .abort, "\(crashed.summary)")
    }

    /// Names only another vendor's software prints (a cuSOLVER status, Level Zero's and the
    /// Unified Runtime's results, PyTorch's xpu wheel) tie a failure printed alike by every vendor
    /// to that vendor; bitsandbytes' advice to Intel users does not.
    @Test(arguments: [
        (
            "jaxlib.xla_extension.XlaRuntimeError: INTERNAL: gpusolverDnCreate(&handle) failed: cuSolver internal error",
            GPUVendor.nvidia
        ),
        ("RuntimeError: UR_RESULT_ERROR_OUT_OF_DEVICE_MEMORY", GPUVendor.intel),
        ("PyTorch version: 2.8.0+xpu", GPUVendor.intel),
    ])
    func anotherVendorsStackNamesThatVendor(_ line: String, _ vendor: GPUVendor) throws {
        let ruleSet = try ShippedRules.load()
        let result = ShippedRules.check([("job.log", line + "\n")], ruleSet: ruleSet)
        let evidence = result.incidents.flatMap(\.evidence)
        #expect(IncidentClassifier(ruleSet: ruleSet).namedVendors(in: evidence) == [vendor])
        let advice =
            "Could not load bitsandbytes native library: libbitsandbytes_rocm63.so: undefined symbol. "
            + "If you use Intel CPU or XPU, please pip install intel_extension_for_pytorch\n"
        let adviceEvidence = ShippedRules.check([("job.log", advice)], ruleSet: ruleSet).incidents.flatMap(\.evidence)
        #expect(IncidentClassifier(ruleSet: ruleSet).namedVendors(in: adviceEvidence) == [.amd])
    }
}
