import Dispatch
import Foundation
import RocfaultCore
import RocfaultSources

/// Journal entries of an incident's window that are still in the journal: the process's own lines
/// (or those `rocfault run` wrote for it) and kernel lines, for a report's excerpts.
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
        limit: Duration,
        mode: JournalOpenMode = .system
    ) -> Reading {
        let collector = Collector()
        let done = DispatchSemaphore(value: 0)
        Task {
            defer { done.signal() }
            await collector.collect(bootID: bootID, window: window, pid: pid, limit: limit, mode: mode)
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
            pid: Int32?,
            limit: Duration,
            mode: JournalOpenMode
        ) async {
            let clock = ContinuousClock()
            let deadline = clock.now + limit
            if case .directory(let path) = mode { finish(note: "the journal files in \(path)") }
            do {
                let reader = try await JournalReader(
                    mode: mode,
                    start: .bootFrom(bootID, realtimeMicroseconds: UInt64(max(window.lowerBound, 0))),
                    options: JournalReaderOptions(follow: false, threadName: "rocfault-report")
                )
                defer { reader.stop() }
                for try await entry in reader.entries {
                    if clock.now > deadline {
                        finish(note: "the system journal (stopped after \(limit) before the end of the window)")
                        return
                    }
                    guard let time = entry.record.realtimeMicroseconds, time >= window.lowerBound else { continue }
                    if time > window.upperBound { break }
                    if wanted(entry, pid: pid) { lock.withLock { records.append(entry.record) } }
                }
            } catch {
                finish(note: "the system journal could not be read (\(error))")
            }
        }

        private func finish(note: String) { lock.withLock { self.note = note } }

        private func wanted(_ entry: JournalEntry, pid: Int32?) -> Bool {
            if entry.record.origin == .kernel { return true }
            guard let pid else { return false }
            return entry.record.pid == pid || entry.fields["ROCFAULT_PID"] == String(pid)
        }
    }
}
