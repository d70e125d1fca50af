extension IncidentClassifier {
    /// The vendor a piece of evidence names itself: a `gpu_vendor`, `gpu_name` or `driver` capture,
    /// the rule's `gpu-vendor`, or the amdgpu/amdkfd driver's name in one of its lines.
    func vendor(of item: Evidence) -> GPUVendor? {
        for key in ["gpu_vendor", "gpu_name", "driver"] {
            if let vendor = item.captures[key].flatMap(GPUVendor.init(naming:)) { return vendor }
        }
        if let vendor = ruleSet.rule(id: item.ruleID)?.gpuVendor?.vendor { return vendor }
        let namesAMDDriver = item.lines.contains { $0.text.contains("amdgpu") || $0.text.contains("amdkfd") }
        return namesAMDDriver ? .amd : nil
    }

    /// Every vendor the evidence names (what a check passes as the context's named vendors).
    package func namedVendors(in evidence: [Evidence]) -> Set<GPUVendor> {
        Set(evidence.compactMap(vendor(of:)))
    }

    /// Evidence of another vendor's GPU is not AMD evidence: a deciding line that names an Intel or
    /// NVIDIA device counts as not-amd, and so does a line every vendor prints alike (`gpu-vendor:
    /// any`, or a kernel line without the amdgpu driver's name, such as a bare DRM core line) when
    /// the input names only other vendors' GPUs.
    func tiedToVendor(_ evidence: [Evidence], named: Set<GPUVendor>) -> [Evidence] {
        let othersOnly = !named.isEmpty && !named.contains(.amd)
        return evidence.map { item in
            guard item.kind.decidesSide != nil else { return item }
            let own = vendor(of: item)
            let neutral = ruleSet.rule(id: item.ruleID)?.gpuVendor == .any || item.kind == .kernel
            let other: GPUVendor?
            if let own, own != .amd {
                other = own
            } else if own == nil, neutral, othersOnly {
                other = named.sorted().first
            } else {
                return item
            }
            var changed = item
            changed.kind = .notAMD
            changed.failureClass = other == .nvidia ? .nvidia : .otherGPU
            changed.note =
                own != nil
                ? "not AMD evidence: the line is about an \(own?.displayName ?? "") GPU"
                : "not AMD evidence: the input names only "
                    + named.sorted().map(\.displayName).joined(separator: " and ") + " GPUs"
            return changed
        }
    }
}
