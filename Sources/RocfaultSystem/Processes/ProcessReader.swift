import RocfaultPlatform
/// Reads the parts of `/proc/<pid>` that the scanner records. Every read tolerates the process
/// exiting in between, or a file that cannot be read.
struct ProcessReader: Sendable {
    /// The procfs mount point.
    var procRoot: String

    private func path(_ pid: Int32, _ file: String) -> String { "\(procRoot)/\(pid)/\(file)" }

    /// The numeric entries of the procfs root.
    func pids() -> [Int32] {
        FileIO.list(procRoot).compactMap { Int32($0) }.filter { $0 > 0 }
    }

    /// The open files of a process that the matcher calls GPU nodes, sorted and unique.
    func gpuFiles(_ pid: Int32, matcher: DeviceMatcher) -> [String] {
        let directory = path(pid, "fd")
        var found: Set<String> = []
        for fd in FileIO.list(directory) {
            if let target = FileIO.readLink(directory + "/" + fd), matcher.matches(target) {
                found.insert(target)
            }
        }
        return found.sorted()
    }

    func stat(_ pid: Int32) -> ProcStat? { ProcStat(path: path(pid, "stat")) }

    /// The regular files its stdout and stderr go to (a redirect, a log file), without repeats.
    func outputFiles(_ pid: Int32) -> [String] {
        var files: [String] = []
        for fd in ["fd/1", "fd/2"] where FileIO.isRegularFile(path(pid, fd)) {
            if let target = FileIO.readLink(path(pid, fd)), target.hasPrefix("/"), !files.contains(target) {
                files.append(target)
            }
        }
        return files
    }

    func exe(_ pid: Int32) -> String? { FileIO.readLink(path(pid, "exe")) }

    func cmdline(_ pid: Int32) -> [String] {
        FileIO.read(path(pid, "cmdline"), limit: 128 * 1024).map(TextParsing.nulSeparated) ?? []
    }

    func cgroup(_ pid: Int32) -> String? {
        FileIO.text(path(pid, "cgroup"), limit: 64 * 1024).flatMap(CgroupPath.parse)
    }

    func environment(_ pid: Int32, filter: EnvironmentFilter) -> [String: String] {
        let entries = FileIO.read(path(pid, "environ"), limit: 512 * 1024).map(TextParsing.nulSeparated) ?? []
        return filter.filter(entries)
    }

    func libraries(_ pid: Int32) -> [RuntimeLibrary] {
        FileIO.text(path(pid, "maps"), limit: 16 << 20).map(RuntimeLibrary.fromMaps) ?? []
    }
}
