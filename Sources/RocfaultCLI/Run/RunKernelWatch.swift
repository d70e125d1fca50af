import Foundation
import RocfaultCore
import RocfaultPlatform
import RocfaultSources

/// Reads `/dev/kmsg` for exactly the run: opened at its end before the child starts, read to the
/// end after the child stops. Works where the kernel log is readable (root, or `dmesg_restrict=0`).
///
/// It decides nothing itself: what it read (one stretch from the opening to the run's end) and what
/// it lost (each hole between two records) go into a ``KernelLogCoverageLedger``, which judges the
/// run's incidents as it judges the daemon's.
final class RunKernelWatch {
    private let reader: KmsgReader?
    /// When the reader was opened: the start of the stretch read.
    private let opened: EventTime
    /// Why the kernel log could not be read directly, if it could not.
    let unavailableReason: String?
    /// How to get access, when `/dev/kmsg` exists but this user may not read it.
    private let access: String?

    init(path: String = "/dev/kmsg") {
        opened = SystemClock.now()
        do {
            reader = try KmsgReader(path: path, start: .end)
            unavailableReason = nil
            access = nil
        } catch {
            reader = nil
            unavailableReason = "\(error)"
            access = KernelLogAccess.kmsgDenied(path: path).map {
                $0.replacingOccurrences(of: "sudo rocfault check", with: "sudo rocfault run")
            }
        }
    }

    /// Whether the kernel log is being read.
    var isReading: Bool { reader != nil }

    /// Feeds the kernel records written during the run to `scanner`; returns the ledger of what was
    /// read until `end` and what was lost.
    func finish(into scanner: inout RunScanner, end: EventTime) -> KernelLogCoverageLedger {
        var recorder = KernelLogReadRecorder(source: "kmsg", opened: opened)
        guard let reader else {
            if let access { recorder.noteUnreadable(access) }
            return recorder.finish(at: end, opened: false)
        }
        let now = end.realtimeMicroseconds ?? 0
        while let event = try? reader.next() {
            switch event {
            case .gap(let gap): recorder.lost(reason: gap.reason.rawValue)
            case .record(let entry):
                if let monotonic = entry.record.monotonicMicroseconds {
                    recorder.read(monotonicMicroseconds: monotonic)
                }
                if entry.record.origin == .kernel { scanner.scan(kernelRecord: entry.record, now: now) }
            }
        }
        return recorder.finish(at: end)
    }
}
