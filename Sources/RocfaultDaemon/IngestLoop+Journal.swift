import Logging
import RocfaultCore
import RocfaultSources
import RocfaultStore

extension IngestLoop {
    func handleJournal(_ entry: JournalEntry, previousBoot: Bool) {
        var record = entry.record
        // Our own log lines and incident announcements must never become evidence.
        if record.pid == ownPID || record.identifier == "rocfaultd" { return }
        let boot = record.bootID ?? bootID
        if record.origin == .kernel {
            if !previousBoot && kmsgCountsKernelLines(of: record, boot: boot) { return }
            extendJournalKernelCoverage(record, boot: boot)
        }
        if entry.fields["COREDUMP_PID"] != nil { noteCoredump(entry.fields, text: record.text) }
        if let runPID = entry.fields["ROCFAULT_PID"].flatMap({ Int32($0) }) {
            // Lines `rocfault run` saw on its child's stderr belong to the child.
            record.pid = runPID
            record.origin = .userspace
            record.identifier = entry.fields["ROCFAULT_COMM"] ?? record.identifier
        }
        ingest(record, source: previousBoot ? "journal:" + boot : "journal")
    }

    /// Whether /dev/kmsg delivers (or an earlier run of this boot delivered) this kernel line: then
    /// the journal's copy is skipped, so each kernel line counts once. Lines kmsg never had (gone
    /// from the ring before the first start, or while the daemon was down) come from the journal.
    private func kmsgCountsKernelLines(of record: LogRecord, boot: String) -> Bool {
        guard configuration.kmsgPath != nil, kmsgOpened, boot == bootID else { return false }
        return kmsg.journalCopies.skipsJournalCopy(monotonic: record.monotonicMicroseconds)
    }

    private func extendJournalKernelCoverage(_ record: LogRecord, boot: String) {
        guard let realtime = record.realtimeMicroseconds else { return }
        let time = EventTime(realtimeMicroseconds: realtime, monotonicMicroseconds: record.monotonicMicroseconds)
        if journalKernel[boot] == nil {
            journalKernel[boot] = CoverageInterval(
                source: "journal",
                bootID: boot,
                includesKernelLog: true,
                from: time,
                to: time
            )
            coverage[boot, default: KernelLogCoverageTracker()].readerStarted(from: realtime)
        }
        journalKernel[boot]?.to = time
    }

    func previousBootScanned(_ boot: String) {
        if let last = journalKernel[boot]?.to.realtimeMicroseconds {
            coverage[boot, default: KernelLogCoverageTracker()].readerStopped(at: last)
        }
        pending.cursors["previous-boot-scanned"] = boot
        perform(machine.sourceFinished("journal:" + boot, now: clock.now()))
        logger.info("scanned the previous boot \(boot)")
    }
}
