public import RocfaultCore

/// Which upstream project the deciding evidence of an incident points at, and where to report it.
public struct UpstreamAttribution: Sendable, Hashable, Codable {
    /// The project, for people: `ROCm runtime (ROCR-Runtime)`.
    public var project: String
    /// The ROCm issue form's "ROCm Component" value (or what to write there).
    public var component: String
    /// Where such bugs are reported.
    public var tracker: String
    /// Why: the rule ids that led here.
    public var rules: [String]

    /// Attributes an incident from its deciding evidence (all evidence when nothing decides).
    public static func attribute(_ incident: Incident) -> UpstreamAttribution {
        let deciding = incident.evidence.filter { $0.kind.decidesSide == incident.verdict.side }
        let evidence = deciding.isEmpty ? incident.evidence : deciding
        let firmware: Set<FailureClass> = [.firmwareInit, .smuError, .mesHang]
        let ids = evidence.map(\.ruleID)
        for (index, id) in ids.enumerated() {
            guard var found = target(forRule: id) else { continue }
            if found.component == kernelDriver.component && firmware.contains(evidence[index].failureClass) {
                found = kernelFirmware
            }
            found.rules = Array(Set(ids.filter { target(forRule: $0)?.project == found.project })).sorted()
            return found
        }
        var unknown = UpstreamAttribution(
            project: "unclear: no rule names the failing layer",
            component: "unknown",
            tracker: "https://github.com/ROCm/ROCm/issues",
            rules: []
        )
        unknown.rules = Array(Set(ids)).sorted()
        return unknown
    }

    static let kernelDriver = UpstreamAttribution(
        project: "amdgpu kernel driver (drm/amd)",
        component: "amdgpu kernel driver (not a ROCm package; also add it to a ROCm issue)",
        tracker: "https://gitlab.freedesktop.org/drm/amd/-/issues",
        rules: []
    )
    static let kernelFirmware = UpstreamAttribution(
        project: "amdgpu kernel driver and GPU firmware (linux-firmware)",
        component: "amdgpu kernel driver / linux-firmware",
        tracker: "https://gitlab.freedesktop.org/drm/amd/-/issues",
        rules: []
    )

    /// Rule id prefixes (up to the first dot) and the project they name.
    private static let byPrefix: [String: (String, String, String)] = [
        "amdgpu": (kernelDriver.project, kernelDriver.component, kernelDriver.tracker),
        "amdkfd": (kernelDriver.project, kernelDriver.component, kernelDriver.tracker),
        "drm": (kernelDriver.project, kernelDriver.component, kernelDriver.tracker),
        "iommu": ("IOMMU / kernel memory management", "amdgpu kernel driver", kernelDriver.tracker),
        "rocr": ("ROCm runtime (ROCR-Runtime)", "ROCR-Runtime", rocmIssues),
        "hsakmt": ("ROCm thunk (libhsakmt)", "ROCR-Runtime", rocmIssues),
        "hip": ("HIP runtime (CLR)", "HIP", rocmIssues),
        "rocblas": ("rocBLAS", "rocBLAS", rocmIssues),
        "hipblaslt": ("hipBLASLt", "hipBLASLt", rocmIssues),
        "miopen": ("MIOpen", "MIOpen", rocmIssues),
        "collective": ("RCCL", "RCCL", rocmIssues),
        "pytorch": ("the framework: PyTorch (ROCm build)", "HIP", "https://github.com/pytorch/pytorch/issues"),
        "comfyui": ("the framework: ComfyUI", "HIP", "https://github.com/comfyanonymous/ComfyUI/issues"),
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

    private static let rocmIssues = "https://github.com/ROCm/ROCm/issues"

    private static func target(forRule id: String) -> UpstreamAttribution? {
        let prefix = id.split(separator: ".").first.map(String.init) ?? id
        guard let (project, component, tracker) = byPrefix[prefix] else { return nil }
        return UpstreamAttribution(project: project, component: component, tracker: tracker, rules: [])
    }
}
