import RocfaultCore
import RocfaultSources

/// Reads `/dev/kmsg` for exactly the run: opened at its end before the child starts, read to the
/// end after the child stops. Works where the kernel log is readable (root, or `dmesg_restrict=0`).
final class RunKernelWatch {
    private let reader: KmsgReader?
    /// Why the kernel log could not be read directly, if it could not.
    let unavailableReason: String?

    init(path: String = "/dev/kmsg") {
        do {
            reader = try KmsgReader(path: path, start: .end)
            unavailableReason = nil
        } catch {
            reader = nil
            unavailableReason = "\(error)"
        }
    }

    /// Whether the kernel log is being read.
    var isReading: Bool { reader != nil }

    /// Feeds the kernel records written during the run to `scanner`; returns the coverage.
    func finish(into scanner: inout RunScanner, now: Int64) -> KernelLogCoverage {
        guard let reader else { return .notProvided }
        var lost = false
        while let event = try? reader.next() {
            switch event {
            case .gap: lost = true
            case .record(let entry) where entry.record.origin == .kernel:
                scanner.scan(kernelRecord: entry.record, now: now)
            case .record: continue
            }
        }
        return lost ? .gap : .covered
    }
}
