import RocfaultSources

/// Writes the child's matching stderr lines to the journal, so a running rocfaultd records them as
/// userspace evidence of the child: `MESSAGE` (the line), `PRIORITY=3`, `SYSLOG_IDENTIFIER=rocfault-run`,
/// `ROCFAULT_PID` (the child), `ROCFAULT_COMM`, `ROCFAULT_RULE` (each matching rule id, repeated),
/// `ROCFAULT_PROCESS_START` (`/proc/PID/stat` start time, for the daemon's process key) and
/// `ROCFAULT_RUN_ID` (one value per `rocfault run`).
final class RunJournal {
    private let writer = JournalWriter()
    private let fields: [JournalField]
    /// Why writing stopped, after the first failure (journald not running, say).
    private(set) var failure: String?
    /// Entries written.
    private(set) var written = 0
    private let enabled: Bool

    init(enabled: Bool, pid: Int32, comm: String, startTime: UInt64?, runID: String) {
        self.enabled = enabled
        var fields = [
            JournalField("SYSLOG_IDENTIFIER", "rocfault-run"),
            JournalField("ROCFAULT_PID", String(pid)),
            JournalField("ROCFAULT_COMM", comm),
            JournalField("ROCFAULT_RUN_ID", runID),
        ]
        if let startTime { fields.append(JournalField("ROCFAULT_PROCESS_START", String(startTime))) }
        self.fields = fields
    }

    /// Writes one line that matched `rules` (one `ROCFAULT_RULE` field per rule).
    func record(line: String, rules: [String]) {
        guard enabled, failure == nil, !rules.isEmpty else { return }
        do {
            let ruleFields = rules.map { JournalField("ROCFAULT_RULE", $0) }
            try writer.send(message: line, priority: 3, fields: fields + ruleFields)
            written += 1
        } catch {
            failure = "\(error)"
        }
    }

    /// For the summary: whether and how the lines reached the journal.
    var note: String {
        if !enabled { return "not written (--no-journal)" }
        if let failure { return "not written: \(failure)" }
        return "\(written) line\(written == 1 ? "" : "s") written (SYSLOG_IDENTIFIER=rocfault-run)"
    }
}
