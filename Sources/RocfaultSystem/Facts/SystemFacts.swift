/// Facts about the machine that a GPU bug report needs. Every field is optional: what cannot
/// be read is `nil` (or empty), never an error.
public struct SystemFacts: Sendable, Hashable, Codable {
    /// `uname -r`: `6.14.0-29-generic`.
    public var kernelRelease: String?
    /// `uname -v`: the build string.
    public var kernelVersion: String?
    /// `uname -m`: `x86_64`.
    public var architecture: String?
    /// Kernel parameters about amdgpu, TTM and the IOMMU (`amdgpu.gttsize=…`, `iommu=pt`).
    public var kernelParameters: [String]
    /// `PRETTY_NAME` from os-release.
    public var distribution: String?
    /// Board and firmware identity.
    public var dmi: DMIInfo
    /// The CPU model name from cpuinfo.
    public var cpuModel: String?
    /// The version in `/opt/rocm/.info/version`.
    public var rocmVersion: String?
    /// Versioned ROCm trees: `/opt/rocm-6.4.1`.
    public var rocmInstallations: [String]
    /// Installed versions of GPU packages, by package name.
    public var packages: [String: String]
    /// `/sys/module/amdgpu/version`, set by out-of-tree (DKMS) builds.
    public var amdgpuModuleVersion: String?

    /// Creates a record.
    public init(
        kernelRelease: String? = nil,
        kernelVersion: String? = nil,
        architecture: String? = nil,
        kernelParameters: [String] = [],
        distribution: String? = nil,
        dmi: DMIInfo = DMIInfo(),
        cpuModel: String? = nil,
        rocmVersion: String? = nil,
        rocmInstallations: [String] = [],
        packages: [String: String] = [:],
        amdgpuModuleVersion: String? = nil
    ) {
        self.kernelRelease = kernelRelease
        self.kernelVersion = kernelVersion
        self.architecture = architecture
        self.kernelParameters = kernelParameters
        self.distribution = distribution
        self.dmi = dmi
        self.cpuModel = cpuModel
        self.rocmVersion = rocmVersion
        self.rocmInstallations = rocmInstallations
        self.packages = packages
        self.amdgpuModuleVersion = amdgpuModuleVersion
    }
}
