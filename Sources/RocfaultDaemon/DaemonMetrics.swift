import RocfaultCore
import RocfaultStore

/// Everything the metrics file shows, collected at one moment (docs/metrics.md).
struct DaemonMetrics: Equatable {
    /// A source's coverage and losses, from the store.
    struct Source: Equatable {
        var name: String
        /// Wall-clock time (µs) up to which the source's latest coverage interval reaches.
        var coveredUntil: Int64?
        var gaps: Int
    }

    /// Stored incidents by side, class, first known issue and state.
    var incidents: [IncidentTotal] = []
    var gpuProcesses = 0
    var stalledProcesses = 0
    var sources: [Source] = []
    /// Whether the kernel log is read now (the coverage an incident of this moment would get).
    var kernelLogCoverage: KernelLogCoverage = .notProvided
    /// Kernel log records lost while reading since the daemon started.
    var kernelLogRecordsLost: UInt64 = 0
    var rulesLoaded = 0
    /// Match-limit hits per rule, the store's totals.
    var matchLimitHits: [String: Int] = [:]
    var storeSizeBytes: Int64 = 0
    /// Failed commits since the daemon started.
    var storeWriteErrors = 0
    /// When the daemon started (µs since the epoch).
    var startTime: Int64 = 0
    /// The daemon's CPU time (user and system) and resident memory; left out of comparisons, since
    /// they change all the time and a file is written only when something else changed.
    var cpuSeconds: Double = 0
    var residentBytes: Int64 = 0

    static func == (left: DaemonMetrics, right: DaemonMetrics) -> Bool {
        var left = left
        var right = right
        (left.cpuSeconds, left.residentBytes) = (0, 0)
        (right.cpuSeconds, right.residentBytes) = (0, 0)
        return left.incidents == right.incidents && left.gpuProcesses == right.gpuProcesses
            && left.stalledProcesses == right.stalledProcesses && left.sources == right.sources
            && left.kernelLogCoverage == right.kernelLogCoverage
            && left.kernelLogRecordsLost == right.kernelLogRecordsLost && left.rulesLoaded == right.rulesLoaded
            && left.matchLimitHits == right.matchLimitHits && left.storeSizeBytes == right.storeSizeBytes
            && left.storeWriteErrors == right.storeWriteErrors && left.startTime == right.startTime
    }
}
