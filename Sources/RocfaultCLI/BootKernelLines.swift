import Dispatch
import Foundation
import RocfaultCore
import RocfaultReport
import RocfaultSources

/// The boot's amdgpu/amdkfd/drm kernel lines up to an incident, for a report's `kernel.log`: read
/// from the journal's kernel entries of that boot and, for the current boot, from the `/dev/kmsg`
/// ring buffer. Selection and the size cap are ``BootKernelLog``'s.
enum BootKernelLines {
    /// Reads what is still there; nil when neither source could be read.
    static func read(
        bootID: String,
        upTo end: EventTime,
        journal mode: JournalOpenMode,
        limit: Duration,
        kmsgPath: String = "/dev/kmsg"
    ) -> BootKernelLog? {
        var records: [LogRecord] = []
        var sources: [String] = []
        if let journal = JournalPart.read(bootID: bootID, upTo: end, mode: mode, limit: limit) {
            records += journal.records
            sources.append(journal.note)
        }
        if bootID == (try? JournalBoot.currentID()), let last = end.monotonicMicroseconds {
            let ring = LiveKernelLines.read(window: 0...last, path: kmsgPath)
            if !ring.records.isEmpty || ring.complete {
                records += ring.records.filter { BootKernelLog.isDriverLine($0.text) }
                sources.append(ring.note)
            }
        }
        guard !sources.isEmpty else { return nil }
        return BootKernelLog.select(records, upTo: end, source: sources.joined(separator: " and "))
    }

    /// The journal's kernel entries of the boot up to the incident.
    private final class JournalPart: @unchecked Sendable {
        private let lock = NSLock()
        private var records: [LogRecord] = []
        private var note: String?

        static func read(
            bootID: String,
            upTo end: EventTime,
            mode: JournalOpenMode,
            limit: Duration
        ) -> (records: [LogRecord], note: String)? {
            let part = JournalPart()
            let done = DispatchSemaphore(value: 0)
            Task {
                defer { done.signal() }
                await part.collect(bootID: bootID, upTo: end, mode: mode, limit: limit)
            }
            done.wait()
            return part.lock.withLock { part.note.map { (part.records, $0) } }
        }

        private func collect(bootID: String, upTo end: EventTime, mode: JournalOpenMode, limit: Duration) async {
            let clock = ContinuousClock()
            let deadline = clock.now + limit
            let name = mode == .system ? "the system journal" : "the journal files in \(mode.sourceName)"
            do {
                let reader = try await JournalReader(
                    mode: mode,
                    start: .bootKernelStart(bootID),
                    options: JournalReaderOptions(follow: false, threadName: "rocfault-boot")
                )
                defer { reader.stop() }
                for try await entry in reader.entries {
                    if clock.now > deadline {
                        lock.withLock { note = name + " (stopped after \(limit), before the incident)" }
                        return
                    }
                    if Self.isAfter(entry.record, end) { break }
                    if entry.record.origin == .kernel && BootKernelLog.isDriverLine(entry.record.text) {
                        lock.withLock { records.append(entry.record) }
                    }
                }
                lock.withLock { note = name }
            } catch {
                lock.withLock { note = nil }
            }
        }

        private static func isAfter(_ record: LogRecord, _ end: EventTime) -> Bool {
            if let time = record.monotonicMicroseconds, let limit = end.monotonicMicroseconds { return time > limit }
            if let time = record.realtimeMicroseconds, let limit = end.realtimeMicroseconds { return time > limit }
            return false
        }
    }
}
