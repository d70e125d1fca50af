import RocfaultPlatform
/// Reads the processes KFD knows (`<sysfs>/class/kfd/kfd/proc/<pid>`) and their PASIDs.
///
/// Older kernels write the PASID to `proc/<pid>/pasid`. Kernels with one PASID per GPU keep that
/// file (reading `0`) and give `pasid_<gpu_id>` files, in sysfs or in debugfs
/// (`<sysfs>/kernel/debug/kfd/proc/<pid>`). All three are read; zero means unknown.
package struct KFDProcessList: Sendable {
    /// The sysfs mount point.
    package var sysfsRoot: String

    /// Creates a reader.
    package init(sysfsRoot: String = "/sys") {
        self.sysfsRoot = sysfsRoot
    }

    /// PASIDs by pid, for every process KFD lists (a process may have none readable).
    package func entries() -> [Int32: [UInt32]] {
        var result: [Int32: [UInt32]] = [:]
        for name in FileIO.list(sysfsRoot + "/class/kfd/kfd/proc") {
            guard let pid = Int32(name), pid > 0 else { continue }
            result[pid] = pasids(of: pid)
        }
        return result
    }

    /// The non-zero PASIDs of one process, sorted.
    package func pasids(of pid: Int32) -> [UInt32] {
        let directories = [sysfsRoot + "/class/kfd/kfd/proc/\(pid)", sysfsRoot + "/kernel/debug/kfd/proc/\(pid)"]
        var found: Set<UInt32> = []
        for directory in directories {
            for file in FileIO.list(directory) where file == "pasid" || file.hasPrefix("pasid_") {
                if let value = FileIO.trimmed(directory + "/" + file).flatMap({ UInt32($0) }), value != 0 {
                    found.insert(value)
                }
            }
        }
        return found.sorted()
    }
}
