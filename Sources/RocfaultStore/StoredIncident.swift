package import Foundation
package import RocfaultCore

/// An incident as stored, with what `rocfault show` and `rocfault report` need beyond the core type.
package struct StoredIncident: Sendable, Hashable {
    /// The incident's number: short, increasing, never reused. It is the one number every surface
    /// shows (list, show, watch, run, report, JSON, the journal announcements) and the one
    /// `rocfault show`/`report` accept. `incident.id` is the daemon's internal key and is never shown.
    package var number: Int64
    /// The incident with its evidence; its `id` is the internal key (see ``shown``).
    package var incident: Incident
    /// The boot it happened in, when recorded.
    package var bootID: String?
    /// Its process's start time, when recorded.
    package var processStartTime: UInt64?
    /// Context lines per evidence index (only evidence that has some).
    package var context: [Int: EvidenceContext]
    /// The process the incident is about: the exact ``ProcessKey`` when the start time was recorded,
    /// otherwise the most recently seen process with that boot and pid.
    package var process: ProcessRecord?
    /// When the store first recorded it.
    package var createdAt: Date
    /// When the store last replaced it.
    package var updatedAt: Date

    /// Creates a stored incident.
    package init(
        number: Int64,
        incident: Incident,
        bootID: String?,
        processStartTime: UInt64?,
        context: [Int: EvidenceContext],
        process: ProcessRecord?,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.number = number
        self.incident = incident
        self.bootID = bootID
        self.processStartTime = processStartTime
        self.context = context
        self.process = process
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The incident as people see it: with ``number`` as its id, so no surface prints the internal key.
    package var shown: Incident {
        var incident = incident
        incident.id = String(number)
        return incident
    }
}
