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

    /// The devices the evidence's device lists name by index (a `gpu_name` or `gpu_vendor` capture
    /// beside a `device` or `*_device` one), with their vendors; an index listed with two vendors
    /// (two runs in one input) is left out.
    package func listedDevices(in evidence: [Evidence]) -> [GPUDeviceReference: GPUVendor] {
        var listed: [GPUDeviceReference: GPUVendor?] = [:]
        for item in evidence {
            let named = ["gpu_vendor", "gpu_name"].lazy.compactMap {
                item.captures[$0].flatMap(GPUVendor.init(naming:))
            }
            guard let vendor = named.first else { continue }
            for reference in GPUDeviceReference.references(in: item.captures) {
                listed[reference] = listed[reference].map { $0 == vendor ? vendor : nil } ?? vendor
            }
        }
        return listed.compactMapValues { $0 }
    }

    /// Evidence of another vendor's GPU is not AMD evidence: a deciding line that names an Intel or
    /// NVIDIA device counts as not-amd, and so does a line every vendor prints alike (`gpu-vendor:
    /// any`, or a kernel line without the amdgpu driver's name, such as a bare DRM core line) when
    /// the input names only other vendors' GPUs. A line that names a listed device by its index
    /// (`device lost on Vulkan0`) is tied to that device's vendor whatever else the input names, and
    /// so are the incident's `gpu-vendor: any` lines beside it (`vk::Queue::submit: ErrorDeviceLost`).
    func tiedToVendor(
        _ evidence: [Evidence],
        named: Set<GPUVendor>,
        devices: [GPUDeviceReference: GPUVendor] = [:]
    ) -> [Evidence] {
        let othersOnly = !named.isEmpty && !named.contains(.amd)
        let deciding = evidence.filter { $0.kind.decidesSide != nil && vendor(of: $0) == nil }
        let indexed = Set(deciding.compactMap { listedDevice(of: $0, in: devices) }.map(\.1))
        let incidentDevice = indexed.count == 1 ? indexed.first : nil
        return evidence.map { item in
            guard item.kind.decidesSide != nil else { return item }
            let own = vendor(of: item)
            let rule = ruleSet.rule(id: item.ruleID)?.gpuVendor
            if own == nil, let (reference, vendor) = listedDevice(of: item, in: devices) {
                let note =
                    "the line is about device \(reference.index), an \(vendor.displayName) GPU in the device list"
                return vendor == .amd ? item : notAMD(item, vendor: vendor, note: note)
            }
            if own == nil, rule == .any, let incidentDevice {
                let note = "the incident's device loss names an \(incidentDevice.displayName) GPU of the device list"
                return incidentDevice == .amd ? item : notAMD(item, vendor: incidentDevice, note: note)
            }
            if let own, own != .amd {
                return notAMD(item, vendor: own, note: "the line is about an \(own.displayName) GPU")
            }
            let neutral = rule == .any || item.kind == .kernel
            guard own == nil, neutral, othersOnly, let other = named.sorted().first else { return item }
            let names = named.sorted().map(\.displayName).joined(separator: " and ")
            return notAMD(item, vendor: other, note: "the input names only \(names) GPUs")
        }
    }

    /// The listed device a line names by index, with its vendor, when the lists know it.
    private func listedDevice(
        of item: Evidence,
        in devices: [GPUDeviceReference: GPUVendor]
    ) -> (GPUDeviceReference, GPUVendor)? {
        guard !devices.isEmpty else { return nil }
        for reference in GPUDeviceReference.references(in: item.captures) {
            if let vendor = devices[reference] { return (reference, vendor) }
        }
        return nil
    }

    private func notAMD(_ item: Evidence, vendor: GPUVendor, note: String) -> Evidence {
        var changed = item
        changed.kind = .notAMD
        changed.failureClass = vendor == .nvidia ? .nvidia : .otherGPU
        changed.note = "not AMD evidence: " + note
        return changed
    }
}
