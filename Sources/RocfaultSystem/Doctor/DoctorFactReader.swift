package import RocfaultCore

#if canImport(Glibc)
import Glibc
#endif

/// Gathers ``DoctorFacts`` from a machine: `/proc`, `/sys` (debugfs at `sys/kernel/debug`), `/etc`,
/// `/usr`, `/opt`, `/var/lib/dpkg`, `/lib/firmware` and `/dev` under `root`. What cannot be read is
/// recorded as unknown with the reason, never left out.
package struct DoctorFactReader: Sendable {
    /// The file-system root: `/` on the live machine, a fixture tree or a mounted image otherwise.
    package var root: String
    /// The process whose environment to read (`/proc/PID/environ`), or `nil` for `environment`.
    package var pid: Int32?
    /// The calling shell's environment (`KEY=value` entries), used when `pid` is `nil`.
    package var environment: [String]

    /// Creates a reader.
    package init(root: String = "/", pid: Int32? = nil, environment: [String] = []) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.pid = pid
        self.environment = environment
    }

    /// Whether this is the running machine rather than a tree under `--root`.
    package var isLive: Bool { root == "/" }

    /// The path of a machine path (`proc/cmdline`) under the root.
    func path(_ relative: String) -> String { isLive ? "/" + relative : root + "/" + relative }

    /// Reads everything.
    package func read() -> DoctorFacts {
        var facts = DoctorFacts()
        let packages = installedPackages()
        facts.machine.merge(kernelFacts(), uniquingKeysWith: { first, _ in first })
        facts.machine.merge(environmentFacts(), uniquingKeysWith: { first, _ in first })
        facts.machine.merge(rocmFacts(packages: packages), uniquingKeysWith: { first, _ in first })
        facts.machine.merge(graphicsFacts(packages: packages), uniquingKeysWith: { first, _ in first })
        facts.machine.merge(packages.facts, uniquingKeysWith: { first, _ in first })
        let gpus = GPUInventory(sysfsRoot: path("sys")).amdDevices()
        facts.gpus = gpus.map(gpuFacts)
        facts.machine.merge(accessFacts(gpus: gpus), uniquingKeysWith: { first, _ in first })
        return facts
    }
}
