/// How a GPU process is stuck, in the daemon's finer terms.
package enum HangKind: String, Sendable, Hashable, CaseIterable {
    /// A thread in uninterruptible sleep (`D`): stuck in the kernel.
    case blocked
    /// A thread spinning in user mode while the process moves no I/O (ROCr's busy wait).
    case busyWait = "busy-wait"
    /// Threads asleep in an ioctl on a KFD/DRM file descriptor (or an amdgpu wait channel) while
    /// the process moves no I/O: the GPU never signalled completion.
    case gpuWait = "gpu-wait"
}

/// One sample of a GPU process for hang watching: its identity, threads and I/O counters.
package struct ProcessActivity: Sendable, Hashable {
    /// The process id.
    package var pid: Int32
    /// Its start time (`stat` field 22), to tell pid reuse apart.
    package var startTime: UInt64
    /// Its command name.
    package var comm: String
    /// Its threads and I/O counters.
    package var sample: JobSample

    /// Creates a sample.
    package init(pid: Int32, startTime: UInt64, comm: String, sample: JobSample) {
        self.pid = pid
        self.startTime = startTime
        self.comm = comm
        self.sample = sample
    }
}

/// A GPU process that has been stuck for at least the hang threshold.
package struct ProcessHang: Sendable, Hashable {
    /// The process id.
    package var pid: Int32
    /// Its start time.
    package var startTime: UInt64
    /// Its command name.
    package var comm: String
    /// How it is stuck.
    package var kind: HangKind
    /// The stuck threads of that kind, as last sampled, sorted by thread id.
    package var threads: [ThreadActivity]
    /// When the longest-stuck of them was first seen stuck (monotonic clock).
    package var since: Duration
    /// The sample time this describes.
    package var time: Duration

    /// Creates a hang record.
    package init(
        pid: Int32,
        startTime: UInt64,
        comm: String,
        kind: HangKind,
        threads: [ThreadActivity],
        since: Duration,
        time: Duration
    ) {
        self.pid = pid
        self.startTime = startTime
        self.comm = comm
        self.kind = kind
        self.threads = threads
        self.since = since
        self.time = time
    }

    /// How long it has been stuck, in whole seconds.
    package var seconds: Int64 { (time - since).components.seconds }

    /// The line the daemon logs and ingests for the hang; the `rocfaultd.gpu-process-*` rules
    /// turn it into hang evidence of this process.
    package var line: String {
        let who = "GPU process \(comm) (pid \(pid))"
        let count = threads.count == 1 ? "1 thread" : "\(threads.count) threads"
        switch kind {
        case .blocked:
            let channel = threads.lazy.compactMap(\.waitChannel).first.map { ", in \($0)" } ?? ""
            return "\(who) blocked in uninterruptible sleep for \(seconds) s\(channel)"
        case .busyWait:
            return "\(who) busy-waiting for \(seconds) s: \(count) spinning in user mode, no I/O"
        case .gpuWait:
            let detail = threads.first.map { StallWatch.location(of: $0) } ?? "unknown"
            return "\(who) waiting on the GPU for \(seconds) s: \(count) asleep in \(detail), no I/O"
        }
    }

    /// The line for the end of the hang, `seconds` after it began: the process recovered, or
    /// exited while stuck. The `rocfaultd.gpu-process-hang-cleared` rule joins it to the incident.
    package func clearedLine(exited: Bool, afterSeconds seconds: Int64) -> String {
        let how = exited ? "the process exited while stuck" : "the process recovered"
        return "GPU process \(comm) (pid \(pid)) is no longer hung (\(kind.rawValue)) after \(seconds) s: \(how)"
    }
}
