import RocfaultCore
import RocfaultPlatform

extension DoctorFactReader {
    /// Installed package versions: `var/lib/dpkg/status`, else (live) rpm through the package query.
    struct Packages {
        var versions: [String: String]
        var source: String?
        var facts: [String: DoctorFact] {
            guard let source else { return [:] }
            var facts: [String: DoctorFact] = ["package": .known("read", from: source)]
            for name in Self.reported {
                if let version = versions[name] { facts["package." + name] = .known(version, from: source) }
            }
            for (name, version) in versions where name.hasPrefix("libamdhip64") {
                facts["package." + name] = .known(version, from: source)
            }
            return facts
        }

        static let reported = PackageVersionQuery.gpuPackages + ["amdgpu-dkms-firmware", "rocm-hip", "hip-devel"]
    }

    func installedPackages() -> Packages {
        let status = path("var/lib/dpkg/status")
        if let text = FileIO.text(status, limit: 64 << 20) {
            return Packages(versions: DpkgStatus.installed(text), source: status)
        }
        guard isLive else { return Packages(versions: [:], source: nil) }
        let versions = PackageVersionQuery().versions(of: Packages.reported)
        return Packages(versions: versions, source: versions.isEmpty ? nil : "rpm -q")
    }

    /// `rocm.version`, `rocm.install` (every way ROCm userspace is present), `hip.version`.
    func rocmFacts(packages: Packages) -> [String: DoctorFact] {
        var facts: [String: DoctorFact] = [:]
        let versionFile = path("opt/rocm/.info/version")
        if let version = FileIO.trimmed(versionFile) {
            facts["rocm.version"] = .known(version, from: versionFile)
        } else if let tree = rocmTrees().last, let version = FileIO.trimmed(tree + "/.info/version") {
            facts["rocm.version"] = .known(version, from: tree + "/.info/version")
        } else if let source = packages.source, let version = packages.versions["rocm-core"] {
            facts["rocm.version"] = .known(version, from: source + " (rocm-core)")
        } else if let source = packages.source,
            let hip = packages.versions.keys.sorted().last(where: { $0.hasPrefix("libamdhip64") }),
            let version = packages.versions[hip]
        {
            facts["rocm.version"] = .known(version, from: source + " (\(hip), the distribution's ROCm)")
        } else if let wheel = pythonPackages().first(where: { $0.kind == "therock" }) {
            facts["rocm.version"] = .known(wheel.version ?? "unknown", from: wheel.path)
        } else {
            facts["rocm.version"] = .absent(from: versionFile)
        }
        let installs = installKinds(packages: packages)
        facts["rocm.install"] =
            installs.isEmpty
            ? .absent(from: path("opt") + ", " + path("usr/lib/python3*"))
            : .known(installs.map(\.text).joined(separator: "; "), from: installs.map(\.source).joined(separator: ", "))
        facts["hip.version"] = hipVersion(packages: packages)
        return facts
    }

    func rocmTrees() -> [String] {
        FileIO.list(path("opt")).filter { $0.hasPrefix("rocm-") && $0.dropFirst(5).first?.isASCIIDigit == true }
            .sorted { FactVersion.compare($0, $1) < 0 }.map { path("opt/" + $0) }
    }

    private func installKinds(packages: Packages) -> [(text: String, source: String)] {
        var kinds: [(text: String, source: String)] = []
        let lists = [
            "etc/apt/sources.list.d/rocm.list", "etc/apt/sources.list.d/amdgpu.list",
            "etc/apt/sources.list.d/rocm.sources", "etc/yum.repos.d/rocm.repo", "etc/yum.repos.d/amdgpu.repo",
            "etc/zypp/repos.d/rocm.repo",
        ].map(path).filter(FileIO.exists)
        if !lists.isEmpty { kinds.append(("AMD's repositories", lists.joined(separator: ", "))) }
        let distribution = packages.versions.keys.filter { $0.hasPrefix("libamdhip64") || $0 == "rocm-hip" }.sorted()
        if let source = packages.source, !distribution.isEmpty {
            kinds.append(("distribution packages (\(distribution.joined(separator: ", ")))", source))
        }
        let trees = rocmTrees()
        if lists.isEmpty, !trees.isEmpty {
            kinds.append(
                ("a ROCm tree without AMD's repositories (installer or tarball)", trees.joined(separator: ", "))
            )
        }
        for found in pythonPackages() {
            kinds.append(
                (
                    found.kind == "therock"
                        ? "TheRock wheels (rocm-sdk \(found.version ?? "?"))"
                        : "libraries bundled in the \(found.kind) wheel", found.path
                )
            )
        }
        for marker in [".dockerenv", "run/.containerenv"] where FileIO.exists(path(marker)) {
            kinds.append(("a container", path(marker)))
        }
        return kinds
    }

