public import RocfaultCore

/// What a report says about the machine: filled from the system-facts collector by the CLI.
public struct MachineFacts: Sendable, Hashable, Codable {
    /// `uname -r` style kernel release, with the build string when known.
    public var kernel: String?
    /// Kernel command-line parameters that matter for GPUs (`amdgpu.*`, `ttm.*`, `iommu`, `amd_iommu`).
    public var kernelParameters: [String] = []
    /// The distribution's pretty name (`Fedora Linux 43 (Workstation Edition)`).
    public var distribution: String?
    /// The CPU model name.
    public var cpu: String?
    /// The ROCm version (`6.4.1`), when ROCm is installed.
    public var rocmVersion: String?
    /// The HIP runtime version.
    public var hipVersion: String?
    /// The Mesa (RADV) version.
    public var mesaVersion: String?
    /// The linux-firmware package version.
    public var linuxFirmwareVersion: String?
    /// BIOS vendor, version and date from DMI.
    public var bios: String?
    /// Board and system vendor and product from DMI.
    public var board: String?
    /// Other relevant package versions by name.
    public var packages: [String: String] = [:]
    /// The GPUs.
    public var gpus: [GPUFacts] = []
    /// What could not be read and why, for the reader of the report.
    public var notes: [String] = []
    /// The stack and findings of `rocfault doctor`, when it ran.
    public var doctor: DoctorReport?

    /// Creates empty facts.
    public init() {}
}

/// One GPU as a report shows it.
public struct GPUFacts: Sendable, Hashable, Codable {
    /// A name for people: marketing name or PCI ids.
    public var name: String
    /// The PCI address.
    public var pciAddress: String?
    /// The LLVM target (`gfx1151`).
    public var gfxTarget: String?
    /// Dedicated VRAM in bytes.
    public var vramBytes: UInt64?
    /// GTT (system memory the GPU may map) in bytes.
    public var gttBytes: UInt64?
    /// The VBIOS version.
    public var vbios: String?
    /// Firmware versions by block name (`mes`, `smc`, ...).
    public var firmware: [String: String] = [:]

    /// Creates a GPU description.
    public init(name: String) { self.name = name }
}

/// Something that can describe the machine a report is written on.
public protocol MachineFactsSource: Sendable {
    /// Reads the facts; never fails, puts what it could not read into ``MachineFacts/notes``.
    func collect() -> MachineFacts
}
