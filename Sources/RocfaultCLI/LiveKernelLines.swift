import RocfaultCore
import RocfaultSources

/// Kernel lines still in the `/dev/kmsg` ring buffer for a time window of the current boot, for
/// report excerpts and for `rocfault run` without a daemon.
enum LiveKernelLines {
    /// What was read.
    struct Reading {
        /// The records in the window.
        var records: [LogRecord]
        /// Whether the ring still held the window's start and nothing was lost in between.
        var complete: Bool
        /// For people: where the lines came from, or why there are none.
        var note: String
    }

    /// Reads records with monotonic times in `window` (microseconds since boot).
    static func read(window: ClosedRange<UInt64>, path: String = "/dev/kmsg") -> Reading {
        let reader: KmsgReader
        do {
            reader = try KmsgReader(path: path, start: .beginning)
        } catch {
            return Reading(records: [], complete: false, note: "\(path) not readable (\(error))")
        }
        var records: [LogRecord] = []
        var oldest: UInt64?
        var lost = false
        while let event = try? reader.next() {
            switch event {
            case .gap(let gap):
                if oldest != nil || gap.reason != .lostBeforeStart { lost = true }
            case .record(let entry):
                guard let time = entry.record.monotonicMicroseconds else { continue }
                if oldest == nil { oldest = time }
                if window.contains(time) { records.append(entry.record) }
                if time > window.upperBound { return finish(records, oldest, lost, window, path) }
            }
        }
        return finish(records, oldest, lost, window, path)
    }

    private static func finish(
        _ records: [LogRecord],
        _ oldest: UInt64?,
        _ lost: Bool,
        _ window: ClosedRange<UInt64>,
        _ path: String
    ) -> Reading {
        let startKept = (oldest ?? .max) <= window.lowerBound
        let complete = startKept && !lost
        let note = complete ? "\(path) (ring buffer)" : "\(path) (ring buffer; it no longer holds the whole window)"
        return Reading(records: records, complete: complete, note: note)
    }
}
