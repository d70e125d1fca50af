package import RocfaultCore

/// Which upstream project the deciding evidence of an incident points at, and where to report it.
package struct UpstreamAttribution: Sendable, Hashable, Codable {
    /// The project, for people: `ROCm runtime (ROCR-Runtime)`.
    package var project: String
    /// The ROCm issue form's "ROCm Component" value (or what to write there).
    package var component: String
    /// Where such bugs are reported.
    package var tracker: String
    /// Why: the rule ids that led here.
    package var rules: [String]
    /// Which shape `report.md` takes for that tracker.
    package var form: Form = .rocm

    /// The shape of `report.md`: what the tracker's own issue template asks for.
    package enum Form: String, Sendable, Hashable, Codable {
        /// The drm/amd tracker: kernel, GPU, firmware, the boot's full driver log, steps.
        case drmAMD = "drm-amd"
        /// ROCm/TheRock's issue form (the old ROCm/ROCm form's fields).
        case rocm
        /// A framework's or another project's tracker: problem, environment, steps, logs.
        case project
    }

    /// Attributes an incident from its deciding evidence (all evidence when nothing decides).
    package static func attribute(_ incident: Incident) -> UpstreamAttribution {
        let deciding = incident.evidence.filter { $0.kind.decidesSide == incident.verdict.side }
        let evidence = deciding.isEmpty ? incident.evidence : deciding
        let firmware: Set<FailureClass> = [.firmwareInit, .smuError, .mesHang]
        let ids = evidence.map(\.ruleID)
        for (index, id) in ids.enumerated() {
            guard var found = target(forRule: id) else { continue }
            let project = found.project
            if found.form == .drmAMD && firmware.contains(evidence[index].failureClass) {
                found = kernelFirmware
            } else if found.form == .drmAMD && gpuCode.contains(evidence[index].failureClass) {
                found = gpuCodeOrDriver
            }
            found.rules = Array(Set(ids.filter { target(forRule: $0)?.project == project })).sorted()
            return found
        }
        var unknown =
            incident.verdict.side == .kernel
            ? kernelDriver
            : UpstreamAttribution(
                project: "unclear: no rule names the failing layer",
                component: "unknown",
                tracker: theRockIssues,
                rules: []
            )
        unknown.rules = Array(Set(ids)).sorted()
        return unknown
    }

    /// Kernel classes whose cause is as often the GPU code that ran as the driver.
    private static let gpuCode: Set<FailureClass> = [.pageFault, .shaderInterrupt]

    static let drmAMDIssues = "https://gitlab.freedesktop.org/drm/amd/-/issues"
    static let kernelDriver = UpstreamAttribution(
        project: "amdgpu kernel driver (drm/amd)",
        component: "amdgpu kernel driver (not a ROCm package)",
        tracker: drmAMDIssues,
        rules: [],
        form: .drmAMD
    )
    static let kernelFirmware = UpstreamAttribution(
        project: "amdgpu kernel driver and GPU firmware (linux-firmware)",
        component: "amdgpu kernel driver / linux-firmware",
        tracker: drmAMDIssues,
        rules: [],
        form: .drmAMD
    )
    static let gpuCodeOrDriver = UpstreamAttribution(
        project: "the GPU code that touched the address (the application's or a library's kernel), "
            + "or the amdgpu kernel driver and firmware (drm/amd)",
        component: "the application's GPU code, or the amdgpu kernel driver",
        tracker: drmAMDIssues,
        rules: [],
        form: .drmAMD
    )

    /// Rule id prefixes (up to the first dot) and the project they name.
    private static let byPrefix: [String: (String, String, String)] = [
        "amdgpu": (kernelDriver.project, kernelDriver.component, kernelDriver.tracker),
        "amdkfd": (kernelDriver.project, kernelDriver.component, kernelDriver.tracker),
        "drm": (kernelDriver.project, kernelDriver.component, kernelDriver.tracker),
        "iommu": ("IOMMU / kernel memory management", "amdgpu kernel driver", kernelDriver.tracker),
        "rocr": ("ROCm runtime (ROCR-Runtime)", "ROCR-Runtime", theRockIssues),
        "hsakmt": ("ROCm thunk (libhsakmt)", "ROCR-Runtime", theRockIssues),
        "hip": ("HIP runtime (CLR)", "HIP", theRockIssues),
        "rocblas": ("rocBLAS", "rocBLAS", theRockIssues),
        "hipblaslt": ("hipBLASLt", "hipBLASLt", theRockIssues),
        "miopen": ("MIOpen", "MIOpen", theRockIssues),
        "collective": ("RCCL", "RCCL", theRockIssues),
        "pytorch": ("the framework: PyTorch (ROCm build)", "HIP", "https://github.com/pytorch/pytorch/issues"),
        "comfyui": ("the framework: ComfyUI", "HIP", "https://github.com/Comfy-Org/ComfyUI/issues"),
        "ggml": ("the framework: ggml / llama.cpp", "HIP", "https://github.com/ggml-org/llama.cpp/issues"),
        "llamacpp": ("the framework: llama.cpp", "HIP", "https://github.com/ggml-org/llama.cpp/issues"),
        "ollama": ("the framework: ollama", "HIP", "https://github.com/ollama/ollama/issues"),
        "vllm": ("the framework: vLLM", "HIP", "https://github.com/vllm-project/vllm/issues"),
        "lemonade": ("the framework: Lemonade", "HIP", "https://github.com/lemonade-sdk/lemonade/issues"),
        "mesa": ("Mesa (RADV Vulkan driver)", "not ROCm: Mesa", "https://gitlab.freedesktop.org/mesa/mesa/-/issues"),
        "radv": ("Mesa (RADV Vulkan driver)", "not ROCm: Mesa", "https://gitlab.freedesktop.org/mesa/mesa/-/issues"),
        "vulkan": (
            "the Vulkan driver (Mesa RADV)", "not ROCm: Mesa", "https://gitlab.freedesktop.org/mesa/mesa/-/issues"
        ),
        "libdrm": ("libdrm", "not ROCm: libdrm", "https://gitlab.freedesktop.org/mesa/drm/-/issues"),
    ]

    /// ROCm's tracker since ROCm/ROCm became ROCm/legacy-rocm-build (its issue #6637).
    static let theRockIssues = "https://github.com/ROCm/TheRock/issues"

    private static func target(forRule id: String) -> UpstreamAttribution? {
        let prefix = id.split(separator: ".").first.map(String.init) ?? id
        guard let (project, component, tracker) = byPrefix[prefix] else { return nil }
        let form: Form =
            tracker == drmAMDIssues ? .drmAMD : tracker == theRockIssues ? .rocm : .project
        return UpstreamAttribution(project: project, component: component, tracker: tracker, rules: [], form: form)
    }
}
