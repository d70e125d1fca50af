/// The fact keys the doctor reads, so `rocfault rules lint` catches a misspelt key in a check.
package enum DoctorFactKeys {
    /// Machine-wide keys.
    package static let machine: Set<String> = [
        "kernel.release", "distribution", "amdgpu.module", "amdgpu.module-version", "cmdline", "env",
        "rocm.version", "rocm.install", "hip.version", "mesa.version", "vulkan.radv", "kfd.version",
        "firmware.dkms-overrides", "access.kfd", "access.render", "container",
    ]
    /// Families whose members are open-ended: `cmdline.amdgpu.gttsize`, `env.HSA_OVERRIDE_GFX_VERSION`.
    package static let machineFamilies = ["cmdline.", "env.", "package."]
    /// Per-GPU keys.
    package static let gpu: Set<String> = [
        "gpu.gfx", "gpu.pci", "gpu.vram", "gpu.gtt", "gpu.vbios", "gpu.firmware", "gpu.render-node",
        "gpu.override-target", "gpu.override-family",
    ]
    /// Per-GPU families: `gpu.firmware.mes`.
    package static let gpuFamilies = ["gpu.firmware."]

    /// Whether a key is one the doctor can know.
    package static func isKnown(_ key: String) -> Bool {
        machine.contains(key) || gpu.contains(key)
            || (machineFamilies + gpuFamilies).contains { key.hasPrefix($0) && key.count > $0.count }
    }

    /// Whether the key is a GPU key (only GPU-scope checks may use them).
    package static func isGPUKey(_ key: String) -> Bool { key.hasPrefix("gpu.") }
}

extension DoctorFactKeys {
    /// A name for people: `gpu.firmware.mes` is `MES version`, `kernel.release` is `kernel release`.
    package static func label(_ key: String) -> String {
        if key.hasPrefix("gpu.firmware.") { return key.dropFirst(13).uppercased() + " version" }
        switch key {
        case "kernel.release": return "kernel release"
        case "rocm.version": return "ROCm version"
        case "kfd.version": return "KFD interface version"
        case "gpu.gfx": return "gfx target"
        case "gpu.firmware": return "GPU firmware"
        case "env": return "environment"
        case "cmdline": return "kernel command line"
        default:
            if key.hasPrefix("env.") { return String(key.dropFirst(4)) }
            if key.hasPrefix("cmdline.") { return "kernel parameter " + key.dropFirst(8) }
            return key
        }
    }
}
