/// Facts about the machine that a GPU bug report needs. Every field is optional: what cannot
/// be read is `nil` (or empty), never an error.
package struct SystemFacts: Sendable, Hashable, Codable {
    /// `uname -r`: `6.14.0-29-generic`.
    package var kernelRelease: String?
    /// `uname -v`: the build string.
    package var kernelVersion: String?
    /// `uname -m`: `x86_64`.
    package var architecture: String?
    /// Kernel parameters about amdgpu, TTM and the IOMMU (`amdgpu.gttsize=…`, `iommu=pt`).
    package var kernelParameters: [String]
    /// `PRETTY_NAME` from os-release.
    package var distribution: String?
    /// Board and firmware identity.
    package var dmi: DMIInfo
    /// The CPU model name from cpuinfo.
    package var cpuModel: String?
    /// The version in `/opt/rocm/.info/version`.
    package var rocmVersion: String?
    /// Versioned ROCm trees: `/opt/rocm-6.4.1`.
    package var rocmInstallations: [String]
    /// Installed versions of GPU packages, by package name.
    package var packages: [String: String]
    /// `/sys/module/amdgpu/version`, set by out-of-tree (DKMS) builds.
    package var amdgpuModuleVersion: String?

    /// Creates a record.
    package init(
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
