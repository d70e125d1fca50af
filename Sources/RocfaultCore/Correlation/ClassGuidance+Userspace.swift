extension ClassGuidance {
    /// The runtime's, the libraries' and the frameworks' classes.
    static let userspaceClasses: [FailureClass: ClassGuidance] = [
        .hsaVMFault: ClassGuidance(
            meaning: "The ROCm runtime reported that the GPU touched an address it may not: the userspace side of a "
                + "GPU page fault.",
            firstStep: "Find the GPU code that touched the address: rerun with AMD_SERIALIZE_KERNEL=3; address (nil) "
                + "is a null pointer in a kernel, and HSA_OVERRIDE_GFX_VERSION on a natively supported GPU is a "
                + "common cause. The application's or a library's GPU code is as likely as the driver.",
            reporting: .bugReport,
            silentKernelNote: "The kernel normally logs a page-fault block for this; a silent log can mean its "
                + "messages were rate-limited."
        ),
        .memoryInUse: ClassGuidance(
            meaning: "The ROCm runtime (ROCr) aborted because freeing GPU memory failed while amdkfd still used it; "
                + "the kernel logs nothing for it.",
            firstStep: "Read the known issue below if one matched, and try a newer ROCm (a TheRock build) and kernel; "
                + "no setting is known to avoid it.",
            reporting: .bugReport
        ),
        .hwException: ClassGuidance(
            meaning: "amdkfd told the ROCm runtime that the GPU was reset (GPU Hang) or hit an ECC error.",
            firstStep: "Find the reset or RAS lines behind it in the kernel log and follow those; note the kernel "
                + "and firmware versions.",
            reporting: .bugReport,
            silentKernelNote: "The kernel normally logs the reset behind this, so a silent log is unusual."
        ),
        .queueError: ClassGuidance(
            meaning: "A GPU queue stopped with an error and the HIP runtime aborted the process; the code in the "
                + "line says why.",
            firstStep: "Read the code: 0x29 (aperture violation) is a bad pointer in GPU code, 0x100f (invalid ISA) a "
                + "wrong HSA_OVERRIDE_GFX_VERSION or build target, 0x1008 (out of resources) a limit, 0x2a an illegal "
                + "instruction; rerun with AMD_SERIALIZE_KERNEL=3 to find the kernel.",
            reporting: .bugReport
        ),
        .hipError: ClassGuidance(
            meaning: "A HIP call returned an error to the program.",
            firstStep: "Read the error's name: `invalid device function` means no code for this GPU's target, an "
                + "error right after a GPU reset echoes the reset; AMD_LOG_LEVEL=1 prints the runtime's reason.",
            reporting: .bugReport
        ),
        .codeObject: ClassGuidance(
            meaning: "The program or a library holds no GPU code for this GPU's target (gfx...), so nothing can run "
                + "on it.",
            firstStep: "Install a build that includes this GPU's gfx target (a per-target TheRock or PyTorch wheel, "
                + "or a rebuild with AMDGPU_TARGETS set), and unset a wrong HSA_OVERRIDE_GFX_VERSION. This is "
                + "packaging, not a runtime fault.",
            reporting: .settings
        ),
        .outOfMemory: ClassGuidance(
            meaning: "An allocation on the GPU failed: the work needs more VRAM or GTT than is free.",
            firstStep: "Compare the size it asked for with free VRAM and GTT (`rocm-smi --showmeminfo vram gtt`) and "
                + "make the work fit: a smaller batch size or context, a smaller or more quantised model, fewer GPU "
                + "layers, no other GPU programs. On APUs `ttm.pages_limit` sets the GTT ceiling (pages = GiB x "
                + "262144; `amdttm.pages_limit` with DKMS); with PyTorch, "
                + "PYTORCH_HIP_ALLOC_CONF=expandable_segments:True helps against fragmentation.",
            reporting: .settings
        ),
        .libraryError: ClassGuidance(
            meaning: "A ROCm library (rocBLAS, hipBLASLt, MIOpen) failed, most often because it has no kernels "
                + "(Tensile files) for this GPU's target.",
            firstStep: "Check that the installed library lists this GPU's gfx target (the TensileLibrary file it "
                + "names) and install a build that has it; report it only if it does.",
            reporting: .bugReport
        ),
        .compileError: ClassGuidance(
            meaning: "GPU code compiled at run time (by hipRTC or comgr: MIOpen's kernels, aiter's or Triton's JIT "
                + "builds) failed to compile, so the operation that needed it cannot run.",
            firstStep: "Keep the compiler pieces at one ROCm release (hipRTC, comgr, device libraries, the library "
                + "that compiles), clear its kernel cache (~/.cache/miopen, the JIT build directory) and retry; "
                + "then read the compiler's own error above the line.",
            reporting: .bugReport
        ),
        .frameworkError: ClassGuidance(
            meaning: "The framework (PyTorch, llama.cpp, ollama, vLLM, ComfyUI) reported an error of its own.",
            firstStep: "Read the framework's message and the first cause above it; settings and model files come "
                + "before the GPU stack.",
            reporting: .bugReport
        ),
        .runtimeAbort: ClassGuidance(
            meaning: "The ROCm runtime aborted the process.",
            firstStep: "Rerun with AMD_LOG_LEVEL=1 to see the runtime's reason, and try a newer ROCm.",
            reporting: .bugReport
        ),
        .abort: ClassGuidance(
            meaning: "A process using the GPU died of a crash signal (SIGABRT, SIGSEGV, SIGBUS, SIGILL or SIGFPE); "
                + "what it printed just before, if anything reached a log, says which part gave up.",
            firstStep: "Capture its messages next time: run it under `rocfault run`, as a service unit, or with "
                + "systemd-coredump for a stack; AMD_LOG_LEVEL=1 makes the runtime say why it aborts. A crash "
                + "signal alone does not tell a runtime bug from a bug in the program.",
            reporting: .bugReport,
            silentKernelNote: "With the kernel log silent, the GPU driver saw nothing wrong at that time."
        ),
        .stoppedInStack: ClassGuidance(
            meaning: "A debugger's backtrace shows the process stopped inside AMD's runtime, a ROCm library or "
                + "Mesa's AMD driver, and the log shows no signal: it crashed there, or it was busy there (a "
                + "loop, a long compile) when the debugger stopped it.",
            firstStep: "Find the line gdb printed when it stopped: `received signal SIGSEGV` (or SIGABRT, SIGBUS) "
                + "is a crash in that frame; SIGINT after a Ctrl-C means it was stopped by hand, so treat it as a "
                + "stall and take two or three backtraces a few seconds apart to see whether it moves.",
            reporting: .bugReport
        ),
        .deviceLost: ClassGuidance(
            meaning: "AMD's Vulkan driver (Mesa RADV or AMDVLK) lost the device, usually because the kernel reset "
                + "the GPU after a hang.",
            firstStep: "Look for a ring timeout or reset in the kernel log at that time and follow it.",
            reporting: .bugReport
        ),
        .driverMismatch: ClassGuidance(
            meaning: "The ROCm runtime could not use the kernel driver: /dev/kfd is missing or not accessible, or "
                + "the kernel and the runtime do not fit together.",
            firstStep: "Check that /dev/kfd exists, that the user is in the `render` (and `video`) group, and that "
                + "this ROCm release supports this kernel (or the amdgpu-dkms driver matches it).",
            reporting: .settings
        ),
        .stall: ClassGuidance(
            meaning: "GPU work stopped making progress without any error: no fault, no timeout.",
            firstStep: "While it hangs, capture where it waits: the stacks (`gdb -p PID -batch -ex 'thread apply all "
                + "bt'`, `py-spy dump`), whether the GPU is busy (amdgpu_top), the ROCm debug agent "
                + "(HSA_TOOLS_LIB=librocm-debug-agent.so.2, then SIGQUIT). A/B tests: HSA_ENABLE_SDMA=0, "
                + "HSA_ENABLE_INTERRUPT=0, and no mmap for a model load on Strix Halo.",
            reporting: .bugReport
        ),
    ]

    /// Classes that do not make an AMD GPU failure.
    static let otherClasses: [FailureClass: ClassGuidance] = [
        .crashRecord: ClassGuidance(
            meaning: "A process crashed, but no GPU failure line explains it.",
            firstStep: "Read the crash record's stack: without ROCm frames (libhsa-runtime64, libamdhip64) it is not "
                + "a ROCm crash; with them, rerun under `rocfault run` to capture the runtime's messages.",
            reporting: .elsewhere
        ),
        .apiTrace: ClassGuidance(
            meaning: "Only HIP API trace lines, no failure.",
            firstStep: "If the program hung, the last call that never returned is where it waits.",
            reporting: .elsewhere
        ),
        .cpuFault: ClassGuidance(
            meaning: "A CPU-side crash (segfault, illegal instruction, machine check), not a GPU failure.",
            firstStep: "Debug it as a CPU crash from its core dump (`coredumpctl info`); a machine check is hardware.",
            reporting: .elsewhere
        ),
        .installError: ClassGuidance(
            meaning: "Setting up the job failed before anything ran on the GPU: a package, a tool, a "
                + "permission or a container it needs is missing or wrong (the deciding line names which).",
            firstStep: "Fix what the line names (install the missing package or a build made for this Python "
                + "and ROCm release, add the user to the render and video groups, correct the path or the "
                + "container), then run the job again.",
            reporting: .elsewhere
        ),
        .hostOOM: ClassGuidance(
            meaning: "The host ran out of RAM and the kernel's OOM killer ended a process.",
            firstStep: "Leave the host more room: less RAM for the model, more swap, fewer other programs; on APUs the "
                + "GPU's GTT memory is host RAM too.",
            reporting: .elsewhere
        ),
        .nvidia: ClassGuidance(
            meaning: "An NVIDIA GPU error, not an AMD one.",
            firstStep: "Use NVIDIA's tools and trackers.",
            reporting: .elsewhere
        ),
        .otherGPU: ClassGuidance(
            meaning: "A GPU of another vendor (Intel xe/i915, nouveau, an Arm SoC GPU such as lima or panfrost) "
                + "hung, was reset or was lost, not an AMD GPU.",
            firstStep: "Check which GPU the job ran on; use that vendor's driver trackers.",
            reporting: .elsewhere
        ),
        .vendorUnknown: ClassGuidance(
            meaning: "The line is printed alike on AMD and NVIDIA GPUs (CUDA and HIP builds of one program, such "
                + "as ggml's `CUDA error`; nccl-tests' harness; NCCL's own messages), and nothing in the input "
                + "names an AMD GPU, ROCm or RCCL.",
            firstStep: "If the job ran on AMD GPUs, add the lines that say so (the program's device list, the "
                + "test's `# Using devices` list, `NCCL_DEBUG=VERSION` output with `RCCL version`, `rocm-smi`) "
                + "and check again.",
            reporting: .elsewhere
        ),
        .benign: ClassGuidance(
            meaning: "Only messages that also appear on healthy systems.",
            firstStep: "If the job stopped making progress where the log ends, that is a stall a log cannot show: "
                + "while it hangs, capture the stacks (`gdb -p PID -batch -ex 'thread apply all bt'`, `py-spy dump`) "
                + "and the kernel log, and give them to `rocfault check`. If something failed, capture the "
                + "program's own output with `rocfault run`.",
            reporting: .elsewhere
        ),
        .noEvidence: ClassGuidance(
            meaning: "No GPU failure line in what was read.",
            firstStep: "Give rocfault the program's output and the kernel log of that time (`rocfault run`, or "
                + "`rocfault check app.log dmesg.txt`).",
            reporting: .elsewhere
        ),
    ]
}
