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
        if let vendor = ruleVendor(of: item)?.vendor { return vendor }
        let namesAMD = item.lines.contains { line in Self.amdStackWords.contains { line.text.contains($0) } }
        return namesAMD ? .amd : nil
    }

    /// The `gpu-vendor` of the evidence's rule, or, when it has none, of the first rule of its lines
    /// that has one: a continuation's stance holds for the block it gave its side (an exception
    /// after a frame in AMD's Python code counts only where no NVIDIA GPU is named).
    func ruleVendor(of item: Evidence) -> RuleGPUVendor? {
        ruleSet.rule(id: item.ruleID)?.gpuVendor
            ?? item.lines.lazy.compactMap { self.ruleSet.rule(id: $0.ruleID)?.gpuVendor }.first
    }

    /// Every vendor the evidence names (what a check passes as the context's named vendors). Under
    /// ZLUDA (CUDA's API on AMD's HIP runtime) the CUDA libraries' own names (a cuDNN status, a
    /// cudaError name) are ZLUDA's and name no NVIDIA GPU; NVIDIA's hardware, driver and tools
    /// (nvidia-smi, a system libcuda.so, a device name) are other rules' and still do.
    package func namedVendors(in evidence: [Evidence]) -> Set<GPUVendor> {
        let underZLUDA = evidence.contains { item in
            item.ruleID == Self.amdStackNamesRuleID && item.captures["amd_stack"].map(Self.isZLUDAName) == true
        }
        let named = evidence.filter { !(underZLUDA && $0.ruleID == Self.cudaLibraryRuleID) }
        return Set(named.compactMap(vendor(of:)))
    }

    /// Whether an AMD-stack name is ZLUDA's own (the word, or a ZLUDA_ variable).
    static func isZLUDAName(_ name: String) -> Bool {
        name.uppercased().hasPrefix("ZLUDA")
    }

    /// The rule whose `amd_stack` capture names AMD's stack in a program's line.
    static let amdStackNamesRuleID = "amdstack.catalog.named"

    /// The rule that names NVIDIA by its CUDA libraries' words rather than by hardware or driver.
    static let cudaLibraryRuleID = "gpu-stack.cuda-library-named"

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
    /// the input names only other vendors' GPUs. A line other vendors' builds or tools print alike
    /// (`gpu-vendor: amd-if-named`: ggml's `CUDA error`, nccl-tests' harness), read from a saved input
    /// (`fromInput`), counts only when the input names an AMD GPU or AMD's runtime stack and no NVIDIA
    /// GPU; the daemon, on its own machine, keeps its kind.
    ///
    /// A line that names a listed device by its index (`device lost on Vulkan0`) is tied to that
    /// device's vendor whatever else the input names, and so are the incident's `gpu-vendor: any` and
    /// `amd-if-named` lines beside it (`vk::Queue::submit: ErrorDeviceLost`).
    func tiedToVendor(
        _ evidence: [Evidence],
        named: Set<GPUVendor>,
        fromInput: Bool = false,
        devices: [GPUDeviceReference: GPUVendor] = [:],
        stated: GPUVendor? = nil
    ) -> [Evidence] {
        let deciding = evidence.filter { $0.kind.decidesSide != nil && vendor(of: $0) == nil }
        let indexed = Set(deciding.compactMap { listedDevice(of: $0, in: devices) }.map(\.1))
        let incidentDevice = indexed.count == 1 ? indexed.first : nil
        return evidence.map { item in
            guard item.kind.decidesSide != nil else { return item }
            if let tied = tiedToListedDevice(item, devices: devices, incidentDevice: incidentDevice) { return tied }
            let tied = tiedToNamedVendors(item, named: named, fromInput: fromInput)
            guard let stated, vendor(of: item) == nil else { return tied }
            return Self.notedAsStated(tied, rule: ruleVendor(of: item), stated: stated)
        }
    }

    /// A line that names no maker, and whose outcome only the machine's stated GPU decided, says so:
    /// a line other vendors' builds print alike that counted for a stated AMD GPU, or any such line
    /// that a stated Intel or NVIDIA GPU took off AMD's account.
    static func notedAsStated(_ tied: Evidence, rule: RuleGPUVendor?, stated: GPUVendor) -> Evidence {
        var changed = tied
        if tied.kind == .notAMD {
            changed.note = notAMDNotePrefix + statedOtherNote(stated)
            return changed
        }
        guard rule == .amdIfNamed, tied.kind.decidesSide != nil, tied.note == nil else { return tied }
        changed.note = Self.statedVendorNote
        return changed
    }

    /// The note of a line counted for the machine's GPUs as stated, not as the input names them.
    static let statedVendorNote =
        "counted for the machine's AMD GPU as stated (--gpu, or this machine's GPUs): the input names no GPU maker"

    /// Why a line that names no maker is not AMD evidence when the stated GPU is another maker's.
    static func statedOtherNote(_ stated: GPUVendor) -> String {
        "the input names no GPU maker and the machine's GPUs were given as \(stated.displayName)'s"
    }

    /// How a not-amd note begins.
    static let notAMDNotePrefix = "not AMD evidence: "

    /// The evidence tied to a device of the input's device lists, or nil when no list decides it.
    private func tiedToListedDevice(
        _ item: Evidence,
        devices: [GPUDeviceReference: GPUVendor],
        incidentDevice: GPUVendor?
    ) -> Evidence? {
        guard vendor(of: item) == nil else { return nil }
        if let (reference, vendor) = listedDevice(of: item, in: devices) {
            let note = "the line is about device \(reference.index), an \(vendor.displayName) GPU in the device list"
            return vendor == .amd ? item : Self.notAMD(item, vendor: vendor, note: note)
        }
        let ruleVendor = ruleVendor(of: item)
        if ruleVendor == .any || ruleVendor == .amdIfNamed, let incidentDevice {
            let note = "the incident's device loss names an \(incidentDevice.displayName) GPU of the device list"
            return incidentDevice == .amd ? item : Self.notAMD(item, vendor: incidentDevice, note: note)
        }
        return nil
    }

    /// The evidence tied to the vendors the input names as a whole.
    private func tiedToNamedVendors(_ item: Evidence, named: Set<GPUVendor>, fromInput: Bool) -> Evidence {
        let othersOnly = !named.isEmpty && !named.contains(.amd)
        let own = vendor(of: item)
        let ruleVendor = ruleVendor(of: item)
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

    /// The evidence counted as not-amd, about `vendor`'s GPU, for the reason `note` gives.
    static func notAMD(_ item: Evidence, vendor: GPUVendor, note: String) -> Evidence {
        var changed = item
        changed.kind = .notAMD
        changed.failureClass = vendor == .nvidia ? .nvidia : .otherGPU
        changed.note = notAMDNotePrefix + note
        return changed
    }

    /// The evidence counted as not-amd because its own line is about another vendor's device.
    static func notAMD(_ item: Evidence, own: GPUVendor) -> Evidence {
        notAMD(item, vendor: own, note: "the line is about an \(own.displayName) GPU")
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
