package import RocfaultCore

/// What a report says about the machine: filled from the system-facts collector by the CLI.
package struct MachineFacts: Sendable, Hashable, Codable {
    /// `uname -r` style kernel release, with the build string when known.
    package var kernel: String?
    /// Kernel command-line parameters that matter for GPUs (`amdgpu.*`, `ttm.*`, `iommu`, `amd_iommu`).
    package var kernelParameters: [String] = []
    /// The distribution's pretty name (`Fedora Linux 43 (Workstation Edition)`).
    package var distribution: String?
    /// The CPU model name.
    package var cpu: String?
    /// The ROCm version (`6.4.1`), when ROCm is installed.
    package var rocmVersion: String?
    /// The HIP runtime version.
    package var hipVersion: String?
    /// The Mesa (RADV) version.
    package var mesaVersion: String?
    /// The linux-firmware package version.
    package var linuxFirmwareVersion: String?
    /// BIOS vendor, version and date from DMI.
    package var bios: String?
    /// Board and system vendor and product from DMI.
    package var board: String?
    /// Other relevant package versions by name.
    package var packages: [String: String] = [:]
    /// The GPUs.
    package var gpus: [GPUFacts] = []
    /// What could not be read and why, for the reader of the report.
    package var notes: [String] = []
    /// The stack and findings of `rocfault doctor`, when it ran.
    package var doctor: DoctorReport?

    /// Creates empty facts.
    package init() {}
}

/// One GPU as a report shows it.
package struct GPUFacts: Sendable, Hashable, Codable {
    /// A name for people: marketing name or PCI ids.
    package var name: String
    /// The PCI address.
    package var pciAddress: String?
    /// The LLVM target (`gfx1151`).
    package var gfxTarget: String?
    /// Dedicated VRAM in bytes.
    package var vramBytes: UInt64?
    /// GTT (system memory the GPU may map) in bytes.
    package var gttBytes: UInt64?
    /// The VBIOS version.
    package var vbios: String?
    /// Firmware versions by block name (`mes`, `smc`, ...).
    package var firmware: [String: String] = [:]

    /// Creates a GPU description.
    package init(name: String) { self.name = name }
}

/// Something that can describe the machine a report is written on.
package protocol MachineFactsSource: Sendable {
    /// Reads the facts; never fails, puts what it could not read into ``MachineFacts/notes``.
    func collect() -> MachineFacts
}
