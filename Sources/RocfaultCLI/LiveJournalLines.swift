import Dispatch
import Foundation
import RocfaultCore
import RocfaultSources

/// Journal entries of an incident's window that are still in the journal: the process's own lines
/// (or those `rocfault run` wrote for it), those of its children, and kernel lines, for a report's
/// excerpts (``IncidentJournalFilter``). Other people's lines are never read into a report.
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
        named: RocfaultFieldTrust.NamedProcess?,
        limit: Duration,
        mode: JournalOpenMode = .system
    ) -> Reading {
        let collector = Collector()
        let done = DispatchSemaphore(value: 0)
        Task {
            defer { done.signal() }
            let filter = IncidentJournalFilter(pid: pid, cgroup: cgroup, named: named)
            await collector.collect(bootID: bootID, window: window, filter: filter, limit: limit, mode: mode)
        }
        done.wait()
        return collector.reading
    }

    /// Gathers entries on the reader's task; read back after it signalled.
    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(record: LogRecord, relation: IncidentJournalFilter.Relation)] = []
        private var note = "the system journal"

        var reading: Reading {
            lock.withLock { Reading(records: IncidentJournalFilter.select(entries), note: note) }
        }

        func collect(
            bootID: String,
            window: ClosedRange<Int64>,
            filter: IncidentJournalFilter,
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
                    let relation = filter.relation(of: entry.record, sender: entry.sender, fields: entry.fields)
                    if relation != .unrelated { lock.withLock { entries.append((entry.record, relation)) } }
                }
            } catch {
                finish(note: "the system journal could not be read (\(error))")
            }
        }

        private func finish(note: String) { lock.withLock { self.note = note } }
    }
}
