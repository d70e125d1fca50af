package import RocfaultCore
import RocfaultPlatform

#if canImport(Glibc)
import Glibc
#endif

/// Reads what a job's processes and threads are doing from `<procRoot>`: state, CPU time, wait
/// channel and system call of every thread of the process and its descendants, and their I/O
/// byte counters. The thin reader behind `rocfault run --stall-after`.
package struct JobSampler: Sendable {
    /// Where procfs is mounted.
    package var procRoot: String

    /// Creates a sampler.
    package init(procRoot: String = "/proc") { self.procRoot = procRoot }

    /// Clock ticks per second of `stat`'s CPU times.
    package static var ticksPerSecond: Int { Int(sysconf(Int32(_SC_CLK_TCK))) }

    /// Samples the process and its descendants; `nil` when the process is gone.
    package func sample(pid: Int32) -> JobSample? {
        guard FileIO.exists("\(procRoot)/\(pid)/stat") else { return nil }
        var threads: [ThreadActivity] = []
        var io: UInt64? = 0
        for process in family(of: pid) {
            threads += self.threads(of: process)
            if let bytes = ioBytes(of: process) { io = io.map { $0 + bytes } } else { io = nil }
        }
        return JobSample(threads: threads, ioBytes: io)
    }

    /// Samples one process (not its children) for the daemon's hang watch; `nil` when it is gone.
    package func activity(pid: Int32) -> ProcessActivity? {
        guard let stat = ProcStat(path: "\(procRoot)/\(pid)/stat") else { return nil }
        let sample = JobSample(threads: threads(of: pid), ioBytes: ioBytes(of: pid))
        return ProcessActivity(pid: pid, startTime: stat.startTime, comm: stat.comm, sample: sample)
    }

    /// The process and its descendants, through `task/*/children` (breadth first, at most 256).
    func family(of pid: Int32) -> [Int32] {
        var found = [pid]
        var index = 0
        while index < found.count && found.count < 256 {
            let tasks = "\(procRoot)/\(found[index])/task"
            for tid in FileIO.list(tasks) {
                let children = FileIO.text("\(tasks)/\(tid)/children") ?? ""
                found += children.split(separator: " ").compactMap { Int32($0.trimmedWhitespace) }
            }
            index += 1
        }
        return found
    }

    func threads(of pid: Int32) -> [ThreadActivity] {
        let tasks = "\(procRoot)/\(pid)/task"
        return FileIO.list(tasks).compactMap { name in
            guard let tid = Int32(name), let stat = FileIO.text("\(tasks)/\(name)/stat"),
                var thread = Self.parse(stat: stat, pid: pid)
            else { return nil }
            thread.waitChannel = FileIO.trimmed("\(tasks)/\(name)/wchan").flatMap { $0 == "0" || $0.isEmpty ? nil : $0 }
            let call = FileIO.trimmed("\(tasks)/\(name)/syscall").map { Self.parse(syscall: $0) }
            thread.syscall = call?.name
            if thread.syscall == "ioctl", let fd = call?.firstArgument {
                thread.ioctlTarget = FileIO.readLink("\(procRoot)/\(pid)/fd/\(fd)")
                thread.ioctlDriver = FileIO.text("\(procRoot)/\(pid)/fdinfo/\(fd)").flatMap {
                    Self.drmDriver(fdinfo: $0)
                }
            }
            thread.tid = tid
            return thread
        }
    }

    func ioBytes(of pid: Int32) -> UInt64? {
        guard let text = FileIO.text("\(procRoot)/\(pid)/io") else { return nil }
        var total: UInt64 = 0
        // Any counter moving is progress: rchar/wchar (every read and write, pipes included) and
        // read_bytes/write_bytes (storage, which page-cache and mmap reads reach only here).
        let counters = ["rchar:", "wchar:", "read_bytes:", "write_bytes:"]
        for line in text.split(separator: "\n") where counters.contains(where: { line.hasPrefix($0) }) {
            total += UInt64(line.split(separator: ":").last?.trimmedWhitespace ?? "") ?? 0
        }
        return total
    }

    /// Parses a thread's `stat`: comm, state, utime + stime (fields 14 and 15).
    static func parse(stat line: String, pid: Int32) -> ThreadActivity? {
        guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close,
            let tid = Int32(line[..<open].trimmedWhitespace)
        else { return nil }
        let rest = line[line.index(after: close)...].split(separator: " ")
        guard rest.count > 12, let state = rest[0].first, let user = UInt64(rest[11]), let system = UInt64(rest[12])
        else { return nil }
        let name = String(line[line.index(after: open)..<close])
        return ThreadActivity(pid: pid, tid: tid, name: name, state: state, cpuTicks: user + system)
    }

    /// The `drm-driver` of a DRM file's `fdinfo` (`amdgpu`); nil for other files.
    static func drmDriver(fdinfo text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("drm-driver:") {
            return String(line.dropFirst("drm-driver:".count).trimmedWhitespace)
        }
        return nil
    }

    /// Parses `syscall`: "running", "-1 ..." (blocked, not in a call) or "NR arg0 ...".
    static func parse(syscall text: String) -> (name: String?, firstArgument: Int?) {
        let fields = text.split(separator: " ")
        guard let first = fields.first, let number = Int(first), number >= 0 else { return (nil, nil) }
        let argument = fields.count > 1 ? Int(fields[1].dropFirst(2), radix: 16) : nil
        return (SyscallNames.name(number), argument)
    }
}

/// Names of the system calls a waiting thread is usually in, for this architecture.
enum SyscallNames {
    static func name(_ number: Int) -> String {
        table[number] ?? "syscall \(number)"
    }

    #if arch(x86_64)
    private static let table: [Int: String] = [
        0: "read", 1: "write", 7: "poll", 16: "ioctl", 23: "select", 24: "sched_yield", 35: "nanosleep",
        61: "wait4", 202: "futex", 230: "clock_nanosleep", 232: "epoll_wait", 270: "pselect6", 271: "ppoll",
        281: "epoll_pwait",
    ]
    #elseif arch(arm64)
    private static let table: [Int: String] = [
        22: "epoll_pwait", 29: "ioctl", 63: "read", 64: "write", 72: "pselect6", 73: "ppoll", 98: "futex",
        101: "nanosleep", 115: "clock_nanosleep", 124: "sched_yield", 260: "wait4",
    ]
    #else
    private static let table: [Int: String] = [:]
    #endif
}
