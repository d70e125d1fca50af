import Logging
import RocfaultCore
import RocfaultSources

/// Writes each incident to the journal with a stable MESSAGE_ID, so `journalctl MESSAGE_ID=...`
/// finds them and journal forwarding carries them off the machine (see docs/daemon.md).
struct IncidentAnnouncer: Sendable {
    /// MESSAGE_ID of "an incident was recorded" (first sight of an incident).
    static let recordedMessageID = "7c30da61307a4535a671a33555845ec7"
    /// MESSAGE_ID of "an incident is final" (its correlation window closed).
    static let finalMessageID = "4999ecf90b7b497b95ff884579aa0a08"

    let writer = JournalWriter()
    let logger: Logger

    /// Announces `incident` under `number`, its number in the store (`ROCFAULT_INCIDENT`, the message).
    func announce(_ incident: Incident, number: Int64, final: Bool) {
        let verdict = incident.verdict
        var fields = [
            JournalField("MESSAGE_ID", final ? Self.finalMessageID : Self.recordedMessageID),
            JournalField("SYSLOG_IDENTIFIER", "rocfaultd"),
            JournalField("ROCFAULT_INCIDENT", String(number)),
            JournalField("ROCFAULT_SIDE", verdict.side.rawValue),
            JournalField("ROCFAULT_CLASS", verdict.failureClass.rawValue),
            JournalField("ROCFAULT_KERNEL_LOG", verdict.kernelLog.rawValue),
            JournalField("ROCFAULT_SIGNATURE", incident.signature),
        ]
        if let pid = incident.pid { fields.append(JournalField("ROCFAULT_PID", String(pid))) }
        if let comm = incident.comm { fields.append(JournalField("ROCFAULT_COMM", comm)) }
        if !verdict.knownIssues.isEmpty {
            fields.append(JournalField("ROCFAULT_KNOWN_ISSUES", verdict.knownIssues.joined(separator: " ")))
        }
        let state = final ? "final" : "recorded"
        let message =
            "incident \(number) \(state): \(verdict.side.rawValue) \(verdict.failureClass.rawValue)"
            + (incident.comm.map { " in \($0)" } ?? "") + (incident.pid.map { " (pid \($0))" } ?? "")
            + ", kernel log \(verdict.kernelLog.rawValue)"
        let priority = verdict.side == .kernel ? 3 : verdict.side == .none ? 6 : 4
        do {
            try writer.send(message: message, priority: priority, fields: fields)
        } catch {
            logger.debug("could not write incident \(number) to the journal: \(error)")
        }
    }
}
