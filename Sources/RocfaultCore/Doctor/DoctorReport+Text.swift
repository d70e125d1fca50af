/// The plain-text form of a doctor report, shared by `rocfault doctor`, `system.txt`, `show` and `run`.
extension DoctorReport {
    /// The machine-wide facts shown on the stack screen, in order, with labels.
    static let stackFacts: [(key: String, label: String)] = [
        ("kernel.release", "kernel"), ("amdgpu.module", "amdgpu module"), ("amdgpu.module-version", "amdgpu version"),
        ("kfd.version", "KFD interface"), ("distribution", "distribution"), ("rocm.version", "ROCm"),
        ("rocm.install", "ROCm installed as"), ("hip.version", "HIP"), ("mesa.version", "Mesa"),
        ("vulkan.radv", "Vulkan (RADV)"), ("firmware.dkms-overrides", "firmware overrides"),
        ("package.linux-firmware", "linux-firmware"), ("package.firmware-amd-graphics", "firmware-amd-graphics"),
        ("package.amd-gpu-firmware", "amd-gpu-firmware"), ("container", "container"),
        ("access.kfd", "access /dev/kfd"), ("access.render", "access render node"),
    ]

    /// Prefixes of the kernel parameters shown.
    static let parameterPrefixes = KernelParameterPrefixes.relevant

    /// The GPU facts shown, in order.
    static let gpuFacts = ["gpu.gfx", "gpu.pci", "gpu.vram", "gpu.gtt", "gpu.vbios", "gpu.render-node"]

    /// The firmware blocks shown for each GPU.
    static let firmwareBlocks = ["mes", "mes_kiq", "mec", "sdma", "smc", "vbios"]

    /// The stack on one screen: versions, GPUs, parameters and environment, each with its source.
    package func stackText() -> String {
        var text = ""
        for (key, label) in Self.stackFacts {
            let fact = facts.fact(key, gpu: nil)
            let hidden = key.hasPrefix("package.") || key == "amdgpu.module-version" || key.hasPrefix("access.")
            if fact.value == nil && !fact.isUnknown && hidden { continue }
            let absent = ["amdgpu.module": "not loaded", "firmware.dkms-overrides": "none", "container": "no"][key]
            text += "  " + label.padded(20) + fact.description(absent: absent ?? "not found") + "\n"
        }
        text += "  " + "kernel parameters".padded(20) + parameterText() + "\n"
        text += "  " + "environment".padded(20) + environmentText() + "\n"
        text += "\nGPUs\n"
        if facts.gpus.isEmpty { text += "  no AMD GPU found (no card with PCI vendor 0x1002 in /sys/class/drm)\n" }
        for (index, gpu) in facts.gpus.enumerated() { text += gpuText(gpu, index: index) }
        return text
    }

    private func parameterText() -> String {
        let line = facts.fact("cmdline", gpu: nil)
        if line.isUnknown { return line.description }
        let relevant = facts.machine.keys.sorted().filter { key in
            Self.parameterPrefixes.contains { key.hasPrefix("cmdline." + $0) }
        }
        guard !relevant.isEmpty else { return "none for amdgpu, ttm or the IOMMU (\(line.source))" }
        return relevant.map { key in
            let value = facts.machine[key]?.value ?? ""
            return String(key.dropFirst(8)) + (value.isEmpty ? "" : "=" + value)
        }.joined(separator: " ") + " (\(line.source))"
    }

    private func environmentText() -> String {
        let env = facts.fact("env", gpu: nil)
        if env.isUnknown { return env.description }
        let names = facts.machine.keys.filter { $0.hasPrefix("env.") }.sorted()
        guard !names.isEmpty else { return "no HSA_, HIP_, ROCM_, ROCR_, AMD_ or GGML_ variables (\(env.source))" }
        return names.map { "\($0.dropFirst(4))=\(facts.machine[$0]?.value ?? "")" }.joined(separator: " ")
            + " (\(env.source))"
    }

    private func gpuText(_ gpu: DoctorGPU, index: Int) -> String {
        var text = "  [\(index)] \(gpu.name)\n"
        for key in Self.gpuFacts {
            let fact = facts.fact(key, gpu: gpu)
            if fact.value == nil && !fact.isUnknown { continue }
            text += "      " + String(key.dropFirst(4)).padded(14) + fact.description + "\n"
        }
        for block in Self.firmwareBlocks {
            let fact = facts.fact("gpu.firmware." + block, gpu: gpu)
            if fact.value == nil && !fact.isUnknown { continue }
            text += "      " + "fw \(block)".padded(14) + fact.description + "\n"
        }
        return text
    }

    /// The findings: `ERROR`/`WARNING`/`NOTICE` headings with what was read and the two advice tiers;
    /// then the checks that stay open because a fact could not be read.
    package func findingsText(_ selected: [DoctorFinding]? = nil) -> String {
        let list = selected ?? findings
        let held = list.filter { $0.outcome == .finding }.sorted { $0.severity > $1.severity }
        let open = list.filter { $0.outcome == .unknown }
        var text = ""
        for finding in held { text += findingText(finding) }
        if !open.isEmpty { text += open.map(openText).joined() }
        return text
    }

    /// One finding, several lines.
    package func findingText(_ finding: DoctorFinding) -> String {
        var text = "  \(finding.severity.rawValue.uppercased()): \(finding.title)"
        text += finding.gpu.map { " [\($0)]" } ?? ""
        text += " (\(finding.checkID))\n"
        for fact in finding.facts { text += "      read: \(fact.description)\n" }
        text += "      do now: \(finding.immediate)\n"
        text += "      investigate: \(finding.investigate)\n"
        if let url = finding.url { text += "      see: \(url)\n" }
        return text
    }

    private func openText(_ finding: DoctorFinding) -> String {
        var text =
            "  CANNOT TELL: \(finding.title)" + (finding.gpu.map { " [\($0)]" } ?? "") + " (\(finding.checkID))\n"
        for fact in finding.facts {
            text += "      \(DoctorFactKeys.label(fact.key)) unknown: \(fact.fact.unknownReason ?? "not read")"
            text += fact.fact.source.isEmpty ? "\n" : " (\(fact.fact.source))\n"
        }
        return text
    }
}

/// The kernel parameter prefixes that matter for AMD GPUs (as in `KernelCommandLine`).
package enum KernelParameterPrefixes {
    /// `amdgpu.`, `amdttm.`, `ttm.`, `iommu`, `amd_iommu`.
    package static let relevant = ["amdgpu.", "amdttm.", "ttm.", "iommu", "amd_iommu", "amdgpu_"]
}

extension String {
    fileprivate func padded(_ width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
}
