package import RocfaultCore

/// What the daemon learned about a GPU-using process.
///
/// Recording a process whose ``key`` is already stored merges: a field given here (non-nil,
/// non-empty) replaces the stored one, a nil or empty field keeps it; ``firstSeen`` keeps the
/// stored value once one is known.
package struct ProcessRecord: Sendable, Hashable {
    /// Which process.
    package var key: ProcessKey
    /// Command name (`/proc/PID/comm`).
    package var comm: String?
    /// Executable path.
    package var exe: String?
    /// Command line arguments.
    package var cmdline: [String]
    /// The systemd unit it ran in.
    package var unit: String?
    /// Its cgroup path.
    package var cgroup: String?
    /// GPU device nodes it had open (`/dev/kfd`, `/dev/dri/renderD128`).
    package var gpuNodes: [String]
    /// Versions of the GPU libraries it had mapped, by library name.
    package var libraryVersions: [String: String]
    /// Environment variables, already reduced to an allow-list by the caller.
    package var environment: [String: String]
    /// When the daemon first saw it.
    package var firstSeen: EventTime
    /// When it exited, once known.
    package var exitTime: EventTime?
    /// The signal that ended it, if one did.
    package var exitSignal: Int32?
    /// The stack trace from its core dump, if systemd-coredump recorded one.
    package var coredumpStack: String?

    /// Creates a record.
    package init(
        key: ProcessKey,
        comm: String? = nil,
        exe: String? = nil,
        cmdline: [String] = [],
        unit: String? = nil,
        cgroup: String? = nil,
        gpuNodes: [String] = [],
        libraryVersions: [String: String] = [:],
        environment: [String: String] = [:],
        firstSeen: EventTime = EventTime(),
        exitTime: EventTime? = nil,
        exitSignal: Int32? = nil,
        coredumpStack: String? = nil
    ) {
        self.key = key
        self.comm = comm
        self.exe = exe
        self.cmdline = cmdline
        self.unit = unit
        self.cgroup = cgroup
        self.gpuNodes = gpuNodes
        self.libraryVersions = libraryVersions
        self.environment = environment
        self.firstSeen = firstSeen
        self.exitTime = exitTime
        self.exitSignal = exitSignal
        self.coredumpStack = coredumpStack
    }
}