    /// TheRock's `_rocm_sdk_core` and frameworks that bundle libamdhip64 (torch) in the system's and
    /// the active virtual environment's site-packages.
    func pythonPackages() -> [(kind: String, version: String?, path: String)] {
        var found: [(kind: String, version: String?, path: String)] = []
        for directory in sitePackages() {
            let names = FileIO.list(directory)
            if names.contains("_rocm_sdk_core") {
                let info = names.first { $0.hasPrefix("rocm_sdk_core-") && $0.hasSuffix(".dist-info") }
                let version = info.map { String($0.dropFirst("rocm_sdk_core-".count).dropLast(".dist-info".count)) }
                found.append(("therock", version, directory + "/_rocm_sdk_core"))
            }
            for framework in ["torch", "jax_rocm7_plugin", "jax_rocm60_plugin"] {
                let library = directory + "/\(framework)/lib"
                if let hip = FileIO.list(library).first(where: { $0.hasPrefix("libamdhip64.so") }) {
                    found.append((framework, nil, library + "/" + hip))
                }
            }
        }
        return found
    }

    private func sitePackages() -> [String] {
        var bases = ["usr/lib", "usr/local/lib"].map(path)
        let virtualEnv = environmentValue("VIRTUAL_ENV") ?? environmentValue("CONDA_PREFIX")
        if let virtualEnv { bases.append(isLive ? virtualEnv + "/lib" : root + virtualEnv + "/lib") }
        return bases.flatMap { base in
            FileIO.list(base).filter { $0.hasPrefix("python3") }.flatMap { python in
                ["site-packages", "dist-packages"].map { base + "/" + python + "/" + $0 }.filter(FileIO.isDirectory)
            }
        }
    }

    private func environmentValue(_ name: String) -> String? {
        let entries =
            pid.flatMap { FileIO.read(path("proc/\($0)/environ")) }.map(TextParsing.nulSeparated) ?? environment
        return entries.last { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    private func hipVersion(packages: Packages) -> DoctorFact {
        let cmake = path("opt/rocm/lib/cmake/hip/hip-config-version.cmake")
        if let text = FileIO.text(cmake), let range = text.firstRange(of: "set(PACKAGE_VERSION \"") {
            let version = text[range.upperBound...].prefix { $0 != "\"" }
            if !version.isEmpty { return .known(String(version), from: cmake) }
        }
        let distribution = packages.versions.keys.filter { $0.hasPrefix("libamdhip64") }.sorted().reversed()
        for name in ["hip-runtime-amd", "rocm-hip"] + distribution {
            if let source = packages.source, let version = packages.versions[name] {
                return .known(version, from: "\(source) (\(name))")
            }
        }
        return .absent(from: cmake)
    }

    /// `mesa.version` and `vulkan.radv` (a RADV ICD file in usr/share/vulkan/icd.d).
    func graphicsFacts(packages: Packages) -> [String: DoctorFact] {
        var facts: [String: DoctorFact] = [:]
        if let source = packages.source {
            let mesa = packages.versions["mesa-vulkan-drivers"]
            facts["mesa.version"] =
                mesa.map { .known($0, from: source + " (mesa-vulkan-drivers)") } ?? .absent(from: source)
        } else {
            facts["mesa.version"] = .unknown("no package database read", source: path("var/lib/dpkg/status"))
        }
        let icd = path("usr/share/vulkan/icd.d")
        if let file = FileIO.list(icd).first(where: { $0.hasPrefix("radeon_icd") && $0.hasSuffix(".json") }) {
            facts["vulkan.radv"] = .known("yes", from: icd + "/" + file)
        } else {
            facts["vulkan.radv"] = .known("no", from: icd + " (no radeon_icd*.json)")
        }
        return facts
    }
}
