/// The finer class of a failure. Rule files name these; `rocfault rules lint` rejects others.
package enum FailureClass: String, Sendable, Codable, Hashable, CaseIterable {
    case pageFault = "page-fault"
    case ringTimeout = "ring-timeout"
    case gpuReset = "gpu-reset"
    case mesHang = "mes-hang"
    case hwsHang = "hws-hang"
    case rasError = "ras-error"
    case smuError = "smu-error"
    case firmwareInit = "firmware-init"
    /// The amdgpu/amdkfd driver reported that an operation on the GPU failed, outside the finer classes.
    case driverError = "driver-error"
    case shaderInterrupt = "shader-interrupt"
    case iommuFault = "iommu-fault"
    case hsaVMFault = "hsa-vm-fault"
    case memoryInUse = "memory-in-use"
    case hwException = "hw-exception"
    case queueError = "queue-error"
    case hipError = "hip-error"
    case codeObject = "code-object"
    case outOfMemory = "out-of-memory"
    case libraryError = "library-error"
    /// GPU code compiled at run time (hipRTC, comgr, MIOpen's kernels, a JIT build) failed to compile.
    case compileError = "compile-error"
    case frameworkError = "framework-error"
    case runtimeAbort = "runtime-abort"
    /// A GPU process died of a crash signal (SIGABRT, SIGSEGV, ...) and nothing read says why.
    case abort
    /// A debugger's backtrace shows the process stopped inside AMD's GPU stack, and nothing read
    /// shows a signal: it crashed there or was busy there when the debugger stopped it.
    case stoppedInStack = "stopped-in-stack"
    case deviceLost = "device-lost"
    case driverMismatch = "driver-mismatch"
    case stall
    case crashRecord = "crash-record"
    case apiTrace = "api-trace"
    case cpuFault = "cpu-fault"
    case hostOOM = "host-oom"
    /// Installing or setting up the software failed (pip found no matching wheel): nothing ran on
    /// the GPU.
    case installError = "install-error"
    case nvidia
    /// A GPU of another vendor (Intel xe/i915, nouveau, an Arm SoC GPU) failed: not AMD GPU evidence.
    case otherGPU = "other-gpu"
    /// A failure printed alike for every vendor's GPUs (nccl-tests, NCCL) in an input that names no
    /// AMD GPU and no part of AMD's runtime stack: not counted as AMD evidence.
    case vendorUnknown = "vendor-unknown"
    case benign
    case noEvidence = "no-evidence"

    /// Rank among classes of the same side: the highest names the incident.
    package var rank: Int {
        switch self {
        case .rasError: 100
        case .pageFault: 95
        case .ringTimeout: 90
        case .mesHang: 88
        case .hwsHang: 86
        case .firmwareInit: 84
        case .smuError: 82
        case .gpuReset: 80
        case .driverError: 78
        case .iommuFault: 70
        case .shaderInterrupt: 65
        case .memoryInUse: 60
        case .hsaVMFault: 58
        case .hwException: 57
        case .queueError: 56
        case .deviceLost: 55
        case .outOfMemory: 54
        case .codeObject: 53
        case .driverMismatch: 52
        case .libraryError: 51
        case .compileError: 51
        case .hipError: 50
        case .runtimeAbort: 45
        case .abort: 44
        case .stoppedInStack: 43
        case .frameworkError: 40
        case .stall: 30
        case .nvidia: 20
        case .otherGPU: 20
        case .vendorUnknown: 20
        case .cpuFault: 19
        case .hostOOM: 18
        case .installError: 17
        case .crashRecord: 10
        case .apiTrace: 5
        case .benign: 2
        case .noEvidence: 0
        }
    }
}
