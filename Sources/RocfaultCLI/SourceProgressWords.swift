import RocfaultCore

/// A source's progress as `rocfault status` says it: behind by how much, in plain words.
struct SourceProgressWords {
    let progress: SourceProgress
    let daemonRunning: Bool
    /// The time of the newest line read, microseconds since the epoch.
    let readUpTo: Int64?
    let now: Int64

    var text: String {
        let last = readUpTo.map { "last read at \(LocalTime.text(microseconds: $0)) (\(age($0)) ago)" }
        guard daemonRunning else {
            return "not being read: rocfaultd is not running" + (last.map { "; \($0)" } ?? "")
        }
        switch progress {
        case .upToDate: return "up to date"
        case .recordsBehind(let count):
            return "behind: \(count) kernel message\(count == 1 ? "" : "s") not read yet"
        case .secondsBehind(let seconds):
            return "behind: the newest \(LocalTime.age(seconds: seconds)) of the journal not read yet"
        case .earlierBoot: return "nothing read in this boot yet (last read in an earlier boot)"
        case .notMeasured: return "read as lines arrive" + (last.map { "; \($0)" } ?? "")
        }
    }

    /// Behind, or not read at all: worth a second look.
    var isWarning: Bool {
        guard daemonRunning else { return true }
        switch progress {
        case .upToDate, .notMeasured: return false
        case .recordsBehind, .secondsBehind, .earlierBoot: return true
        }
    }

    private func age(_ microseconds: Int64) -> String {
        LocalTime.age(seconds: Double(now - microseconds) / 1_000_000)
    }
}
