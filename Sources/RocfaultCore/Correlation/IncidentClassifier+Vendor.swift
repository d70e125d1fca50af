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
    /// the input names only other vendors' GPUs. A line CUDA and HIP builds print alike (`gpu-vendor:
    /// amd-if-named`) needs the input (`fromInput`) to name an AMD GPU and no NVIDIA one: beside an
    /// NVIDIA GPU it is not-amd, and where the input names no GPU it is context (whose it was is unknown).
    func tiedToVendor(_ evidence: [Evidence], named: Set<GPUVendor>, fromInput: Bool = false) -> [Evidence] {
        evidence.map { item in
            guard item.kind.decidesSide != nil,
                let (other, note) = otherVendor(of: item, named: named, fromInput: fromInput)
            else { return item }
            var changed = item
            changed.note = note
            guard let other else {
                changed.kind = .context
                return changed
            }
            changed.kind = .notAMD
            changed.failureClass = other == .nvidia ? .nvidia : .otherGPU
            return changed
        }
    }

    /// The other vendor a deciding piece of evidence is about (nil: no vendor can be told) and why, or
    /// nil when it stays AMD evidence.
    private func otherVendor(
        of item: Evidence,
        named: Set<GPUVendor>,
        fromInput: Bool
    ) -> (GPUVendor?, String)? {
        let othersOnly = !named.isEmpty && !named.contains(.amd)
        let own = vendor(of: item)
        let ruleVendor = ruleSet.rule(id: item.ruleID)?.gpuVendor
        if let own, own != .amd {
            return (own, "not AMD evidence: the line is about an \(own.displayName) GPU")
        }
        if own == nil, ruleVendor == .any || item.kind == .kernel, othersOnly {
            return (named.sorted()[0], "not AMD evidence: the input names only \(Self.names(named)) GPUs")
        }
        guard own == nil, ruleVendor == .amdIfNamed, fromInput else { return nil }
        if named.contains(.nvidia) {
            return (
                .nvidia,
                "not AMD evidence: CUDA and HIP builds print this line alike, and the input names an NVIDIA GPU"
            )
        }
        if named.contains(.amd) { return nil }
        return (nil, "not counted: CUDA and HIP builds print this line alike, and the input names no AMD GPU")
    }

    static func names(_ vendors: Set<GPUVendor>) -> String {
        vendors.sorted().map(\.displayName).joined(separator: " and ")
    }
}
