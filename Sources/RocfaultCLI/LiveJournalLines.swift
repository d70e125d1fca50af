import Dispatch
import Foundation
import RocfaultCore
import RocfaultSources

/// Journal entries of an incident's window that are still in the journal: the process's own lines
/// (or those `rocfault run` wrote for it), those of its children (entries of its cgroup), and
/// kernel lines, for a report's excerpts. Other processes' lines are never read into a report.
///
/// Reading seeks to the window's start within the boot and stops at its end, or at `limit`
/// (a window crowded with entries), which the note says.
enum LiveJournalLines {
    struct Reading {
        var records: [LogRecord]
        var note: String
    }

    static func read(
        bootID: String,
        window: ClosedRange<Int64>,
        pid: Int32?,
        cgroup: String?,
        limit: Duration
    ) -> Reading {
        let collector = Collector()
        let done = DispatchSemaphore(value: 0)
        Task {
            defer { done.signal() }
            await collector.collect(bootID: bootID, window: window, process: (pid, cgroup), limit: limit)
        }
        done.wait()
        return collector.reading
    }

    /// Gathers entries on the reader's task; read back after it signalled.
    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var records: [LogRecord] = []
        private var note = "the system journal"

        var reading: Reading { lock.withLock { Reading(records: records, note: note) } }

        func collect(
            bootID: String,
            window: ClosedRange<Int64>,
            process: (pid: Int32?, cgroup: String?),
            limit: Duration
        ) async {
            let clock = ContinuousClock()
            let deadline = clock.now + limit
            do {
                let reader = try await JournalReader(
                    mode: .system,
                    start: .bootFrom(bootID, realtimeMicroseconds: UInt64(max(window.lowerBound, 0))),
                    options: JournalReaderOptions(
                        follow: false,
                        extraFieldNames: JournalReaderOptions.defaultExtraFieldNames.union(["_SYSTEMD_CGROUP"]),
                        threadName: "rocfault-report"
                    )
                )
                defer { reader.stop() }
                for try await entry in reader.entries {
                    if clock.now > deadline {
                        finish(note: "the system journal (stopped after \(limit) before the end of the window)")
                        return
                    }
                    guard let time = entry.record.realtimeMicroseconds, time >= window.lowerBound else { continue }
                    if time > window.upperBound { break }
                    if wanted(entry, process: process) { lock.withLock { records.append(entry.record) } }
                }
            } catch {
                finish(note: "the system journal could not be read (\(error))")
            }
        }

        private func finish(note: String) { lock.withLock { self.note = note } }

        private func wanted(_ entry: JournalEntry, process: (pid: Int32?, cgroup: String?)) -> Bool {
            if entry.record.origin == .kernel { return true }
            if let cgroup = process.cgroup, cgroup.count > 1, entry.fields["_SYSTEMD_CGROUP"] == cgroup { return true }
            guard let pid = process.pid else { return false }
            return entry.record.pid == pid || entry.fields["ROCFAULT_PID"] == String(pid)
        }
    }
}
