extension IncidentClassifier {
    /// Words in a matched line that name AMD's driver or runtime stack: the amdgpu/amdkfd driver, and
    /// HIP, HSA and RCCL by names no other vendor's software prints. "ROCm" alone is not one: ggml
    /// prints it to say it found no AMD GPU (`failed to initialize ROCm: no ROCm-capable device`).
    static let amdStackWords = [
        "amdgpu", "amdkfd", "hipError", "HIP error", "HSA_STATUS_", "rccl", "RCCL", "libamdhip64", "hipify",
    ]

    /// The vendor a piece of evidence names itself: a `gpu_vendor`, `gpu_name` or `driver` capture,
    /// the rule's `gpu-vendor`, or the name of AMD's driver or runtime stack in one of its lines.
    func vendor(of item: Evidence) -> GPUVendor? {
        for key in ["gpu_vendor", "gpu_name", "driver"] {
            if let vendor = item.captures[key].flatMap(GPUVendor.init(naming:)) { return vendor }
        }
        if let vendor = ruleSet.rule(id: item.ruleID)?.gpuVendor?.vendor { return vendor }
        let namesAMD = item.lines.contains { line in Self.amdStackWords.contains { line.text.contains($0) } }
        return namesAMD ? .amd : nil
    }

    /// Every vendor the evidence names (what a check passes as the context's named vendors).
    package func namedVendors(in evidence: [Evidence]) -> Set<GPUVendor> {
        Set(evidence.compactMap(vendor(of:)))
    }

    /// Evidence of another vendor's GPU is not AMD evidence: a deciding line that names an Intel or
    /// NVIDIA device counts as not-amd, and so does a line every vendor prints alike (`gpu-vendor:
    /// any`, or a kernel line without the amdgpu driver's name, such as a bare DRM core line) when
    /// the input names only other vendors' GPUs. A line other vendors' builds or tools print alike
    /// (`gpu-vendor: amd-if-named`: ggml's `CUDA error`, nccl-tests' harness), read from a saved input
    /// (`fromInput`), counts only when the input names an AMD GPU or AMD's runtime stack and no NVIDIA
    /// GPU; the daemon, on its own machine, keeps its kind.
    func tiedToVendor(_ evidence: [Evidence], named: Set<GPUVendor>, fromInput: Bool = false) -> [Evidence] {
        let othersOnly = !named.isEmpty && !named.contains(.amd)
        return evidence.map { item in
            guard item.kind.decidesSide != nil else { return item }
            let own = vendor(of: item)
            let ruleVendor = ruleSet.rule(id: item.ruleID)?.gpuVendor
            if let own, own != .amd { return Self.notAMD(item, own: own) }
            if own == nil, ruleVendor == .amdIfNamed, fromInput {
                if named.contains(.nvidia) { return Self.notAMD(item, other: .nvidia, named: named, shared: true) }
                if !named.contains(.amd) {
                    return Self.notAMD(item, other: named.sorted().first, named: named, shared: true)
                }
                return item
            }
            if own == nil, ruleVendor == .any || item.kind == .kernel, othersOnly {
                return Self.notAMD(item, other: named.sorted().first, named: named)
            }
            return item
        }
    }

    /// The evidence counted as not-amd because its own line is about another vendor's device.
    static func notAMD(_ item: Evidence, own: GPUVendor) -> Evidence {
        var changed = item
        changed.kind = .notAMD
        changed.failureClass = own == .nvidia ? .nvidia : .otherGPU
        changed.note = "not AMD evidence: the line is about an \(own.displayName) GPU"
        return changed
    }

    /// The evidence counted as not-amd because the input names only other vendors' GPUs (`other`, the
    /// first of `named`), or none at all (`other` nil: the line alone cannot say whose GPU it was).
    /// `shared`: the line is one several vendors' builds print alike (`amd-if-named`).
    static func notAMD(_ item: Evidence, other: GPUVendor?, named: Set<GPUVendor>, shared: Bool = false) -> Evidence {
        var changed = item
        changed.kind = .notAMD
        guard let other else {
            changed.failureClass = .vendorUnknown
            changed.note =
                "not counted as AMD evidence: CUDA and HIP builds and other vendors' tools print this line "
                + "alike, and the input names no AMD GPU, ROCm or RCCL"
            return changed
        }
        changed.failureClass = other == .nvidia ? .nvidia : .otherGPU
        let names = named.sorted().map(\.displayName).joined(separator: " and ")
        changed.note =
            shared
            ? "not AMD evidence: CUDA and HIP builds print this line alike, and the input names an \(other.displayName) GPU"
            : "not AMD evidence: the input names only \(names) GPUs"
        return changed
    }
}
