extension FailureClass {
    /// A short phrase for sentences: "a GPU page fault".
    public var phrase: String {
        switch self {
        case .pageFault: "a GPU VM page fault"
        case .ringTimeout: "a ring timeout (GPU job hang)"
        case .gpuReset: "a GPU reset"
        case .mesHang: "a MES scheduler failure"
        case .hwsHang: "a hardware scheduler (HWS) queue preemption failure"
        case .rasError: "an uncorrectable RAS hardware error"
        case .smuError: "an SMU power-management failure"
        case .firmwareInit: "a firmware load or device init failure"
        case .driverError: "an amdgpu driver error"
        case .shaderInterrupt: "a shader (SQ) error interrupt"
        case .iommuFault: "an IOMMU page fault"
        case .hsaVMFault: "a GPU memory access fault reported by the HSA runtime"
        case .memoryInUse: "a 'Memory in use' abort in the HSA runtime"
        case .hwException: "a hardware exception reported by the HSA runtime"
        case .queueError: "a queue error abort in the HIP runtime"
        case .hipError: "a HIP API error"
        case .codeObject: "a missing GPU code object (no kernels for this GPU)"
        case .outOfMemory: "a GPU out-of-memory error"
        case .libraryError: "a ROCm library error"
        case .frameworkError: "a framework error"
        case .runtimeAbort: "a runtime abort"
        case .abort: "a crash of a GPU process by a fatal signal"
        case .deviceLost: "a lost device in the Vulkan driver"
        case .driverMismatch: "a kernel/runtime version mismatch"
        case .stall: "a stall"
        case .crashRecord: "a process crash unrelated to the GPU"
        case .apiTrace: "a HIP API trace"
        case .cpuFault: "a CPU-side crash (illegal instruction or segfault)"
        case .hostOOM: "host memory exhaustion"
        case .nvidia: "an NVIDIA GPU error"
        case .benign: "only harmless driver messages"
        case .noEvidence: "no GPU failure evidence"
        }
    }
}
