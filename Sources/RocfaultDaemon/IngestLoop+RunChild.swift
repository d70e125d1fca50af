import Foundation
import Logging
import RocfaultCore
import RocfaultSources
import RocfaultStore
import RocfaultSystem

#if canImport(Glibc)
import Glibc
#endif

/// Entries `rocfault run` writes about its child (`ROCFAULT_PID`): believed only when journald's
/// trusted fields show a rocfault process of root or of the child's user (``RocfaultFieldTrust``).
extension IngestLoop {
    /// The pid an entry's `ROCFAULT_PID` names, when the entry has one and it is believed.
    func believedRunChild(of entry: JournalEntry, previousBoot: Bool) -> Int32? {
        guard let named = entry.fields["ROCFAULT_PID"].flatMap({ Int32($0) }) else { return nil }
        let decision = RocfaultFieldTrust.decide(
            sender: entry.sender,
            namedPID: named,
            claimedStartTime: entry.fields["ROCFAULT_PROCESS_START"].flatMap { UInt64($0) },
            named: previousBoot ? nil : ProcessOwner.named(pid: named)
        )
        switch decision {
        case .believed(let pid):
            return pid
        case .refused(let reason):
            logger.debug("ignored ROCFAULT_ fields from pid \(entry.sender.pid.map(String.init) ?? "?"): \(reason)")
            return nil
        }
    }

    /// `rocfault run`'s last entry about its child (`ROCFAULT_EXIT_SIGNAL` or `ROCFAULT_EXIT_STATUS`):
    /// the child's command line, executable and end become its process record, which the child's
    /// incident names. Returns false when the entry is not such an entry (it is then a log line).
    func noteRunChildEnd(_ entry: JournalEntry, pid: Int32, boot: String) -> Bool {
        let fields = entry.fields
        guard fields["ROCFAULT_EXIT_SIGNAL"] != nil || fields["ROCFAULT_EXIT_STATUS"] != nil else { return false }
        guard let startTime = fields["ROCFAULT_PROCESS_START"].flatMap({ UInt64($0) }) else { return true }
        let key = ProcessKey(bootID: boot, pid: pid, startTime: startTime)
        var record =
            pending.processes[key]
            ?? ProcessRecord(key: key, comm: fields["ROCFAULT_COMM"])
        record.exe = fields["ROCFAULT_EXE"] ?? record.exe
        let arguments = fields["ROCFAULT_CMDLINE"].flatMap { Self.decodeArguments($0) } ?? []
        if !arguments.isEmpty { record.cmdline = arguments }
        record.exitTime = EventTime(
            realtimeMicroseconds: entry.record.realtimeMicroseconds,
            monotonicMicroseconds: boot == bootID ? entry.record.monotonicMicroseconds : nil
        )
        record.exitSignal = fields["ROCFAULT_EXIT_SIGNAL"].flatMap { Int32($0) }
        pending.processes[key] = record
        hub.schedule(.commit, key: "commit", after: .milliseconds(10))
        return true
    }

    private static func decodeArguments(_ text: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
