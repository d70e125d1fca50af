/// The fact keys the doctor reads, so `rocfault rules lint` catches a misspelt key in a check.
public enum DoctorFactKeys {
    /// Machine-wide keys.
    public static let machine: Set<String> = [
        "kernel.release", "distribution", "amdgpu.module", "amdgpu.module-version", "cmdline", "env",
        "rocm.version", "rocm.install", "hip.version", "mesa.version", "vulkan.radv", "kfd.version",
        "firmware.dkms-overrides", "access.kfd", "access.render", "container",
    ]
    /// Families whose members are open-ended: `cmdline.amdgpu.gttsize`, `env.HSA_OVERRIDE_GFX_VERSION`.
    public static let machineFamilies = ["cmdline.", "env.", "package."]
    /// Per-GPU keys.
    public static let gpu: Set<String> = [
        "gpu.gfx", "gpu.pci", "gpu.vram", "gpu.gtt", "gpu.vbios", "gpu.firmware", "gpu.render-node",
        "gpu.override-target", "gpu.override-family",
    ]
    /// Per-GPU families: `gpu.firmware.mes`.
    public static let gpuFamilies = ["gpu.firmware."]

    /// Whether a key is one the doctor can know.
    public static func isKnown(_ key: String) -> Bool {
        machine.contains(key) || gpu.contains(key)
            || (machineFamilies + gpuFamilies).contains { key.hasPrefix($0) && key.count > $0.count }
    }

    /// Whether the key is a GPU key (only GPU-scope checks may use them).
    public static func isGPUKey(_ key: String) -> Bool { key.hasPrefix("gpu.") }
}

extension DoctorFactKeys {
    /// A name for people: `gpu.firmware.mes` is `MES version`, `kernel.release` is `kernel release`.
    public static func label(_ key: String) -> String {
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
