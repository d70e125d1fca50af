import Glibc
import RocfaultPlatform

/// Asks the package manager (dpkg, else rpm) which versions of some packages are installed.
package struct PackageVersionQuery: Sendable {
    /// Packages whose versions a GPU bug report wants, across Debian, Ubuntu, Fedora and ROCm repos.
    package static let gpuPackages = [
        "linux-firmware", "firmware-amd-graphics", "amd-gpu-firmware", "mesa-vulkan-drivers", "libdrm-amdgpu1",
        "rocm-core", "hip-runtime-amd", "hsa-rocr", "rocm-hip-runtime", "amdgpu-dkms",
    ]

    /// How long the package manager may take.
    package var timeout: Duration
    /// Where to look for `dpkg-query`.
    package var dpkgCandidates: [String]
    /// Where to look for `rpm`.
    package var rpmCandidates: [String]

    /// Creates a query.
    package init(
        timeout: Duration = .seconds(5),
        dpkgCandidates: [String] = ["/usr/bin/dpkg-query", "/bin/dpkg-query"],
        rpmCandidates: [String] = ["/usr/bin/rpm", "/bin/rpm"]
    ) {
        self.timeout = timeout
        self.dpkgCandidates = dpkgCandidates
        self.rpmCandidates = rpmCandidates
    }

    /// Installed version by package name; packages not installed are absent. Empty when neither
    /// package manager exists, fails, or misses the deadline.
    package func versions(of packages: [String]) -> [String: String] {
        let names = Array(Set(packages)).sorted()
        guard !names.isEmpty else { return [:] }
        if let dpkg = dpkgCandidates.first(where: { access($0, X_OK) == 0 }) {
            let format = "${Package}\t${Version}\t${db:Status-Abbrev}\n"
            return run([dpkg, "-W", "-f", format] + names).map(Self.parseDpkg) ?? [:]
        }
        if let rpm = rpmCandidates.first(where: { access($0, X_OK) == 0 }) {
            return run([rpm, "-q", "--qf", "%{NAME}\t%{VERSION}-%{RELEASE}\n"] + names).map(Self.parseRPM) ?? [:]
        }
        return [:]
    }

    /// Runs a package manager with standard error discarded and a fixed, minimal environment; its
    /// output when it ended by itself (any status, or a signal), `nil` when it could not start or
    /// timed out.
    func run(_ arguments: [String]) -> String? {
        let result = BoundedCommand(
            arguments,
            timeLimit: timeout,
            errorStream: .discarded,
            environment: Self.environment
        ).run()
        switch result.outcome {
        case .ended: return result.output
        case .timedOut, .notStarted: return nil
        }
    }

    /// The package managers' environment: a system `PATH` and the C locale.
    static let environment = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"]

    /// Parses `name<TAB>version<TAB>status` lines, keeping installed (`ii`) packages.
    static func parseDpkg(_ text: String) -> [String: String] {
        var versions: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3, fields[2].hasPrefix("ii"), !fields[1].isEmpty else { continue }
            versions[String(fields[0]).split(separator: ":").first.map(String.init) ?? ""] = String(fields[1])
        }
        versions.removeValue(forKey: "")
        return versions
    }

    /// Parses `name<TAB>version` lines; rpm prints "package x is not installed" for the others.
    static func parseRPM(_ text: String) -> [String: String] {
        var versions: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].contains(" ") else { continue }
            versions[String(fields[0])] = String(fields[1])
        }
        return versions
    }
}
