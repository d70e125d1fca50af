import Logging
import RocfaultCore
import RocfaultSources
import RocfaultStore

#if canImport(Glibc)
import Glibc
#endif

extension IngestLoop {
    func handleJournal(_ entry: JournalEntry, previousBoot: Bool) {
        var record = entry.record
        // Our own log lines and incident announcements must never become evidence. They are known
        // by journald's trusted fields: anyone can send SYSLOG_IDENTIFIER=rocfaultd or SYSLOG_PID.
        if RocfaultFieldTrust.isDaemonsOwn(sender: entry.sender, daemonPID: ownPID, daemonUID: ownUID) { return }
        let boot = record.bootID ?? bootID
        if record.origin == .kernel {
            if !previousBoot && kmsgCountsKernelLines(of: record, boot: boot) { return }
            extendJournalKernelCoverage(record, boot: boot)
        }
        // Only systemd-coredump (root) writes core dump records; a user's COREDUMP_PID is a forgery.
        if entry.fields["COREDUMP_PID"] != nil, entry.sender.uid == 0 { noteCoredump(entry.fields, text: record.text) }
        if let runPID = believedRunChild(of: entry, previousBoot: previousBoot) {
            if noteRunChildEnd(entry, pid: runPID, boot: boot) { return }
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
        }
        journalKernel[boot]?.to = time
        // This boot's journal is followed, so it is read until now; another boot's ends at its last line.
        if let interval = journalKernel[boot] { coverageLedger.record(interval.ledgerInterval(open: boot == bootID)) }
    }

    func previousBootScanned(_ boot: String) {
        pending.cursors["previous-boot-scanned"] = boot
        perform(machine.sourceFinished("journal:" + boot, now: clock.now()))
        logger.info("scanned the previous boot \(boot)")
    }
}
