import Logging
import RocfaultCore
import RocfaultSources

/// Writes each incident to the journal with a stable MESSAGE_ID, so `journalctl MESSAGE_ID=...`
/// finds them, journal forwarding carries them off the machine, and `rocfault list
/// --journal-directory` reads them back from a central journal (see docs/daemon.md, docs/fleet.md).
/// The fields are ``IncidentAnnouncement``'s.
struct IncidentAnnouncer: Sendable {
    /// MESSAGE_ID of "an incident was recorded" (first sight of an incident).
    static let recordedMessageID = IncidentAnnouncement.recordedMessageID
    /// MESSAGE_ID of "an incident is final" (its correlation window closed).
    static let finalMessageID = IncidentAnnouncement.finalMessageID

    let writer = JournalWriter()
    let logger: Logger
    /// The gfx target of the machine's GPUs when they all share one.
    var gfxTarget: String? = nil

    /// Announces `incident` under `number`, its number in the store (`ROCFAULT_INCIDENT`, the message).
    func announce(_ incident: Incident, number: Int64, final: Bool, bootID: String?) {
        var shown = incident
        shown.isFinal = final
        let announcement = IncidentAnnouncement(
            incident: shown,
            number: number,
            gpu: incident.gpuPCIAddress,
            gfxTarget: gfxTarget,
            bootID: bootID,
            host: nil
        )
        let fields = announcement.fields.map { JournalField($0.name, $0.value) }
        do {
            try writer.send(message: announcement.message, priority: announcement.priority, fields: fields)
        } catch {
            logger.debug("could not write incident \(number) to the journal: \(error)")
        }
    }
}
