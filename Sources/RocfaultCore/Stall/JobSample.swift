/// What one thread of a watched job was doing when it was sampled.
package struct ThreadActivity: Sendable, Hashable {
    /// The process the thread belongs to.
    package var pid: Int32
    /// The thread id.
    package var tid: Int32
    /// The thread's name (`comm`).
    package var name: String
    /// The scheduler state letter (`R`, `S`, `D`, `T`...).
    package var state: Character
    /// User plus system CPU time so far, in clock ticks.
    package var cpuTicks: UInt64
    /// The kernel function it sleeps in, when known.
    package var waitChannel: String?
    /// The system call it is in (`ioctl`, `futex`...), when known.
    package var syscall: String?
    /// For an ioctl, the file its descriptor names (`/dev/kfd`), when known.
    package var ioctlTarget: String?
    /// For an ioctl on a DRM node, the driver its `fdinfo` names (`amdgpu`), when known.
    package var ioctlDriver: String?

    /// Creates a thread record.
    package init(
        pid: Int32,
        tid: Int32,
        name: String,
        state: Character,
        cpuTicks: UInt64,
        waitChannel: String? = nil,
        syscall: String? = nil,
        ioctlTarget: String? = nil,
        ioctlDriver: String? = nil
    ) {
        self.pid = pid
        self.tid = tid
        self.name = name
        self.state = state
        self.cpuTicks = cpuTicks
        self.waitChannel = waitChannel
        self.syscall = syscall
        self.ioctlTarget = ioctlTarget
        self.ioctlDriver = ioctlDriver
    }

    /// Whether the thread sleeps in a GPU wait: an ioctl on the KFD or a DRM node, or an
    /// amdgpu/KFD/fence wait channel.
    package var isInGPUWait: Bool {
        if syscall == "ioctl", let target = ioctlTarget, target == "/dev/kfd" || target.hasPrefix("/dev/dri/") {
            return true
        }
        guard let channel = waitChannel else { return false }
        return ["amdgpu", "kfd", "dma_fence", "svm_range"].contains { channel.contains($0) }
    }
}

/// The job's threads and I/O counters at one moment.
package struct JobSample: Sendable, Hashable {
    /// Every thread of the job's processes.
    package var threads: [ThreadActivity]
    /// Bytes read and written by the job's processes so far (`rchar + wchar`), when readable.
    package var ioBytes: UInt64?

    /// Creates a sample.
    package init(threads: [ThreadActivity], ioBytes: UInt64?) {
        self.threads = threads
        self.ioBytes = ioBytes
    }
}
