#if canImport(Glibc)
import Glibc
import RocfaultPlatform
#endif

/// `--metrics-file`: writes ``DaemonMetrics`` in Prometheus text format for node_exporter's textfile
/// collector. The file is replaced atomically (a temporary file in the same directory, renamed
/// over it), so a scrape never reads half a file; when to write is ``StateMachine``'s decision.
/// Used by the processing loop only.
final class MetricsWriter {
    /// Writes are at least this far apart.
    static let minimumInterval: Duration = .seconds(5)

    let path: String
    var machine = StateMachine(minimumInterval: MetricsWriter.minimumInterval)
    /// When the daemon started (µs since the epoch).
    let startTime: Int64
    /// Failed commits since the daemon started.
    var storeWriteErrors = 0
    /// The cheap live values last seen (processes, hangs, rules, kmsg losses), to tell a change.
    var liveValues: [Int] = []
    /// What the file holds now; an equal collection is not written again.
    private(set) var lastWritten: DaemonMetrics?

    init(path: String, startTime: Int64) {
        self.path = path
        self.startTime = startTime
    }

    /// Writes `metrics` unless the file already shows the same (CPU and memory aside); returns
    /// whether it wrote.
    @discardableResult
    func write(_ metrics: DaemonMetrics) throws(MetricsWriteError) -> Bool {
        if metrics == lastWritten { return false }
        try Self.replace(path, with: metrics.prometheusText())
        lastWritten = metrics
        return true
    }

    /// Writes `text` to a temporary file next to `path` and renames it over `path`. The temporary
    /// name does not end in `.prom`, so the textfile collector never reads it.
    static func replace(_ path: String, with text: String) throws(MetricsWriteError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = (directory.isEmpty ? "" : directory) + "/." + name + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw MetricsWriteError(path: temporary, errno: errno) }
        do {
            try Array(text.utf8).withUnsafeBytes { try FileIO.writeAll($0, to: descriptor) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw MetricsWriteError(path: temporary, errno: (error as? SystemCallError)?.errno ?? EIO)
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let number = errno
            unlink(temporary)
            throw MetricsWriteError(path: path, errno: number)
        }
    }

    /// The daemon's user and system CPU seconds and resident bytes.
    static func ownUsage() -> (cpuSeconds: Double, residentBytes: Int64) {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
        return (cpu, residentPages() * Int64(sysconf(Int32(_SC_PAGESIZE))))
    }

    /// The second field of `/proc/self/statm`: resident pages.
    private static func residentPages() -> Int64 {
        let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return 0 }
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1 else { return 0 }
        return Int64(String(decoding: fields[1], as: UTF8.self)) ?? 0
    }
}

/// The metrics file could not be written.
struct MetricsWriteError: Error, CustomStringConvertible {
    /// The file that failed.
    let path: String
    /// The `errno` of the failing call.
    let code: Int32

    init(path: String, errno code: Int32) {
        self.path = path
        self.code = code
    }

    var description: String { "\(path): \(String(cString: strerror(code)))" }
}
