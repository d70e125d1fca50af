import Dispatch
import Foundation
import RocfaultCore
import RocfaultPlatform
import RocfaultSources
import Synchronization

/// `rocfault check` with no files: this machine's current boot, from the kernel log (`/dev/kmsg`,
/// when readable) and the journal. Kernel lines the journal also holds are taken from `/dev/kmsg`
/// once; older ones the kernel ring no longer has come from the journal.
enum LiveSystemCheck {
    static func feed(into checker: inout LogChecker) throws {
        let kernel = readKernelLog()
        if let kernel {
            checker.beginFile("/dev/kmsg")
            for record in kernel.records { checker.consume(record: record) }
            checker.endFile(readUntil: SystemClock.now())
        } else {
            Terminal.standardError.write("rocfault: /dev/kmsg is not readable; kernel lines come from the journal\n")
            if let access = KernelLogAccess.kmsgDenied() { checker.noteUnreadableKernelLog(access) }
        }
        if let access = KernelLogAccess.systemJournalDenied() { checker.noteUnreadableKernelLog(access) }
        let entries = try readJournal()
        checker.beginFile("journal")
        for entry in entries {
            let record = entry.record
            if record.origin == .kernel, let first = kernel?.firstMonotonic,
                (record.monotonicMicroseconds ?? .max) >= first
            {
                continue
            }
            checker.consume(record: record)
        }
        checker.endFile(readUntil: SystemClock.now())
    }

    private static func readKernelLog() -> (records: [LogRecord], firstMonotonic: UInt64?)? {
        guard let reader = try? KmsgReader(start: .beginning) else { return nil }
        // The ring holds this boot's lines: naming the boot puts them on one clock with the journal's.
        let boot = try? JournalBoot.currentID()
        var records: [LogRecord] = []
        while let event = try? reader.next() {
            if case .record(var entry) = event {
                entry.record.bootID = boot
                records.append(entry.record)
            }
        }
        return (records, records.first?.monotonicMicroseconds)
    }

    /// Reads the current boot's journal to its end, blocking this (non-async) command meanwhile.
    private static func readJournal() throws -> [JournalEntry] {
        let result = Mutex<Result<[JournalEntry], any Error>>(.success([]))
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                let boot = try JournalBoot.currentID()
                let options = JournalReaderOptions(follow: false)
                let reader = try await JournalReader(mode: .system, start: .bootStart(boot), options: options)
                var entries: [JournalEntry] = []
                for try await batch in reader.entries.batches { entries += batch }
                result.withLock { $0 = .success(entries) }
            } catch {
                result.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        do {
            return try result.withLock { try $0.get() }
        } catch {
            throw CLIError.usage("cannot read the journal: \(error)")
        }
    }
}
