public import RocfaultCore

/// What the daemon learned about a GPU-using process.
///
/// Recording a process whose ``key`` is already stored merges: a field given here (non-nil,
/// non-empty) replaces the stored one, a nil or empty field keeps it; ``firstSeen`` keeps the
/// stored value once one is known.
public struct ProcessRecord: Sendable, Hashable {
    /// Which process.
    public var key: ProcessKey
    /// Command name (`/proc/PID/comm`).
    public var comm: String?
    /// Executable path.
    public var exe: String?
    /// Command line arguments.
    public var cmdline: [String]
    /// The systemd unit it ran in.
    public var unit: String?
    /// Its cgroup path.
    public var cgroup: String?
    /// GPU device nodes it had open (`/dev/kfd`, `/dev/dri/renderD128`).
    public var gpuNodes: [String]
    /// Versions of the GPU libraries it had mapped, by library name.
    public var libraryVersions: [String: String]
    /// Environment variables, already reduced to an allow-list by the caller.
    public var environment: [String: String]
    /// When the daemon first saw it.
    public var firstSeen: EventTime
    /// When it exited, once known.
    public var exitTime: EventTime?
    /// The signal that ended it, if one did.
    public var exitSignal: Int32?
    /// The stack trace from its core dump, if systemd-coredump recorded one.
    public var coredumpStack: String?

    /// Creates a record.
    public init(
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
