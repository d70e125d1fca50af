import RocfaultCore

#if canImport(Glibc)
import Glibc
import RocfaultPlatform
#endif

extension DoctorFactReader {
    /// `kernel.release`, `distribution`, `cmdline` and its parameters, `amdgpu.module`, `kfd.version`,
    /// `firmware.dkms-overrides`, `container`.
    func kernelFacts() -> [String: DoctorFact] {
        var facts: [String: DoctorFact] = [:]
        let releasePath = path("proc/sys/kernel/osrelease")
        let release = FileIO.trimmed(releasePath)
        facts["kernel.release"] =
            release.map { .known($0, from: releasePath) } ?? .unknown("unreadable", source: releasePath)
        let osRelease = path("etc/os-release")
        if let name = FileIO.text(osRelease).flatMap({ TextParsing.equalsSeparatedPairs($0)["PRETTY_NAME"] }) {
            facts["distribution"] = .known(name, from: osRelease)
        }
        facts.merge(commandLineFacts(), uniquingKeysWith: { first, _ in first })
        facts.merge(moduleFacts(release: release), uniquingKeysWith: { first, _ in first })
        facts["kfd.version"] = kfdVersion()
        let updates = path("lib/firmware/updates/amdgpu")
        let overrides = FileIO.list(updates)
        facts["firmware.dkms-overrides"] =
            overrides.isEmpty ? .absent(from: updates) : .known(overrides.joined(separator: " "), from: updates)
        for marker in [".dockerenv", "run/.containerenv"] where FileIO.exists(path(marker)) {
            facts["container"] = .known(marker == ".dockerenv" ? "docker" : "podman", from: path(marker))
        }
        if facts["container"] == nil { facts["container"] = .absent(from: path(".dockerenv")) }
        return facts
    }

    /// `cmdline` (the whole line) and `cmdline.NAME` for every parameter (`cmdline.amdgpu.gttsize`).
    func commandLineFacts() -> [String: DoctorFact] {
        let source = path("proc/cmdline")
        guard let text = FileIO.trimmed(source) else { return ["cmdline": .unknown("unreadable", source: source)] }
        var facts: [String: DoctorFact] = ["cmdline": .known(text, from: source)]
        for parameter in KernelCommandLine.parameters(text) {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard let name = parts.first, !name.isEmpty else { continue }
            facts["cmdline." + name.replacingDashes] = .known(parts.count > 1 ? String(parts[1]) : "", from: source)
        }
        return facts
    }

    /// `amdgpu.module`: `dkms` when the module has a version (only out-of-tree builds set one) or a
    /// DKMS build sits under /lib/modules/RELEASE/updates/dkms; `in-tree` when loaded otherwise.
    func moduleFacts(release: String?) -> [String: DoctorFact] {
        let versionPath = path("sys/module/amdgpu/version")
        if let version = FileIO.trimmed(versionPath) {
            return [
                "amdgpu.module": .known("dkms", from: versionPath),
                "amdgpu.module-version": .known(version, from: versionPath),
            ]
        }
        if let release {
            let dkms = path("lib/modules/\(release)/updates/dkms")
            if let file = FileIO.list(dkms).first(where: { $0.hasPrefix("amdgpu.ko") }) {
                return [
                    "amdgpu.module": .known("dkms", from: dkms + "/" + file),
                    "amdgpu.module-version": .absent(from: versionPath),
                ]
            }
        }
        let loaded = path("sys/module/amdgpu")
        let version = DoctorFact.absent(from: versionPath)
        guard FileIO.isDirectory(loaded) else {
            return ["amdgpu.module": .absent(from: loaded), "amdgpu.module-version": version]
        }
        return [
            "amdgpu.module": .known("in-tree", from: loaded + " (no version file, no DKMS build)"),
            "amdgpu.module-version": version,
        ]
    }

    /// The KFD interface version from the `AMDKFD_IOC_GET_VERSION` ioctl on /dev/kfd (live only).
    func kfdVersion() -> DoctorFact {
        guard isLive else {
            return .unknown("read with an ioctl on /dev/kfd; not under --root", source: path("dev/kfd"))
        }
        let fd = open("/dev/kfd", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no /dev/kfd" : "cannot open /dev/kfd (\(String(cString: strerror(errno))))"
            return .unknown(reason, source: "/dev/kfd")
        }
        defer { close(fd) }
        var version: (UInt32, UInt32) = (0, 0)
        let request: UInt = 0x8008_4B01  // _IOR('K', 0x01, struct kfd_ioctl_get_version_args)
        guard ioctl(fd, request, &version) == 0 else {
            return .unknown("AMDKFD_IOC_GET_VERSION failed", source: "/dev/kfd")
        }
        return .known("\(version.0).\(version.1)", from: "/dev/kfd (AMDKFD_IOC_GET_VERSION)")
    }

    /// `env` and `env.NAME` for the `HSA_`, `HIP_`, `ROCM_`, `ROCR_`, `AMD_` and `GGML_` variables
    /// (names that look like secrets are skipped).
    func environmentFacts() -> [String: DoctorFact] {
        let entries: [String]
        let source: String
        if let pid {
            source = path("proc/\(pid)/environ")
            guard let bytes = FileIO.read(source) else {
                let reason = FileIO.exists(source) ? "needs root or the process's user" : "no such process"
                return ["env": .unknown(reason, source: source)]
            }
            entries = TextParsing.nulSeparated(bytes)
        } else {
            source = "environment of the calling shell"
            entries = environment
        }
        var facts: [String: DoctorFact] = ["env": .known("read", from: source)]
        let prefixes = ["HSA_", "HIP_", "ROCM_", "ROCR_", "AMD_", "GGML_"]
        for (name, value) in EnvironmentFilter.standard.filter(entries) where prefixes.contains(where: name.hasPrefix) {
            facts["env." + name] = .known(value, from: source)
        }
        return facts
    }
}

extension Substring {
    /// Kernel parameters treat `-` and `_` alike; keys use `_` (`amdgpu.cwsr_enable`).
    fileprivate var replacingDashes: String { String(map { $0 == "-" ? "_" : $0 }) }
}
