package import RocfaultCore

/// A process seen using a GPU, with what was learnt about it when it was first seen.
package struct GPUProcess: Sendable, Hashable, Codable {
    /// The process id.
    package var pid: Int32
    /// Start time in clock ticks after boot; `(pid, startTime)` identifies the process across pid reuse.
    package var startTime: UInt64
    /// The parent process id.
    package var parentPID: Int32?
    /// The command name (`/proc/<pid>/stat`), at most 15 characters.
    package var comm: String
    /// The executable path, when readable.
    package var exe: String?
    /// The arguments, split at NUL bytes.
    package var cmdline: [String]
    /// The unified (or systemd) cgroup path: `/system.slice/ollama.service`.
    package var cgroup: String?
    /// The systemd unit from the cgroup path: `ollama.service`, `session-2.scope`.
    package var unit: String?
    /// The GPU nodes it had open (`/dev/kfd`, `/dev/dri/renderD128`), accumulated over scans.
    package var devices: [String]
    /// The GPU address-space ids KFD gave it.
    package var pasids: [UInt32]
    /// Whether KFD lists it (it opened `/dev/kfd` and created a process context).
    package var inKFD: Bool
    /// GPU runtime libraries it mapped, accumulated over scans.
    package var libraries: [RuntimeLibrary]
    /// The allow-listed variables of its initial environment; never secrets.
    package var environment: [String: String]
    /// Regular files its stdout or stderr went to when first seen (read after a crash for its last
    /// messages, which never reached the journal).
    package var outputFiles: [String]
    /// When rocfault first saw it using a GPU.
    package var firstSeen: EventTime
    /// When a scan last saw it using a GPU.
    package var lastSeen: EventTime

    /// Creates a record.
    package init(
        pid: Int32,
        startTime: UInt64,
        parentPID: Int32? = nil,
        comm: String,
        exe: String? = nil,
        cmdline: [String] = [],
        cgroup: String? = nil,
        unit: String? = nil,
        devices: [String] = [],
        pasids: [UInt32] = [],
        inKFD: Bool = false,
        libraries: [RuntimeLibrary] = [],
        environment: [String: String] = [:],
        outputFiles: [String] = [],
        firstSeen: EventTime = EventTime(),
        lastSeen: EventTime = EventTime()
    ) {
        self.pid = pid
        self.startTime = startTime
        self.parentPID = parentPID
        self.comm = comm
        self.exe = exe
        self.cmdline = cmdline
        self.cgroup = cgroup
        self.unit = unit
        self.devices = devices
        self.pasids = pasids
        self.inKFD = inKFD
        self.libraries = libraries
        self.environment = environment
        self.outputFiles = outputFiles
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// The version of one runtime library (`libamdhip64`), when it is mapped with one.
    package func libraryVersion(_ name: String) -> String? {
        libraries.first { $0.name == name && $0.version != nil }?.version
    }
}
