import Foundation
import RocfaultPlatform
import RocfaultReport
import RocfaultSources

/// Writes the child's matching stderr lines to the journal, so a running rocfaultd records them as
/// userspace evidence of the child: `MESSAGE` (the line), `PRIORITY=3`, `SYSLOG_IDENTIFIER=rocfault-run`,
/// `ROCFAULT_PID` (the child), `ROCFAULT_COMM`, `ROCFAULT_RULE` (each matching rule id, repeated),
/// `ROCFAULT_PROCESS_START` (`/proc/PID/stat` start time, for the daemon's process key) and
/// `ROCFAULT_RUN_ID` (one value per `rocfault run`). After lines were written, one last entry says how
/// the child ended: `ROCFAULT_EXIT_SIGNAL` or `ROCFAULT_EXIT_STATUS`, `ROCFAULT_CMDLINE` (a JSON array)
/// and `ROCFAULT_EXE`, which rocfaultd keeps as the child's process record.
/// rocfaultd believes these fields only from a rocfault process of root or of the child's user.
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

    /// Writes how the child ended, with its command line, when lines about it were written (so the
    /// daemon's incident of the child carries what `run` knew).
    func recordEnd(_ termination: ChildProcess.Termination, arguments: [String], executable: String?) {
        guard enabled, failure == nil, written > 0 else { return }
        var end = [JournalField("ROCFAULT_CMDLINE", Self.json(arguments))]
        if let executable { end.append(JournalField("ROCFAULT_EXE", executable)) }
        let message: String
        switch termination {
        case .signaled(let signal, _):
            end.append(JournalField("ROCFAULT_EXIT_SIGNAL", String(signal)))
            message = "rocfault run: the command was killed by \(SignalName.name(signal))"
        case .exited(let status):
            end.append(JournalField("ROCFAULT_EXIT_STATUS", String(status)))
            message = "rocfault run: the command exited with status \(status)"
        }
        do {
            try writer.send(message: message, priority: 5, fields: fields + end)
        } catch {
            failure = "\(error)"
        }
    }

    private static func json(_ arguments: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = (try? encoder.encode(arguments)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// For the summary: whether and how the lines reached the journal.
    var note: String {
        if !enabled { return "not written (--no-journal)" }
        if let failure { return "not written: \(failure)" }
        return "\(written) line\(written == 1 ? "" : "s") written (SYSLOG_IDENTIFIER=rocfault-run)"
    }
}
