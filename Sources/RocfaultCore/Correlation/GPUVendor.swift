/// A GPU maker, as a log names it: a kernel driver prefix (`amdgpu`, `xe`, `i915`, `nouveau`,
/// `NVRM`), a device name in a device list (`ggml_vulkan: 0 = Intel(R) Graphics`), or a PCI vendor
/// id (`1002`, `8086`, `10de`).
package enum GPUVendor: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case amd
    case intel
    case nvidia

    /// The vendor a device name, driver name or PCI vendor id names, if any: the leftmost word that
    /// names one decides (`Intel(R) Graphics (MTL) (Intel open-source Mesa driver)` is Intel,
    /// `AMD Radeon PRO V620 (RADV NAVI21)` is AMD).
    package init?(naming text: String) {
        let lowered = text.lowercased()
        if lowered.contains("advanced micro devices") {
            self = .amd
            return
        }
        var word = ""
        for character in lowered + " " {
            if character.isLetter || character.isNumber {
                word.append(character)
                continue
            }
            if let vendor = Self.vendor(ofWord: word) {
                self = vendor
                return
            }
            word = ""
        }
        return nil
    }

    /// The vendor of a PCI vendor id (`0x1002` AMD, `0x8086` Intel, `0x10de` NVIDIA), if one of these.
    package init?(pciVendorID: UInt16) {
        switch pciVendorID {
        case 0x1002: self = .amd
        case 0x8086: self = .intel
        case 0x10de: self = .nvidia
        default: return nil
        }
    }

    /// The vendor one lower-cased word names.
    static func vendor(ofWord word: String) -> GPUVendor? {
        if let vendor = words[word] { return vendor }
        if word.hasPrefix("gfx"), word.dropFirst(3).first?.isNumber == true { return .amd }
        return nil
    }

    static let words: [String: GPUVendor] = [
        "amd": .amd, "amdgpu": .amd, "ati": .amd, "radeon": .amd, "radv": .amd, "rocm": .amd, "1002": .amd,
        "intel": .intel, "xe": .intel, "i915": .intel, "iris": .intel, "anv": .intel, "8086": .intel,
        "nvidia": .nvidia, "geforce": .nvidia, "nouveau": .nvidia, "nvrm": .nvidia, "quadro": .nvidia,
        "10de": .nvidia, "tesla": .nvidia,
    ]

    /// How reports name the vendor.
    package var displayName: String {
        switch self {
        case .amd: "AMD"
        case .intel: "Intel"
        case .nvidia: "NVIDIA"
        }
    }

    package static func < (lhs: GPUVendor, rhs: GPUVendor) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a rule says about the GPU vendor of the lines it matches (the rule key `gpu-vendor`).
package enum RuleGPUVendor: String, Sendable, Codable, Hashable, CaseIterable {
    /// The line is about an AMD GPU (an amdgpu driver line, a ROCm device list).
    case amd
    /// The line is about an Intel GPU.
    case intel
    /// The line is about an NVIDIA GPU.
    case nvidia
    /// Any vendor's driver prints the line the same way (a Vulkan status, a DRM core line): it is AMD
    /// evidence only when the log does not name other vendors' GPUs alone.
    case any
    /// Other vendors' builds or tools print the line alike (ggml's `CUDA error` in CUDA and HIP
    /// builds, cuBLASLt's and hipBLASLt's samples, nccl-tests' harness, NCCL's lines that RCCL keeps):
    /// in a saved log it is AMD evidence only when the input names an AMD GPU or AMD's runtime stack
    /// (a device list, `RCCL version`, a HIP or RCCL line) and no NVIDIA GPU; otherwise it is not-amd.
    /// The daemon, on the machine itself, keeps its kind.
    case amdIfNamed = "amd-if-named"

    /// The vendor the line is about, if the rule fixes one.
    package var vendor: GPUVendor? {
        switch self {
        case .amd: .amd
        case .intel: .intel
        case .nvidia: .nvidia
        case .any, .amdIfNamed: nil
        }
    }
}
