import Glibc
import RocfaultPlatform

/// Gathers `SystemFacts` from the running system, with every location a parameter.
package struct SystemFactsCollector: Sendable {
    /// Where procfs is mounted.
    package var procRoot: String
    /// Where sysfs is mounted.
    package var sysfsRoot: String
    /// The root of the file system holding `etc/os-release` and `opt/rocm`.
    package var fileRoot: String
    /// The package query, or `nil` to skip asking the package manager.
    package var packageQuery: PackageVersionQuery?
    /// The packages to ask about.
    package var packageNames: [String]

    /// Creates a collector.
    package init(
        procRoot: String = "/proc",
        sysfsRoot: String = "/sys",
        fileRoot: String = "/",
        packageQuery: PackageVersionQuery? = PackageVersionQuery(),
        packageNames: [String] = PackageVersionQuery.gpuPackages
    ) {
        self.procRoot = procRoot
        self.sysfsRoot = sysfsRoot
        self.fileRoot = fileRoot.hasSuffix("/") ? fileRoot : fileRoot + "/"
        self.packageQuery = packageQuery
        self.packageNames = packageNames
    }

    /// Reads everything. Blocks for at most the package query's timeout.
    package func collect() -> SystemFacts {
        let names = Self.uname()
        return SystemFacts(
            kernelRelease: names.release,
            kernelVersion: names.version,
            architecture: names.machine,
            kernelParameters: FileIO.text(procRoot + "/cmdline").map(KernelCommandLine.relevantParameters) ?? [],
            distribution: distribution(),
            dmi: DMIInfo(sysfsRoot: sysfsRoot),
            cpuModel: FileIO.text(procRoot + "/cpuinfo").flatMap(Self.cpuModel),
            rocmVersion: FileIO.trimmed(fileRoot + "opt/rocm/.info/version"),
            rocmInstallations: rocmInstallations(),
            packages: packageQuery?.versions(of: packageNames) ?? [:],
            amdgpuModuleVersion: FileIO.trimmed(sysfsRoot + "/module/amdgpu/version")
        )
    }

    /// `PRETTY_NAME` from `etc/os-release`, else `usr/lib/os-release`.
    func distribution() -> String? {
        for file in ["etc/os-release", "usr/lib/os-release"] {
            if let text = FileIO.text(fileRoot + file), let name = TextParsing.equalsSeparatedPairs(text)["PRETTY_NAME"]
            {
                return name
            }
        }
        return nil
    }

    /// `opt/rocm-<version>` directories.
    func rocmInstallations() -> [String] {
        FileIO.list(fileRoot + "opt").filter { name in
            name.hasPrefix("rocm-") && name.dropFirst(5).first?.isASCIIDigit == true
        }
        .map { fileRoot + "opt/" + $0 }
    }

    /// The first `model name` (x86) or `Model`/`Hardware` (Arm) line of cpuinfo.
    static func cpuModel(_ text: String) -> String? {
        for key in ["model name", "Model", "Hardware"] {
            for line in text.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmedWhitespace == key else { continue }
                let value = parts[1].trimmedWhitespace
                if !value.isEmpty { return value }
            }
        }
        return nil
    }

    private static func uname() -> (release: String?, version: String?, machine: String?) {
        var names = utsname()
        guard Glibc.uname(&names) == 0 else { return (nil, nil, nil) }
        func field<T>(_ value: T) -> String? {
            let text = withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return text.isEmpty ? nil : text
        }
        return (field(names.release), field(names.version), field(names.machine))
    }
}
